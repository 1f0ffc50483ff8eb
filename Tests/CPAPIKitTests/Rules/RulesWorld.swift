import Foundation
import Synchronization
import Testing
@testable import CPAPIKit
import LoopbackServers

/// A clock the rule scenarios move by hand.
final class RulesClock: SyncClock, Sendable {
    private let current = Mutex(Date(timeIntervalSince1970: 1_800_000_000))
    func now() -> Date { current.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

/// The offers last stored by `RulesWorld.feed`: what a run's fetch hands the engine.
final class FedOffers: Sendable {
    private let offers = Mutex<[DemandOffer]>([])
    var last: [DemandOffer] { offers.withLock { $0 } }
    func set(_ new: [DemandOffer]) { offers.withLock { $0 = new } }
}

/// One rule scenario's world: a workspace with one source and its campaigns, a platform (local or the
/// fake Affise over loopback) behind a recorder, a hand-driven clock, and the engine.
struct RulesWorld: Sendable {
    static let sourceID = "cpalead"
    static let grace: TimeInterval = 7200

    let store: WorkspaceStore
    let clock: RulesClock
    let harness: PlatformHarness
    let platform: RecordingPlatform
    let reconciler: Reconciler
    let fed = FedOffers()

    /// Runs `body` in a fresh world on `kind`, tearing everything down after.
    static func with(_ kind: PlatformUnderTest, _ body: (RulesWorld) async throws -> Void) async throws {
        try await PlatformHarness.with(kind) { harness in
            try await with(harness, body)
        }
    }

    /// Runs `body` in a world with a workspace of its own (a new folder, the source configured) on `harness`'s platform.
    static func with(_ harness: PlatformHarness, _ body: (RulesWorld) async throws -> Void) async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = try WorkspaceStore(path: WorkspaceStore.databasePath(inWorkspace: directory.path))
        let clock = RulesClock()
        try store.setSyncSettings(SyncSettings(missingGrace: grace))
        try await store.pool.write { db in
            _ = try WorkspaceStore.upsertSourceConfig(
                SourceConfig(
                    id: sourceID, baseURL: "http://127.0.0.1:1", publisherID: "1",
                    trackingParams: "subid={clickid}&subid2={pid}"), at: clock.now(), db: db)
        }
        let platform = RecordingPlatform(harness.platform)
        let reconciler = Reconciler(store: store, platform: platform, clock: clock, concurrency: 4)
        try await body(RulesWorld(store: store, clock: clock, harness: harness, platform: platform, reconciler: reconciler))
    }

    /// Runs `body` in a new, empty workspace on this world's platform: as if this workspace were lost
    /// and the same config applied again (this one is left as it is).
    func withFreshWorkspace(_ body: (RulesWorld) async throws -> Void) async throws {
        try await Self.with(harness, body)
    }

    static func offer(_ id: String, title: String? = nil, amount: Double = 1.0, countries: [String] = ["US"]) -> DemandOffer {
        let title = title ?? "Offer \(id)"
        return DemandOffer(
            key: OfferKey(sourceID: sourceID, externalID: id), title: title, description: "Install \(id)",
            previewURL: "https://play.example/\(id)", trackingURL: "https://www.cpalead.com/view.php?id=\(id)",
            payout: Payout(amount: amount, currency: "USD", model: "CPI"), countries: countries,
            devices: ["android"], statusAtSource: "active", rawJSON: "{}",
            contentHash: "\(title)|\(amount)|\(countries)")
    }

    static func campaign(
        _ id: String = "tier1", status: StatusDefault = .source, percent: Double = 70,
        rules: [SyncField: SyncRule] = [:], filters: CampaignFilters = CampaignFilters()
    ) -> Campaign {
        Campaign(
            id: id, sources: [sourceID],
            defaults: CampaignDefaults(advertiser: "5a0c0f5e8a1b2c3d4e5f6a7b", payoutPercent: percent, status: status),
            filters: filters, syncRules: rules)
    }

    func apply(_ campaign: Campaign) throws {
        try store.pool.write { db in _ = try WorkspaceStore.upsertCampaign(campaign, at: clock.now(), db: db) }
    }

    /// Stores a full fetch of these offers (offers not in it are marked missing); the next `sync`
    /// hands them to the engine as its run's fetch.
    func feed(_ offers: [DemandOffer]) throws {
        let policy = MissingMarkingPolicy(fetchKind: .full, mayBeCutShort: false, limit: 5000, maxMissingShare: 1)
        _ = try store.storeFetch(
            sourceID: Self.sourceID, result: FetchResult(offers: offers, mayBeCutShort: false, bytes: 0),
            policy: policy, runID: nil, startedAt: clock.now(), now: clock.now())
        fed.set(offers)
    }

    /// One run of the engine over the source, as `SourceSync` calls it.
    @discardableResult
    func sync(progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }) async throws -> ReconcileOutcome {
        let source = try #require(try store.source(id: Self.sourceID))
        let run = try store.insertRun(SyncRun(sourceID: Self.sourceID, kind: .full, startedAt: clock.now()))
        return await reconciler.reconcile(run: run, source: source, fetched: fed.last, progress: progress)
    }

    func placement(_ id: String, campaign: String = "tier1") throws -> Placement {
        try #require(
            try store.placements(for: OfferKey(sourceID: Self.sourceID, externalID: id))
                .first { $0.campaignID == campaign })
    }

    func platformOffer(_ id: String, campaign: String = "tier1") async throws -> PlatformOffer? {
        let platformID = try #require(try placement(id, campaign: campaign).platformOfferID)
        return try await harness.platform.offer(id: platformID)
    }

    /// The next create is done but its answer is lost, on either platform.
    func loseNextCreateAnswer() async {
        if let affise = harness.affise {
            await affise.inject(.answerDropped, on: .create)
        } else {
            platform.failNextCreate(.answerDropped)
        }
    }

    /// Every offer in the platform, as the platform itself holds them (not through the client).
    func allPlatformOffers() async throws -> [PlatformOffer] {
        if let affise = harness.affise { return await affise.offers() }
        let local = try #require(harness.platform as? LocalPlatform)
        return try await local.allOffers(limit: 1_000_000).offers
    }

    /// Every platform offer carrying this external id.
    func platformOffers(external id: String) async throws -> [PlatformOffer] {
        try await harness.platform.offers(externalOfferID: id)
    }
}
