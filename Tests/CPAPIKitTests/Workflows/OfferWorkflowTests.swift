import Foundation
import Testing
@testable import CPAPIKit
import LoopbackServers

/// The operator's offer workflows against the local platform and the fake Affise over loopback.
@Suite struct OfferWorkflowTests {
    typealias W = WorkflowWorld

    @Test(arguments: PlatformUnderTest.allCases)
    func pauseHoldsTheOfferSuspendedAcrossSyncs(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { w in
            try await w.placed(1)
            let result = try await w.offers.pause(w.key("1"))
            #expect(result.placement.state == .held)
            #expect(try await w.world.platformOffer("1")?.status == .suspended)
            #expect(try w.events("1").contains(.held))

            // A sync (even with a changed offer) keeps it suspended and held.
            w.world.clock.advance(60)
            try w.world.feed([RulesWorld.offer("1", amount: 2)])
            try await w.world.sync()
            #expect(try w.world.placement("1").state == .held)
            let offer = try #require(try await w.world.platformOffer("1"))
            #expect(offer.status == .suspended)
            #expect(offer.fields.payments?.first?.total == 2, "content still follows the sync rules")
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func resumeHandsTheOfferBackToTheCampaignAtOnce(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { w in
            try await w.placed(1)
            _ = try await w.offers.pause(w.key("1"))
            let result = try await w.offers.resume(w.key("1"))
            #expect(result.placement.state == .live)
            #expect(try await w.world.platformOffer("1")?.status == .active)
            #expect(try w.events("1").contains(.released))
            w.world.platform.resetCounts()
            try await w.world.sync()
            #expect(w.world.platform.counts.writes == 0, "resume left nothing for the next sync to do")
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func resumeUndoesTheHoldEvenWhenTheStatusIsSetAtCreationOnly(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { w in
            try w.world.apply(RulesWorld.campaign(rules: [.status: .firstSync]))
            try w.world.feed([RulesWorld.offer("1")])
            try await w.world.sync()
            _ = try await w.offers.pause(w.key("1"))
            _ = try await w.offers.resume(w.key("1"))
            #expect(try await w.world.platformOffer("1")?.status == .active)
            #expect(try w.world.placement("1").state == .live)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func resumeOfAnOfferMissingPastTheGraceLeavesItPaused(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { w in
            try await w.placed(2)
            _ = try await w.offers.pause(w.key("1"))
            try w.world.feed([RulesWorld.offer("2")])
            w.world.clock.advance(RulesWorld.grace + 1)
            let result = try await w.offers.resume(w.key("1"))
            #expect(result.placement.state == .pausedMissing)
            #expect(try await w.world.platformOffer("1")?.status == .suspended)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func excludeCopiesTheOfferThenDisablesTheOriginal(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { w in
            try await w.placed(1)
            let original = try #require(try await w.world.platformOffer("1"))
            let result = try await w.offers.exclude(w.key("1"))
            let copyID = try #require(result.copyPlatformOfferID)
            #expect(result.placement.state == .excluded)
            #expect(result.placement.copyPlatformOfferID == copyID)
            #expect(result.placement.workflowStep == ExcludeStep.done.rawValue)
            #expect(try await w.world.platformOffer("1")?.status == .stopped)
            let copy = try #require(try await w.world.harness.platform.offer(id: copyID))
            #expect(copy.externalOfferID == nil)
            var expected = original.fields
            expected.externalOfferID = nil
            #expect(copy.fields == expected, "the copy has the original's fields, without the external id")
            #expect(try w.events("1").filter { [.duplicated, .detached, .excluded].contains($0) }.count == 3)

            // Excluded for ever: the next sync writes nothing to either offer and creates nothing.
            w.world.platform.resetCounts()
            try w.world.feed([RulesWorld.offer("1", amount: 9)])
            try await w.world.sync()
            #expect(w.world.platform.counts.writes == 0)
            await #expect(throws: WorkflowError.self) { try await w.offers.exclude(w.key("1")) }
        }
    }

    /// Where an exclude is interrupted.
    enum Interruption: String, CaseIterable, CustomTestStringConvertible {
        /// The copy is made but the create's answer is lost, and so is the lookup after it.
        case atCopy
        case atCopyDetach
        case atDisable
        var testDescription: String { rawValue }
    }

    @Test(arguments: PlatformUnderTest.allCases, Interruption.allCases)
    func excludeInterruptedAtEachStepFinishesWithoutASecondCopy(kind: PlatformUnderTest, at step: Interruption) async throws {
        try await W.with(kind) { w in
            try await w.placed(1)
            switch step {
            case .atCopy:
                w.interrupting.fail(.createAnswerLost)
                // The lookup for an earlier copy passes; the one after the lost answer fails.
                w.interrupting.fail(.lookUpByExternalID, after: 1)
            case .atCopyDetach: w.interrupting.fail(.edit)
            case .atDisable: w.interrupting.fail(.setStatus)
            }
            await #expect(throws: WorkflowError.self) { try await w.offers.exclude(w.key("1")) }
            let interrupted = try w.world.placement("1")
            #expect(interrupted.state == .live)
            let expectedStep: ExcludeStep =
                switch step {
                case .atCopy: .copying
                case .atCopyDetach: .copied
                case .atDisable: .copyDetached
                }
            #expect(interrupted.workflowStep == expectedStep.rawValue)
            #expect(OfferWorkflows.availability(of: .pause, for: interrupted, campaign: RulesWorld.campaign()) != nil)

            let finished = try await w.offers.exclude(w.key("1"))
            #expect(finished.placement.state == .excluded && finished.placement.workflowStep == ExcludeStep.done.rawValue)
            let copies = try await w.copies(of: "1")
            #expect(copies.map(\.id) == [try #require(finished.copyPlatformOfferID)], "exactly one copy")
            #expect(try await w.world.platformOffer("1")?.status == .stopped)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func excludeWhoseCopyAnswerIsDroppedMakesNoSecondCopy(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { w in
            try await w.placed(1)
            if let affise = w.world.harness.affise {
                await affise.inject(.answerDropped, on: .create)
            } else {
                w.world.platform.failNextCreate(.answerDropped)
            }
            let result = try await w.offers.exclude(w.key("1"))
            #expect(result.placement.state == .excluded)
            #expect(try await w.copies(of: "1").map(\.id) == [try #require(result.copyPlatformOfferID)])
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func duplicateLeavesTheOriginalAndItsPlacementAsTheyAre(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { w in
            try await w.placed(1)
            let before = try w.world.placement("1")
            let original = try #require(try await w.world.platformOffer("1"))
            let result = try await w.offers.duplicate(w.key("1"))
            let copyID = try #require(result.copyPlatformOfferID)
            #expect(try w.world.placement("1") == before)
            #expect(try await w.world.platformOffer("1") == original)
            let copy = try #require(try await w.world.harness.platform.offer(id: copyID))
            #expect(copy.externalOfferID == nil && copy.fields.title == original.fields.title)
            #expect(try w.events("1").contains(.duplicated))
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func detachRemovesTheExternalIDAndExcludesThePlacement(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { w in
            try await w.placed(1)
            let id = try #require(try w.world.placement("1").platformOfferID)
            let result = try await w.offers.detach(w.key("1"))
            #expect(result.placement.state == .excluded)
            let offer = try #require(try await w.world.harness.platform.offer(id: id))
            #expect(offer.externalOfferID == nil && offer.status == .active, "left as it is, the operator's")
            #expect(try w.events("1").contains(.detached))
            w.world.platform.resetCounts()
            try await w.world.sync()
            #expect(w.world.platform.counts.writes == 0, "never re-created nor written")
        }
    }

    @Test func referenceMatchingSeveralCampaignsIsRefusedAndListsThem() async throws {
        try await W.with(.local) { w in
            try await w.placed(1, campaigns: ["alpha", "beta"])
            await #expect(throws: WorkflowError.ambiguous(w.key("1"), campaignIDs: ["alpha", "beta"])) {
                try await w.offers.pause(w.key("1"))
            }
            let result = try await w.offers.pause(w.key("1"), campaignID: "beta")
            #expect(result.placement.campaignID == "beta")
            #expect(try w.world.placement("1", campaign: "alpha").state == .live)
            await #expect(throws: WorkflowError.unknownOffer(w.key("404"))) { try await w.offers.pause(w.key("404")) }
        }
    }

    @Test func unavailableActionsSayWhy() async throws {
        try await W.with(.local) { w in
            try await w.placed(1)
            let campaign = RulesWorld.campaign()
            let live = try w.world.placement("1")
            #expect(OfferWorkflows.availability(of: .resume, for: live, campaign: campaign) == "not held (it is live)")
            var pending = live
            pending.platformOfferID = nil
            pending.state = .pending
            #expect(OfferWorkflows.availability(of: .pause, for: pending, campaign: campaign)?.hasPrefix("not in the platform yet") == true)
            var off = campaign
            off.enabled = false
            #expect(OfferWorkflows.availability(of: .pause, for: live, campaign: off)?.contains("frozen") == true)
            #expect(OfferWorkflows.availability(of: .exclude, for: live, campaign: off) == nil)
            _ = try await w.offers.detach(w.key("1"))
            await #expect(throws: WorkflowError.self) { try await w.offers.pause(w.key("1")) }
        }
    }

    @Test func workflowIsRefusedWhileAnotherProcessSyncs() async throws {
        try await W.with(.local) { w in
            try await w.placed(1)
            _ = try w.world.store.acquireSyncLease(pid: 4242, host: "other-host", now: w.world.clock.now())
            await #expect(throws: WorkflowError.self) { try await w.offers.pause(w.key("1")) }
            #expect(try w.world.placement("1").state == .live)
        }
    }
}
