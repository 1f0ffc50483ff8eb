import Foundation
import Testing
@testable import CPAPIKit

/// The events say what changed: the store phase's `offer_changed` and the push's `status_pushed`,
/// as stored in the workspace.
@Suite struct EventWordingTests {
    typealias W = RulesWorld

    static let key = OfferKey(sourceID: W.sourceID, externalID: "1")

    func events(_ world: RulesWorld, _ kind: SyncEventKind) throws -> [String] {
        try world.store.events(for: Self.key).filter { $0.kind == kind }.map(\.message)
    }

    @Test func aChangedOfferIsStoredWithWhatChanged() async throws {
        try await W.with(.local) { world in
            try world.feed([W.offer("1", amount: 2.52), W.offer("2")])
            try world.feed([W.offer("1", amount: 2.82, countries: ["NZ", "US"]), W.offer("2")])
            #expect(try events(world, .offerChanged) == ["payout 2.52 → 2.82 USD; countries +NZ"])
            #expect(try world.store.events(for: OfferKey(sourceID: W.sourceID, externalID: "2")).map(\.kind) == [.offerNew])
        }
    }

    /// The sync's own path: rows prepared before the write transaction, the changes told inside it.
    @Test func theAsynchronousStorePhaseWordsItsChangesToo() async throws {
        try await W.with(.local) { world in
            try world.feed([W.offer("1", title: "Old", amount: 1)])
            let outcome = try await world.store.storeFetch(
                sourceID: W.sourceID, result: FetchResult(offers: [W.offer("1", title: "New", amount: 1)], mayBeCutShort: false, bytes: 0),
                policy: MissingMarkingPolicy(fetchKind: .full, mayBeCutShort: false, limit: 5000, maxMissingShare: 1),
                runID: nil, startedAt: world.clock.now(), now: world.clock.now())
            #expect(outcome.changed == 1)
            #expect(try events(world, .offerChanged) == ["title “Old” → “New”"])
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func aPausedMissingOfferSaysItsStatusBeforeAndAfterAndSinceWhen(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(status: .source))
            try world.feed([W.offer("1"), W.offer("2")])
            try await world.sync()
            // 1_800_000_000 is 08:00 UTC: missing from then, paused two hours later the same day.
            try world.feed([W.offer("2")])
            world.clock.advance(W.grace)
            try await world.sync()
            #expect(
                try events(world, .statusPushed) == ["tier1 cpalead:1: status active → suspended (missing since 08:00 UTC)"])
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func anUpdateSaysThePayoutItPushedBeforeAndAfter(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(percent: 70))
            try world.feed([W.offer("1", amount: 1)])
            try await world.sync()
            try world.feed([W.offer("1", amount: 3)])
            try await world.sync()
            #expect(try events(world, .updated) == ["tier1 cpalead:1: updated payments US 0.70 → 2.10 USD"])
        }
    }

    @Test func aTimeOnAnotherDayHasItsDate() {
        let missing = Date(timeIntervalSince1970: 1_800_000_000)
        #expect(PushEventWording.time(missing, at: missing.addingTimeInterval(3600)) == "08:00 UTC")
        #expect(PushEventWording.time(missing, at: missing.addingTimeInterval(86_400)) == "2027-01-15 08:00 UTC")
    }
}

/// The payout an update pushes, before and after.
@Suite struct PushPaymentsWordingTests {
    static func payment(_ countries: [String], _ revenue: Double, _ currency: String = "USD") -> PlatformPayment {
        PlatformPayment(countries: countries, total: revenue * 2, revenue: revenue, currency: currency, type: "fixed")
    }

    @Test func changedRowsByCountriesWithOneCurrency() {
        let before = [Self.payment(["US"], 1.4), Self.payment(["CA", "DE"], 1.1), Self.payment(["GB"], 2)]
        let after = [Self.payment(["US"], 1.51), Self.payment(["CA", "DE"], 1.2), Self.payment(["GB"], 2)]
        #expect(PushEventWording.payments(from: before, to: after) == "payments US 1.40 → 1.51, CA DE 1.10 → 1.20 USD")
        #expect(PushEventWording.payments(from: [Self.payment([], 1)], to: [Self.payment([], 0.5)]) == "payments all countries 1.00 → 0.50 USD")
    }

    @Test func aChangeOfCurrencyAndNothingToCompare() {
        #expect(
            PushEventWording.payments(from: [Self.payment(["US"], 1)], to: [Self.payment(["US"], 0.9, "EUR")])
                == "payments US 1.00 USD → 0.90 EUR")
        #expect(PushEventWording.payments(from: nil, to: [Self.payment(["US"], 1)]) == "payments")
        #expect(PushEventWording.payments(from: [Self.payment(["US"], 1)], to: [Self.payment(["NZ"], 1)]) == "payments")
    }
}
