import Foundation
import Testing
@testable import CPAPIKit

/// The store's reads behind a report table: per offer with the stored feed's title and currency, and
/// per offer and day.
@Suite struct ReversalReportQueryTests {
    func day(_ text: String) throws -> ReportDay { try ReportDay(parsing: text) }

    /// A store with source `cp`, offer 10 in its feed (EUR), and reversals of offers 10, 11 (not in the
    /// feed) and of no offer, one of them before the range asked.
    func prepared(_ scratch: ScratchFolder) throws -> WorkspaceStore {
        let store = try scratch.makeStore()
        let now = Date(timeIntervalSince1970: 1_770_000_000)
        try store.pool.write { db in
            _ = try WorkspaceStore.upsertSourceConfig(SourceConfig(id: "cp", baseURL: "http://127.0.0.1:9", publisherID: "1"), at: now, db: db)
        }
        _ = try store.storeFetch(
            sourceID: "cp",
            result: FetchResult(
                offers: [
                    DemandOffer(
                        key: OfferKey(sourceID: "cp", externalID: "10"), title: "Ten",
                        payout: Payout(amount: 1, currency: "EUR"), contentHash: "h10")
                ],
                mayBeCutShort: false, bytes: 0),
            policy: MissingMarkingPolicy(fetchKind: .full, mayBeCutShort: false, limit: 10, maxMissingShare: 1),
            runID: nil, startedAt: now, now: now)
        func reversal(_ lead: String, _ offer: String?, _ amount: Double, _ on: String) throws -> Reversal {
            Reversal(sourceID: "cp", key: "lead:\(lead)", leadID: lead, offerID: offer, amount: amount, day: try day(on), rawJSON: "{}")
        }
        try store.storeReversalWindow(
            sourceID: "cp", window: ReportWindow(start: try day("2026-02-01"), end: try day("2026-02-28")),
            reversals: [
                try reversal("a", "10", 1, "2026-02-02"), try reversal("b", "10", 2, "2026-02-10"),
                try reversal("c", "10", 4, "2026-02-10"), try reversal("d", "11", 8, "2026-02-11"),
                try reversal("e", nil, 16, "2026-02-12"), try reversal("f", "11", 32, "2026-02-20")
            ],
            fetchedAt: now)
        return store
    }

    @Test func reversedOffersCarryTheStoredFeedsTitleAndCurrency() throws {
        let scratch = try ScratchFolder(); defer { scratch.remove() }
        let store = try prepared(scratch)
        let lines = try store.reversedOffers(sourceID: "cp", from: try day("2026-02-05"), to: try day("2026-02-28"))
        #expect(
            lines == [
                ReversedOffer(offerID: "10", count: 2, amount: 6, isStored: true, title: "Ten", currency: "EUR"),
                ReversedOffer(offerID: "11", count: 2, amount: 40),
                ReversedOffer(offerID: nil, count: 1, amount: 16)
            ])
    }

    @Test func reversalDaysByOfferListOnlyTheDaysWithReversals() throws {
        let scratch = try ScratchFolder(); defer { scratch.remove() }
        let store = try prepared(scratch)
        let days = try store.reversalDaysByOffer(sourceID: "cp", from: try day("2026-02-05"), to: try day("2026-02-15"))
        #expect(days["10"] == [ReversalDayCount(day: try day("2026-02-10"), count: 2, amount: 6)])
        #expect(days["11"] == [ReversalDayCount(day: try day("2026-02-11"), count: 1, amount: 8)], "the 20th is after the range")
        #expect(days[nil as String?] == [ReversalDayCount(day: try day("2026-02-12"), count: 1, amount: 16)])
        #expect(days.count == 3)
    }

    @Test func addingDaysCrossesMonthsAndYears() throws {
        #expect(try day("2026-02-27").adding(days: 2) == (try day("2026-03-01")))
        #expect(try day("2026-01-01").adding(days: -1) == (try day("2025-12-31")))
        #expect(try day("2024-02-28").adding(days: 1) == (try day("2024-02-29")))
        #expect(try day("2026-03-20").adding(days: -29).description == "2026-02-19")
    }
}
