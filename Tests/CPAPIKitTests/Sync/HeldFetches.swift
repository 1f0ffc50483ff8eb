import Foundation
import Synchronization
@testable import CPAPIKit

/// Fetches that wait until the test lets them go, one at a time; each then answers one offer.
final class HeldFetches: Sendable {
    private let held = Mutex<[CheckedContinuation<Void, Never>]>([])

    var waiting: Int { held.withLock { $0.count } }

    func releaseOne() {
        let next = held.withLock { $0.isEmpty ? nil : $0.removeFirst() }
        next?.resume()
    }

    func hold() async {
        await withCheckedContinuation { continuation in held.withLock { $0.append(continuation) } }
    }

    var factory: DemandSourceMaker {
        { config in HeldSource(config: config, fetches: self) }
    }

    struct HeldSource: DemandSource {
        let config: SourceConfig
        let fetches: HeldFetches

        func fetchOffers(_ request: FetchRequest) async throws(FetchFailure) -> FetchResult {
            await fetches.hold()
            return FetchResult(offers: [OfferFixtures.offer("1", source: config.id)], mayBeCutShort: false, bytes: 100)
        }
    }
}
