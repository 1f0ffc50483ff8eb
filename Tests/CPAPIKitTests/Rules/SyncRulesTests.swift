import Foundation
import Synchronization
import Testing
@testable import CPAPIKit
import LoopbackServers

/// The rules of docs/RULES.md, end to end: store → reconciler → platform (local and fake Affise over loopback).
@Suite struct SyncRulesTests {
    typealias W = RulesWorld

    // Rule 1
    @Test(arguments: PlatformUnderTest.allCases)
    func newValidMatchedOfferIsCreatedWithCampaignDefaults(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(status: .source, percent: 70))
            try world.feed([W.offer("1", amount: 2.0), W.offer("2")])
            let outcome = try await world.sync()
            #expect(outcome.created == 2 && outcome.failed == 0 && outcome.status == .succeeded)
            let offer = try #require(try await world.platformOffer("1"))
            #expect(offer.status == .active)
            #expect(offer.externalOfferID == "1")
            #expect(offer.fields.url == "https://www.cpalead.com/view.php?id=1&subid={clickid}&subid2={pid}")
            #expect(offer.fields.advertiser == "5a0c0f5e8a1b2c3d4e5f6a7b")
            #expect(offer.fields.payments?.map(\.total) == [2.0])
            #expect(offer.fields.payments?.map(\.revenue) == [1.4])
            let placement = try world.placement("1")
            #expect(placement.state == .live && placement.createAttemptedAt == nil && placement.lastError == nil)
            let events = try world.store.events(for: OfferKey(sourceID: W.sourceID, externalID: "1"))
            #expect(events.contains { $0.kind == .created })
        }
    }

    // Rule 2
    @Test(arguments: PlatformUnderTest.allCases)
    func changedOfferSendsOnlyChangedAlwaysFields(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(rules: [.title: .firstSync]))
            try world.feed([W.offer("1", title: "First", amount: 1.0)])
            try await world.sync()
            try world.feed([W.offer("1", title: "Renamed", amount: 3.0)])
            let outcome = try await world.sync()
            #expect(outcome.updated == 1)
            let offer = try #require(try await world.platformOffer("1"))
            #expect(offer.fields.title == "First", "first_sync: never updated")
            #expect(offer.fields.payments?.first?.total == 3.0)
            #expect(offer.fields.payments?.first?.revenue == 2.1)
            if let affise = world.harness.affise {
                let edit = try #require(await affise.requests().last { $0.endpoint == .edit })
                #expect(edit.values("title").isEmpty)
                #expect(edit.values("url").isEmpty)
                #expect(edit.values("payments[0][total]") == ["3.0"] || edit.values("payments[0][total]") == ["3"])
            }
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func unchangedFeedMakesNoWrite(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign())
            try world.feed([W.offer("1"), W.offer("2")])
            try await world.sync()
            let before = try #require(try await world.platformOffer("1"))
            let placementBefore = try world.placement("1")
            world.platform.resetCounts()
            await world.harness.affise?.clearRequests()
            world.clock.advance(60)
            try world.feed([W.offer("1"), W.offer("2")])
            let outcome = try await world.sync()
            #expect(world.platform.counts == RecordingPlatform.Counts())
            #expect(outcome == ReconcileOutcome())
            let after = try #require(try await world.platformOffer("1"))
            #expect(after.updatedAt == before.updatedAt)
            // The platform holds what was pushed: nothing to record on the placement either.
            #expect(try world.placement("1") == placementBefore)
            if let affise = world.harness.affise {
                #expect(await affise.requests().allSatisfy { $0.method == "GET" })
            }
        }
    }

    // Rule 3
    @Test(arguments: PlatformUnderTest.allCases)
    func offerDisabledByHandIsExcludedForEver(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(status: .active))
            try world.feed([W.offer("1")])
            try await world.sync()
            let id = try #require(try world.placement("1").platformOfferID)
            try await world.harness.disableByHand(id)
            let outcome = try await world.sync()
            #expect(outcome.excluded == 1)
            #expect(try world.placement("1").state == .excluded)
            world.platform.resetCounts()
            try world.feed([W.offer("1", title: "Changed", amount: 9)])
            try await world.sync()
            #expect(world.platform.counts.writes == 0)
            #expect(try await world.platformOffer("1")?.status == .stopped)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func offerDisabledByTheCampaignDefaultKeepsSyncing(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(status: .disabled))
            try world.feed([W.offer("1")])
            try await world.sync()
            #expect(try await world.platformOffer("1")?.status == .stopped)
            try world.feed([W.offer("1", title: "Renamed")])
            let outcome = try await world.sync()
            #expect(outcome.excluded == 0 && outcome.updated == 1)
            #expect(try world.placement("1").state == .live)
            #expect(try await world.platformOffer("1")?.fields.title == "Renamed")
        }
    }

    // Rule 4
    @Test(arguments: PlatformUnderTest.allCases)
    func offerDeletedInThePlatformIsExcludedAndNeverRecreated(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign())
            try world.feed([W.offer("1"), W.offer("2")])
            try await world.sync()
            try await world.harness.deleteByHand(try #require(try world.placement("1").platformOfferID))
            try await world.harness.removeExternalIDByHand(try #require(try world.placement("2").platformOfferID))
            let outcome = try await world.sync()
            #expect(outcome.excluded == 2 && outcome.created == 0)
            #expect(try world.placement("1").state == .excluded)
            #expect(try world.placement("2").state == .excluded)
            try await world.sync()
            #expect(try await world.platformOffers(external: "1").isEmpty, "never re-created by that campaign")
            try world.apply(W.campaign("other"))
            try await world.sync()
            #expect(try await world.platformOffers(external: "1").count == 1, "another campaign makes its own")
        }
    }

    // Rule 5
    @Test(arguments: PlatformUnderTest.allCases)
    func offerMissingLongerThanGraceIsPausedAndResumesWhenBack(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(status: .source))
            try world.feed([W.offer("1"), W.offer("2")])
            try await world.sync()
            try world.feed([W.offer("2")])
            world.clock.advance(W.grace - 1)
            try await world.sync()
            #expect(try await world.platformOffer("1")?.status == .active, "not before the grace")
            world.clock.advance(1)
            let paused = try await world.sync()
            #expect(paused.paused == 1)
            #expect(try world.placement("1").state == .pausedMissing)
            #expect(try await world.platformOffer("1")?.status == .suspended)
            try world.feed([W.offer("1"), W.offer("2")])
            try await world.sync()
            #expect(try world.placement("1").state == .live)
            #expect(try await world.platformOffer("1")?.status == .active)
        }
    }

    // Rule 6
    @Test(arguments: PlatformUnderTest.allCases)
    func placementsOfADeletedSourceArePausedAfterGrace(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(status: .active))
            try world.feed([W.offer("1")])
            try await world.sync()
            #expect(try world.store.archiveSource(id: W.sourceID, at: world.clock.now()))
            world.clock.advance(W.grace - 1)
            _ = await world.reconciler.reconcileArchivedSources()
            #expect(try await world.platformOffer("1")?.status == .active)
            world.clock.advance(1)
            let outcomes = await world.reconciler.reconcileArchivedSources()
            #expect(outcomes[W.sourceID]?.paused == 1)
            #expect(try world.placement("1").state == .pausedSourceGone)
            #expect(try await world.platformOffer("1")?.status == .suspended)
        }
    }

    // Rule 7
    @Test(arguments: PlatformUnderTest.allCases)
    func disabledOrDeletedCampaignFreezesItsPlacements(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(status: .active))
            try world.feed([W.offer("1")])
            try await world.sync()
            #expect(try world.store.setCampaignEnabled(id: "tier1", enabled: false, at: world.clock.now()))
            world.platform.resetCounts()
            try world.feed([W.offer("1", title: "Changed"), W.offer("new")])
            world.clock.advance(W.grace * 3)
            try world.feed([W.offer("new")])
            try await world.sync()
            #expect(world.platform.counts.writes == 0)
            #expect(try await world.platformOffer("1")?.status == .active)
            #expect(try world.placement("1").state == .live)
        }
    }

    // Rule 8
    @Test(arguments: PlatformUnderTest.allCases)
    func platformStatusDifferentFromDesiredIsPushedAgain(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(status: .active))
            try world.feed([W.offer("1")])
            try await world.sync()
            try await world.harness.pauseByHand(try #require(try world.placement("1").platformOfferID))
            try await world.sync()
            #expect(try await world.platformOffer("1")?.status == .active)
            #expect(try world.placement("1").state == .live)
            // The store agrees with the platform after the run, not one run later.
            #expect(try world.placement("1").knownPlatformStatus == .active)
            #expect(try world.placement("1").lastObserved == nil, "the push set the status observe saw drift")
            let events = try world.store.events(for: OfferKey(sourceID: W.sourceID, externalID: "1"))
            #expect(events.contains { $0.kind == .statusPushed })
            world.platform.resetCounts()
            try await world.sync()
            #expect(world.platform.counts.writes == 0)
            #expect(try world.placement("1").lastObserved == nil)
        }
    }

    // Rule 9 (lost create) and the faults
    @Test(arguments: PlatformUnderTest.allCases)
    func createWhoseAnswerWasLostIsFoundNotDuplicated(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign())
            try world.feed([W.offer("1"), W.offer("2")])
            await world.loseNextCreateAnswer()
            let first = try await world.sync()
            #expect(first.created == 1 && first.failed == 1 && first.status == .partial)
            let lost = try #require(try [world.placement("1"), world.placement("2")].first { $0.platformOfferID == nil })
            #expect(lost.createAttemptedAt != nil && lost.lastError != nil)
            let second = try await world.sync()
            #expect(second.created == 0 && second.failed == 0)
            for id in ["1", "2"] {
                #expect(try await world.platformOffers(external: id).count == 1, "no duplicate of \(id)")
                #expect(try world.placement(id).platformOfferID != nil)
            }
            let events = try world.store.events(for: lost.offerKey)
            #expect(events.contains { $0.kind == .foundExisting })
        }
    }

    /// Two campaigns place one offer and both creates' answers are lost: each takes over its own
    /// offer (told apart by payout percent), never the other's, and nothing is rewritten or doubled.
    @Test(arguments: PlatformUnderTest.allCases)
    func lostCreatesOfTwoCampaignsEachFindTheirOwnOffer(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign("tier1", percent: 70))
            try world.apply(W.campaign("tier2", percent: 50))
            try world.feed([W.offer("1", amount: 2)])
            for _ in 0..<2 {
                await world.loseNextCreateAnswer()
            }
            let first = try await world.sync()
            #expect(first.created == 0 && first.failed == 2)
            world.platform.resetCounts()
            let second = try await world.sync()
            #expect(second.created == 0 && second.failed == 0 && second.updated == 0)
            #expect(world.platform.counts.writes == 0, "each took over its own offer: nothing to rewrite")
            #expect(try await world.platformOffers(external: "1").count == 2)
            #expect(try await world.platformOffer("1", campaign: "tier1")?.fields.payments?.map(\.revenue) == [1.4])
            #expect(try await world.platformOffer("1", campaign: "tier2")?.fields.payments?.map(\.revenue) == [1.0])
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func newMatchIsStoredAsAttemptedBeforeItsCreateIsSent(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign())
            try world.feed([W.offer("1")])
            let store = world.store
            let atCreate = Mutex<[Placement]>([])
            world.platform.beforeEachCreate {
                let stored = (try? store.placements(for: OfferKey(sourceID: W.sourceID, externalID: "1"))) ?? []
                atCreate.withLock { $0 += stored }
            }
            #expect(try await world.sync().created == 1)
            let stored = try #require(atCreate.withLock { $0.first })
            #expect(
                stored.state == .pending && stored.platformOfferID == nil && stored.createAttemptedAt != nil,
                "a process killed now would find the create in the store and look it up first")
            #expect(try world.placement("1").createAttemptedAt == nil, "answered: no lookup next run")
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func failedWritesAreRetriedNextRunWithoutStoppingTheRest(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign())
            try world.feed([W.offer("1"), W.offer("2"), W.offer("3")])
            if let affise = world.harness.affise {
                await affise.inject(.serverError, on: .create)
            } else {
                world.platform.failNextCreate(.serverError)
            }
            let first = try await world.sync()
            #expect(first.created == 2 && first.failed == 1)
            #expect(try await world.sync().created == 1)
            try world.feed([W.offer("1", title: "A"), W.offer("2", title: "B"), W.offer("3", title: "C")])
            let third = try #require(try world.placement("3").platformOfferID)
            if let affise = world.harness.affise {
                // The client retries a 5xx on an edit: the fault lasts the whole run.
                await affise.inject(.serverError, on: .edit, offerID: third, repeat: .untilCleared)
            } else {
                world.platform.failNextEdit(.serverError)
            }
            let edits = try await world.sync()
            #expect(edits.updated == 2 && edits.failed == 1 && edits.status == .partial)
            let failing = try ["1", "2", "3"].map { try world.placement($0) }.filter { $0.lastError != nil }
            #expect(failing.count == 1)
            if world.harness.affise != nil { #expect(failing.first?.platformOfferID == third) }
            await world.harness.affise?.clearFaults()
            #expect(try await world.sync().updated == 1)
            for (id, title) in [("1", "A"), ("2", "B"), ("3", "C")] {
                let offers = try await world.platformOffers(external: id)
                #expect(offers.count == 1 && offers.first?.fields.title == title)
            }
        }
    }

    @Test func notFoundOnEditExcludesThePlacement() async throws {
        try await W.with(.affise) { world in
            let affise = try #require(world.harness.affise)
            try world.apply(W.campaign())
            try world.feed([W.offer("1")])
            try await world.sync()
            try world.feed([W.offer("1", title: "Changed")])
            await affise.inject(.notFound, on: .edit)
            let outcome = try await world.sync()
            #expect(outcome.excluded == 1 && outcome.failed == 0)
            #expect(try world.placement("1").state == .excluded)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func crashBetweenCreateAndRecordingIsRecoveredByLookup(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign())
            try world.feed([W.offer("1")])
            // The engine recorded the attempt and the create reached the platform, then the process died.
            try await world.sync()
            var placement = try world.placement("1")
            let made = try #require(placement.platformOfferID)
            placement.platformOfferID = nil
            placement.state = .pending
            placement.lastPushed = nil
            placement.createAttemptedAt = world.clock.now()
            let crashed = placement
            try await world.store.pool.write { db in try WorkspaceStore.updatePlacement(crashed, at: world.clock.now(), db: db) }
            world.platform.resetCounts()
            try await world.sync()
            #expect(world.platform.counts.creates == 0)
            #expect(try world.placement("1").platformOfferID == made)
            #expect(try await world.platformOffers(external: "1").count == 1)
        }
    }

    // Rule 10 (hold)
    @Test(arguments: PlatformUnderTest.allCases)
    func heldPlacementStaysSuspendedUntilResumed(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(status: .active))
            try world.feed([W.offer("1")])
            try await world.sync()
            var placement = try world.placement("1")
            placement.state = .held
            placement.reason = "paused by the operator"
            let held = placement
            try await world.store.pool.write { db in try WorkspaceStore.updatePlacement(held, at: world.clock.now(), db: db) }
            try await world.sync()
            #expect(try await world.platformOffer("1")?.status == .suspended)
            try world.feed([W.offer("1", title: "New")])
            try await world.sync()
            let offer = try #require(try await world.platformOffer("1"))
            #expect(offer.status == .suspended && offer.fields.title == "New")
            #expect(try world.placement("1").state == .held)
        }
    }

    // Rule 13
    @Test(arguments: PlatformUnderTest.allCases)
    func offerLeftOutOfAListIsAskedForByIDBeforeItCountsAsDeleted(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(status: .active))
            try world.feed([W.offer("1"), W.offer("2")])
            try await world.sync()
            let id = try #require(try world.placement("1").platformOfferID)
            world.platform.leaveOutOfLists([id])
            try world.feed([W.offer("1", title: "Renamed"), W.offer("2")])
            let outcome = try await world.sync()
            #expect(outcome.excluded == 0 && outcome.updated == 1 && outcome.failed == 0)
            #expect(try world.placement("1").state == .live)
            #expect(try await world.platformOffer("1")?.fields.title == "Renamed")
        }
    }

    // Rule 14
    @Test(arguments: PlatformUnderTest.allCases)
    func filterChangeLeavesPlacementsAsTheyAre(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { world in
            try world.apply(W.campaign(status: .active))
            try world.feed([W.offer("1", countries: ["US"])])
            try await world.sync()
            try world.apply(W.campaign(status: .active, filters: CampaignFilters(countries: ["DE"])))
            world.platform.resetCounts()
            try await world.sync()
            #expect(world.platform.counts.writes == 0)
            let placement = try world.placement("1")
            #expect(placement.outOfFilter && placement.state == .live)
            #expect(try world.store.placementCounts()["tier1"]?.outOfFilter == 1)
        }
    }
}
