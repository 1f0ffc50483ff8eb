import Foundation
import Testing
@testable import CPAPIKit
import LoopbackServers

/// The operator's campaign workflows against the local platform and the fake Affise over loopback.
@Suite struct CampaignWorkflowTests {
    typealias W = WorkflowWorld

    @Test(arguments: PlatformUnderTest.allCases)
    func retirePausesEveryPlacementThenTurnsTheCampaignOff(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { w in
            try await w.placed(3)
            _ = try await w.offers.detach(w.key("3"))
            let retired = try await w.campaigns.retire("tier1")
            #expect(retired.pushed == 2 && retired.skipped == 1 && retired.status == .suspended)
            #expect(retired.campaign.enabled == false && retired.campaign.defaults.status == .paused)
            #expect(try await w.world.platformOffer("1")?.status == .suspended)
            #expect(try await w.world.platformOffer("2")?.status == .suspended)
            #expect(try await w.world.platformOffer("3")?.status == .active, "an excluded offer is never written")
            #expect(try w.events("1").contains(.statusPushed))

            // Off: frozen, the next sync writes nothing.
            w.world.platform.resetCounts()
            try w.world.feed([RulesWorld.offer("1", amount: 5), RulesWorld.offer("2"), RulesWorld.offer("3")])
            try await w.world.sync()
            #expect(w.world.platform.counts.writes == 0)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func retireWithDisableStopsOffersWithoutExcludingThem(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { w in
            try await w.placed(2)
            _ = try await w.campaigns.retire("tier1", disable: true)
            #expect(try await w.world.platformOffer("1")?.status == .stopped)
            // Enabled again: the `stopped` was ours, so nothing reads as disabled by hand.
            _ = try await w.campaigns.enable("tier1")
            try await w.world.sync()
            #expect(try w.world.placement("1").state == .live)
            #expect(try await w.world.platformOffer("1")?.status == .stopped, "the status default is now disabled")
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func retireWithAFailedPushKeepsTheCampaignOnAndFinishesWhenRunAgain(kind: PlatformUnderTest) async throws {
        try await W.with(kind) { w in
            try await w.placed(2)
            w.interrupting.fail(.setStatus, times: 2)  // the batch, then the first offer on its own
            await #expect(throws: WorkflowError.self) { try await w.campaigns.retire("tier1") }
            let campaign = try #require(try w.world.store.campaign(id: "tier1"))
            #expect(campaign.enabled && campaign.defaults.status == .paused)
            let retired = try await w.campaigns.retire("tier1")
            #expect(retired.campaign.enabled == false)
            #expect(try await w.world.platformOffer("1")?.status == .suspended)
            #expect(try await w.world.platformOffer("2")?.status == .suspended)
        }
    }

    @Test func disableFreezesAndEnableBringsTheCampaignBack() async throws {
        try await W.with(.local) { w in
            try await w.placed(1)
            _ = try await w.campaigns.disable("tier1")
            try w.world.feed([RulesWorld.offer("1", amount: 4)])
            w.world.platform.resetCounts()
            try await w.world.sync()
            #expect(w.world.platform.counts.writes == 0)
            _ = try await w.campaigns.delete("tier1")
            #expect(try w.world.store.campaigns().isEmpty)
            _ = try await w.campaigns.enable("tier1")
            try await w.world.sync()
            #expect(try await w.world.platformOffer("1")?.fields.payments?.first?.total == 4)
            await #expect(throws: WorkflowError.unknownCampaign("nope")) { try await w.campaigns.disable("nope") }
            await #expect(throws: WorkflowError.self) { try await w.campaigns.enable("tier1") }
        }
    }
}
