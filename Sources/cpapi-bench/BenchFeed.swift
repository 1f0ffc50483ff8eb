import Foundation
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

    /// The feed a while later: one offer in ten pays 10% more (all its payouts, `updatedAt` an hour
    /// later) and one in a hundred has left it. The floor section's third round.
    func changedOffers() -> [OfferFeedOffer] {
        offers().enumerated().compactMap { position, offer in
            if position % 100 == 5 { return nil }
            guard position % 10 == 3 else { return offer }
            var changed = offer
            changed.amount = Self.raised(offer.amount)
            changed.payoutsPerCountry = offer.payoutsPerCountry.map { CountryPayout(country: $0.country, amount: Self.raised($0.amount)) }
            changed.updatedAt = offer.updatedAt.addingTimeInterval(3600)
            return changed
        }
    }

    /// The changed feed a moment later: one offer in a hundred of it pays more again, `updatedAt`
    /// `now`, so an incremental fetch (`updated_since`) returns those alone. The latency round's feed.
    func touchedOffers(at now: Date) -> [OfferFeedOffer] {
        changedOffers().enumerated().map { position, offer in
            guard position % 100 == 7 else { return offer }
            var touched = offer
            touched.amount = Self.raised(offer.amount)
            touched.updatedAt = now
            return touched
        }
    }

    private static func raised(_ amount: Double) -> Double { ((amount * 1.1) * 100).rounded() / 100 + 0.01 }

    /// The source reading this feed from the server at `baseURL`, with a limit above the feed's size so
    /// that a full answer is not taken as cut short, and an API key (for the reports APIs, as real
    /// sources have), which the tool masks in every offer's raw JSON.
    func source(baseURL: String) -> SourceConfig {
        SourceConfig(
            id: "bench-\(index + 1)", baseURL: baseURL, publisherID: publisherID, apiKey: .environment(Self.apiKeyVariable),
            limit: offerCount + 1)
    }

    /// The variable the sources' API key is read from; `cpapi-bench` sets it to `apiKey` when unset.
    static let apiKeyVariable = "CPAPI_BENCH_API_KEY"
    static let apiKey = "bench7f3a9c2e51d8"
}
