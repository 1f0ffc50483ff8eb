import Foundation
import Synchronization
@testable import CPAPIKit

/// Feeds scripted per source: each fetch takes the next answer (the last one repeats), and the
/// requests are recorded. Stands in for the HTTP adapter in the feed sync's unit tests.
final class FeedSyncStubFeeds: Sendable {
    private let answers: Mutex<[String: [Result<FetchResult, FetchFailure>]]> = Mutex([:])
    private let requests: Mutex<[String: [FetchRequest]]> = Mutex([:])

    func script(_ sourceID: String, _ results: Result<FetchResult, FetchFailure>...) {
        answers.withLock { $0[sourceID, default: []] += results }
    }

    func serve(_ sourceID: String, _ offers: [DemandOffer], cutShort: Bool = false) {
        script(sourceID, .success(FetchResult(offers: offers, mayBeCutShort: cutShort, bytes: offers.count * 100)))
    }

    func fail(_ sourceID: String, _ reason: String = "HTTP 500 from the source", status: Int = 500) {
        script(sourceID, .failure(FetchFailure(at: Date(timeIntervalSince1970: 0), reason: reason, httpStatus: status)))
    }

    func requestsMade(_ sourceID: String) -> [FetchRequest] { requests.withLock { $0[sourceID] ?? [] } }

    fileprivate func next(_ sourceID: String, _ request: FetchRequest) -> Result<FetchResult, FetchFailure> {
        requests.withLock { $0[sourceID, default: []].append(request) }
        return answers.withLock { all in
            guard var queue = all[sourceID], !queue.isEmpty else {
                return .failure(FetchFailure(at: Date(timeIntervalSince1970: 0), reason: "no scripted answer for \(sourceID)"))
            }
            let answer = queue.count > 1 ? queue.removeFirst() : queue[0]
            all[sourceID] = queue
            return answer
        }
    }

    /// The factory the sync is given.
    var factory: DemandSourceMaker {
        { config in FeedSyncStubSource(config: config, feeds: self) }
    }
}

/// One source over scripted feeds.
struct FeedSyncStubSource: DemandSource {
    let config: SourceConfig
    let feeds: FeedSyncStubFeeds

    func fetchOffers(_ request: FetchRequest) async throws(FetchFailure) -> FetchResult {
        try feeds.next(config.id, request).get()
    }
}
