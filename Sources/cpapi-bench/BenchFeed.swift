import CPAPIKit
import LoopbackServers

/// One of the benchmark's generated feeds: the publisher it is served to, how its offers are made, and
/// the source that reads it. The feed server (`cpapi-bench serve-feeds`) and the bench process each
/// derive the same feeds from the same two numbers, so only those cross between them.
struct BenchFeed {
    /// 0-based; the source ids count from 1.
    let index: Int
    let offerCount: Int

    /// `sourceCount` feeds of `offersPerSource` offers each.
    static func all(sourceCount: Int, offersPerSource: Int) -> [BenchFeed] {
        (0..<sourceCount).map { BenchFeed(index: $0, offerCount: offersPerSource) }
    }

    var publisherID: String { "\(9000 + index)" }

    /// The feed's offers, the same on every run.
    func offers() -> [OfferFeedOffer] {
        OfferFeedGenerator(seed: UInt64(index + 1), firstID: (index + 1) * 1_000_000, publisherID: publisherID)
            .offers(count: offerCount)
    }

    /// The source reading this feed from the server at `baseURL`, with a limit above the feed's size so
    /// that a full answer is not taken as cut short.
    func source(baseURL: String) -> SourceConfig {
        SourceConfig(id: "bench-\(index + 1)", baseURL: baseURL, publisherID: publisherID, limit: offerCount + 1)
    }
}
