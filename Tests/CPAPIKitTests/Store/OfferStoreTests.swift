import Foundation
import GRDB
import Testing
@testable import CPAPIKit

@Suite struct OfferStoreTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func fullPolicy(cutShort: Bool = false, share: Double = 0.5) -> MissingMarkingPolicy {
        MissingMarkingPolicy(fetchKind: .full, mayBeCutShort: cutShort, limit: 5000, maxMissingShare: share)
    }

    func store(
        _ offers: [DemandOffer], in store: WorkspaceStore, at date: Date,
        policy: MissingMarkingPolicy? = nil
    ) throws -> FeedStoreOutcome {
        try store.storeFetch(
            sourceID: "s1", result: FetchResult(offers: offers, mayBeCutShort: false, bytes: 0),
            policy: policy ?? fullPolicy(), runID: nil, startedAt: date, now: date)
    }

    @Test func unchangedOffersStoredWithoutAnEntryHashAreGivenTheirs() async throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let workspace = try dir.makeStore()
        try OfferFixtures.addSources([OfferFixtures.sourceConfig()], to: workspace, at: start)
        let offers = OfferFixtures.offers(1...3)
        _ = try store(offers, in: workspace, at: start)  // as before entry hashes: none stored
        #expect(try await workspace.knownEntries(sourceID: "s1").isEmpty)

        let later = start.addingTimeInterval(60)
        let hashed = FetchResult(offers: offers, mayBeCutShort: false, bytes: 0, entryHashes: [11, 12, 13])
        let outcome = try await workspace.storeFetch(
            sourceID: "s1", result: hashed, policy: fullPolicy(), runID: nil, startedAt: later, now: later)
        #expect(outcome.unchanged == 3 && outcome.changed == 0)
        #expect(try await workspace.knownEntries(sourceID: "s1") == [11: "1", 12: "2", 13: "3"])

        // Passed over as unchanged next time: still in the feed, nothing marked missing.
        let passed = FetchResult(offers: [], mayBeCutShort: false, bytes: 0, unchanged: ["1", "2", "3"])
        let again = try await workspace.storeFetch(
            sourceID: "s1", result: passed, policy: fullPolicy(), runID: nil, startedAt: later, now: later)
        #expect(again.fetched == 3 && again.unchanged == 3 && again.missing == 0)
    }

    @Test func upsertCountsNewChangedUnchangedAndInvalid() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let workspace = try dir.makeStore()
        try OfferFixtures.addSources([OfferFixtures.sourceConfig()], to: workspace, at: start)

        var first = OfferFixtures.offers(1...4)
        first.append(OfferFixtures.offer("5", valid: false))
        let outcome = try store(first, in: workspace, at: start)
        #expect(outcome.fetched == 5 && outcome.new == 5 && outcome.changed == 0 && outcome.invalid == 1)

        var second = OfferFixtures.offers(1...4)
        second[0] = OfferFixtures.offer("1", payout: 9)
        second.append(OfferFixtures.offer("5", valid: false))
        second.append(OfferFixtures.offer("6"))
        let again = try store(second, in: workspace, at: start.addingTimeInterval(60))
        #expect(again.new == 1 && again.changed == 1 && again.unchanged == 4 && again.invalid == 1 && again.missing == 0)
        #expect(try workspace.offer(OfferKey(sourceID: "s1", externalID: "1"))?.payout.amount == 9)
    }

    @Test func unchangedFeedWritesNothing() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let workspace = try dir.makeStore()
        try OfferFixtures.addSources([OfferFixtures.sourceConfig()], to: workspace, at: start)
        _ = try store(OfferFixtures.offers(1...50), in: workspace, at: start)
        let before = try workspace.offers(sourceID: "s1")

        // Count row changes to demand_offers made by the store phase of an identical fetch.
        let later = start.addingTimeInterval(3600)
        let changes = try workspace.pool.write { db -> Int in
            let base = db.totalChangesCount
            let outcome = try WorkspaceStore.storeFetch(
                sourceID: "s1", result: FetchResult(offers: OfferFixtures.offers(1...50), mayBeCutShort: false, bytes: 0),
                policy: fullPolicy(), runID: nil, startedAt: later, now: later, db: db)
            #expect(outcome.unchanged == 50 && outcome.new == 0 && outcome.changed == 0)
            // Only the source's state row is written (last fetch times).
            return db.totalChangesCount - base
        }
        #expect(changes == 1)
        #expect(try workspace.offers(sourceID: "s1") == before)
    }

    @Test func firstSeenIsKeptAndUpdatedAtMovesOnlyOnChange() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let workspace = try dir.makeStore()
        try OfferFixtures.addSources([OfferFixtures.sourceConfig()], to: workspace, at: start)
        _ = try store([OfferFixtures.offer("1"), OfferFixtures.offer("2")], in: workspace, at: start)
        let later = start.addingTimeInterval(600)
        _ = try store([OfferFixtures.offer("1", title: "Renamed"), OfferFixtures.offer("2")], in: workspace, at: later)
        let one = try #require(try workspace.offer(OfferKey(sourceID: "s1", externalID: "1")))
        let two = try #require(try workspace.offer(OfferKey(sourceID: "s1", externalID: "2")))
        #expect(one.firstSeenAt == start && one.updatedAt == later && one.title == "Renamed")
        #expect(two.firstSeenAt == start && two.updatedAt == start)
    }

    @Test func repeatedExternalIDInOneFetchKeepsTheLast() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let workspace = try dir.makeStore()
        try OfferFixtures.addSources([OfferFixtures.sourceConfig()], to: workspace, at: start)
        let outcome = try store(
            [OfferFixtures.offer("1", title: "First"), OfferFixtures.offer("1", title: "Second")],
            in: workspace, at: start)
        #expect(outcome.fetched == 1 && outcome.new == 1)
        #expect(try workspace.offer(OfferKey(sourceID: "s1", externalID: "1"))?.title == "Second")
    }

    @Test func listColumnsRoundTripAnyText() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let workspace = try dir.makeStore()
        try OfferFixtures.addSources([OfferFixtures.sourceConfig()], to: workspace, at: start)
        var offer = OfferFixtures.offer("1")
        offer.categories = ["quote \" back\\slash", "line\nbreak\ttab\u{1}", "ünï ✓ /"]
        offer.countryPayouts = [CountryPayout(country: "US", amount: 1.25), CountryPayout(country: "CA", amount: 1e-7)]
        offer.caps = [OfferCap(period: "day", type: "conversions", value: 500)]
        offer.invalidReasons = ["no \"title\""]
        _ = try store([offer], in: workspace, at: start)
        let stored = try #require(try workspace.offer(offer.key))
        #expect(stored.categories == offer.categories && stored.countryPayouts == offer.countryPayouts)
        #expect(stored.caps == offer.caps && stored.invalidReasons == offer.invalidReasons)
    }

    @Test func offersArePagedInKeyOrder() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let workspace = try dir.makeStore()
        try OfferFixtures.addSources([OfferFixtures.sourceConfig(), OfferFixtures.sourceConfig("s2")], to: workspace, at: start)
        _ = try store(OfferFixtures.offers(1...7), in: workspace, at: start)
        _ = try workspace.storeFetch(
            sourceID: "s2",
            result: FetchResult(
                offers: OfferFixtures.offers(1...3, source: "s2"),
                mayBeCutShort: false, bytes: 0),
            policy: fullPolicy(), runID: nil, startedAt: start, now: start)
        var keys: [OfferKey] = []
        var after: OfferKey?
        repeat {
            let page = try workspace.offers(after: after, limit: 4)
            keys += page.map(\.key)
            after = page.count == 4 ? page.last?.key : nil
        } while after != nil
        #expect(keys.count == 10)
        #expect(keys == keys.sorted())
        let counts = try workspace.offerCounts()
        #expect(counts["s1"]?.total == 7 && counts["s2"]?.inFeed == 3)
    }

    @Test func appendedEventsAreListedByOfferAndRecency() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let workspace = try dir.makeStore()
        try OfferFixtures.addSources([OfferFixtures.sourceConfig()], to: workspace, at: start)
        _ = try store([OfferFixtures.offer("1")], in: workspace, at: start)
        try workspace.pool.write { db in
            try WorkspaceStore.insertEvents(
                [
                    SyncEvent(at: start, sourceID: "s1", offerExternalID: "1", campaignID: "c", kind: .created, message: "a"),
                    SyncEvent(at: start, sourceID: "s1", offerExternalID: "2", kind: .created, message: "b")
                ], db: db)
        }
        let ofOne = try workspace.events(for: OfferKey(sourceID: "s1", externalID: "1"))
        #expect(ofOne.map(\.kind) == [.created, .offerNew])
        #expect(try workspace.recentEvents(limit: 1).first?.message == "b")
    }
}
