import Foundation
import Testing
@testable import CPAPIKit
import LoopbackServers

/// A rules world (workspace, platform, clock, engine) with the operator's workflows on top, through a
/// platform that can be interrupted between a workflow's steps.
struct WorkflowWorld: Sendable {
    let world: RulesWorld
    let interrupting: InterruptingPlatform
    let offers: OfferWorkflows
    let campaigns: CampaignWorkflows

    static func with(_ kind: PlatformUnderTest, _ body: (WorkflowWorld) async throws -> Void) async throws {
        try await RulesWorld.with(kind) { world in
            let interrupting = InterruptingPlatform(world.platform)
            try await body(
                WorkflowWorld(
                    world: world, interrupting: interrupting,
                    offers: OfferWorkflows(store: world.store, platform: interrupting, clock: world.clock),
                    campaigns: CampaignWorkflows(store: world.store, platform: interrupting, clock: world.clock)))
        }
    }

    /// A campaign over the source, offers 1…n in the feed, synced into the platform.
    func placed(_ count: Int = 1, campaigns ids: [String] = ["tier1"]) async throws {
        for id in ids { try world.apply(RulesWorld.campaign(id)) }
        try world.feed((1...count).map { RulesWorld.offer("\($0)") })
        let outcome = try await world.sync()
        #expect(outcome.created == count * ids.count && outcome.failed == 0)
    }

    func key(_ id: String) -> OfferKey { OfferKey(sourceID: RulesWorld.sourceID, externalID: id) }

    /// Every offer in the platform, by id.
    func allPlatformOffers() async throws -> [PlatformOffer] {
        if let affise = world.harness.affise { return await affise.offers() }
        let local = try #require(world.harness.platform as? LocalPlatform)
        return try await local.allOffers(limit: 10_000).offers
    }

    /// Offers in the platform that are copies (no external id) titled like the demand offer `id`.
    func copies(of id: String) async throws -> [PlatformOffer] {
        try await allPlatformOffers().filter { $0.fields.title == "Offer \(id)" && $0.externalOfferID == nil }
    }

    func events(_ id: String) throws -> [SyncEventKind] {
        try world.store.events(for: key(id)).map(\.kind)
    }
}
