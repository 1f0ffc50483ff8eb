import Foundation
import Testing
@testable import CPAPIKit

/// A run skips decoding and planning the placements it finds settled (`PlanFingerprint`), and takes
/// the full path again for any whose inputs or platform offer changed.
@Suite struct SettledPlacementTests {
    typealias W = RulesWorld

    private func load(_ world: RulesWorld) async throws -> PlanLoad {
        let source = try #require(try world.store.source(id: W.sourceID))
        return try await MatchPhase(store: world.store, unmatchedOffers: world.reconciler.unmatchedOffers).run(source: source).load
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func placementsLeftInStepAreSettledForTheNextRun(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign())
            try world.feed([W.offer("1"), W.offer("2")])
            #expect(try await load(world).settled.isEmpty, "nothing is settled before it is in the platform")
            try await world.sync()
            let settled = try await load(world)
            #expect(settled.works.isEmpty)
            let platformID = try #require(try world.placement("1").platformOfferID)
            #expect(
                settled.settled[try #require(try world.placement("1").id)]
                    == PlatformOfferState(id: platformID, externalOfferID: "1", status: .active))
            #expect(settled.settled.count == 2)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func aChangedOfferIsPlannedAgainAndTheOthersStaySettled(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign())
            try world.feed([W.offer("1"), W.offer("2")])
            try await world.sync()
            try world.feed([W.offer("1", amount: 4), W.offer("2")])
            let changed = try await load(world)
            #expect(changed.works.map(\.key.externalID) == ["1"])
            #expect(changed.settled.count == 1)
            #expect(try await world.sync().updated == 1)
            #expect(try await load(world).settled.count == 2, "in step again after the update")
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func aCampaignChangePlansEveryPlacementAgain(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(percent: 70))
            try world.feed([W.offer("1", amount: 2), W.offer("2", amount: 2)])
            try await world.sync()
            try world.apply(W.campaign(percent: 50))
            #expect(try await load(world).settled.isEmpty)
            #expect(try await world.sync().updated == 2)
            #expect(try await world.platformOffer("2")?.fields.payments?.map(\.revenue) == [1.0])
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func aSettledOfferPausedByHandTakesTheFullPath(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(status: .active))
            try world.feed([W.offer("1"), W.offer("2")])
            try await world.sync()
            try await world.harness.pauseByHand(try #require(try world.placement("2").platformOfferID))
            world.platform.resetCounts()
            let outcome = try await world.sync()
            #expect(outcome.updated == 1 && outcome.failed == 0)
            #expect(world.platform.counts.statusCalls == 1)
            #expect(try await world.platformOffer("2")?.status == .active)
            #expect(try world.placement("2").lastObserved == nil, "the push undid the drift: the store agrees with the platform")
            #expect(try world.placement("2").knownPlatformStatus == .active)
            #expect(try world.placement("1").lastObserved == nil)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func anExcludedPlacementIsNeverReadAgainAndStillKeepsItsOfferFromBeingPlacedAgain(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign())
            try world.feed([W.offer("1"), W.offer("2")])
            try await world.sync()
            try await world.harness.deleteByHand(try #require(try world.placement("1").platformOfferID))
            #expect(try await world.sync().excluded == 1)
            let load = try await load(world)
            #expect(load.works.isEmpty && load.settled.count == 1, "the excluded placement is not loaded at all")
            world.platform.resetCounts()
            try world.feed([W.offer("1", amount: 5), W.offer("2")])
            #expect(try await world.sync() == ReconcileOutcome())
            #expect(world.platform.counts == RecordingPlatform.Counts(), "never re-created by that campaign")
            #expect(try world.placement("1").state == .excluded)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func placementsOfAnEarlierRunRecordTheirFingerprintOnceWithoutAPlatformWrite(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign())
            try world.feed([W.offer("1")])
            try await world.sync()
            // As an earlier version left it: the offer's content hash where the fingerprint goes.
            var placement = try world.placement("1")
            let fingerprint = placement.lastPushedHash
            placement.lastPushedHash = "0123456789abcdef"
            let earlier = placement
            try await world.store.pool.write { db in try WorkspaceStore.updatePlacement(earlier, at: world.clock.now(), db: db) }
            #expect(try await load(world).settled.isEmpty)
            world.platform.resetCounts()
            let outcome = try await world.sync()
            #expect(outcome == ReconcileOutcome())
            #expect(world.platform.counts == RecordingPlatform.Counts())
            #expect(try world.placement("1").lastPushedHash == fingerprint)
            #expect(try await load(world).settled.count == 1)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func offersACampaignDoesNotMatchAreJudgedAgainOnlyWhenTheyOrItChange(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(filters: CampaignFilters(countries: ["DE"])))
            try world.feed([W.offer("1", countries: ["US"]), W.offer("2", countries: ["US"]), W.offer("3", countries: ["DE"])])
            #expect(try await world.sync().created == 1)
            #expect(world.reconciler.unmatchedOffers.count == 2)
            #expect(try await load(world).works.isEmpty, "nothing to read: 1 settled, 2 known not to match")

            try world.feed([W.offer("1", countries: ["DE"]), W.offer("2", countries: ["US"]), W.offer("3", countries: ["DE"])])
            #expect(try await world.sync().created == 1, "a changed offer is judged again")
            #expect(world.reconciler.unmatchedOffers.count == 1)

            try world.apply(W.campaign(filters: CampaignFilters(countries: ["DE", "US"])))
            #expect(try await world.sync().created == 1, "a changed campaign judges every offer again")
            #expect(world.reconciler.unmatchedOffers.count == 0)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func theRunPlansFromItsFetchOnlyWhatTheStoreHoldsAsFetched(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(percent: 50))
            try world.feed([W.offer("1", amount: 2), W.offer("2", amount: 2)])
            let source = try #require(try world.store.source(id: W.sourceID))
            let run = try world.store.insertRun(SyncRun(sourceID: W.sourceID, kind: .full, startedAt: world.clock.now()))
            // Offer 1 as fetched is not what was stored (another content hash): the store's is planned.
            let outcome = await world.reconciler.reconcile(
                run: run, source: source, fetched: [W.offer("1", amount: 9), W.offer("2", amount: 2)],
                progress: { _ in })
            #expect(outcome.created == 2)
            #expect(try await world.platformOffer("1")?.fields.payments?.map(\.total) == [2])
            #expect(try await world.platformOffer("2")?.fields.payments?.map(\.revenue) == [1])
        }
    }

    @Test func theFingerprintChangesWithEachInput() {
        let campaign = W.campaign()
        let digest = PlanFingerprint.campaignDigest(campaign)
        let base = PlanFingerprint.of(campaignDigest: digest, offerContentHash: "a", trackingParams: "subid={clickid}")
        #expect(
            base
                == PlanFingerprint.of(
                    campaignDigest: PlanFingerprint.campaignDigest(campaign), offerContentHash: "a",
                    trackingParams: "subid={clickid}"))
        #expect(base != PlanFingerprint.of(campaignDigest: digest, offerContentHash: "b", trackingParams: "subid={clickid}"))
        #expect(base != PlanFingerprint.of(campaignDigest: digest, offerContentHash: "a", trackingParams: nil))
        var filtered = campaign
        filtered.filters.countries = ["US"]
        #expect(PlanFingerprint.campaignDigest(filtered) != digest)
        var renamed = campaign
        renamed.syncRules[.title] = .firstSync
        #expect(PlanFingerprint.campaignDigest(renamed) != digest)
    }
}
