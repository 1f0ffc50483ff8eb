import Foundation
import GRDB

/// The transactions the sync engine, the workflows and `apply` run, each a named method: the callers
/// never open one themselves (the seams: `SyncStore`, `WorkflowStore`, `ConfigStore`).
extension WorkspaceStore {
    // MARK: - Sync runs

    /// Records a new run of `run.sourceID` and marks the source processing, in one transaction.
    public func beginRun(_ run: SyncRun) async throws -> SyncRun {
        try await pool.write { db in
            try Self.markSourceProcessing(id: run.sourceID, db: db)
            return try Self.insertRun(run, db: db)
        }
    }

    /// Writes a run's progress (and events), without blocking a thread of the cooperative pool while
    /// another source's write holds the workspace's single writer.
    public func recordRun(_ run: SyncRun, events: [SyncEvent] = []) async throws {
        try await pool.write { db in
            try Self.insertEvents(events, db: db)
            try Self.updateRun(run, db: db)
        }
    }

    /// A failed fetch: the source becomes invalid with the failure (its stored feed is left as it is).
    public func markSourceInvalid(id: String, failure: FetchFailure) async throws {
        try await pool.write { db in try Self.markSourceInvalid(id: id, failure: failure, db: db) }
    }

    /// Reads `body` from one consistent snapshot of the store (one read transaction).
    public func readSnapshot<T: Sendable>(_ body: @escaping @Sendable (any SyncSnapshot) throws -> T) async throws -> T {
        try await read { db in try body(SQLiteSyncSnapshot(db: db)) }
    }

    // MARK: - Placements

    /// Writes placement changes, each with its events, all in one transaction. The rows' values are
    /// made first, outside the transaction: the workspace has one writer, and while it encodes JSON
    /// every other source's write waits.
    public func recordPlacementChanges(_ changes: [PlacementChange], at date: Date) async throws {
        guard !changes.isEmpty else { return }
        var dates = DatabaseDates()
        let rows = try changes.map { change in
            (
                placement: try Self.updateValues(change.placement, at: date, dates: &dates),
                events: change.events.map { Self.eventValues($0, dates: &dates) }
            )
        }
        try await pool.write { db in
            for row in rows { try Self.updatePlacement(values: row.placement, db: db) }
            try Self.insertEvents(values: rows.flatMap(\.events), db: db)
        }
    }

    /// Writes placements, each with its events, in one transaction (a workflow's steps).
    public func recordPlacements(_ changes: [(placement: Placement, events: [SyncEvent])], at date: Date) throws {
        try recordPlacements(changes, at: date, completing: nil)
    }

    /// Writes placements, each with its events, and finishes the queued action `completing` (the
    /// workflow's last write), in one transaction.
    public func recordPlacements(
        _ changes: [(placement: Placement, events: [SyncEvent])], at date: Date,
        completing: OperatorActionCompletion?
    ) throws {
        try pool.write { db in
            try Self.finishOperatorAction(completing, at: date, db: db)
            for change in changes {
                try Self.updatePlacement(change.placement, at: date, db: db)
                try Self.insertEvents(change.events, db: db)
            }
        }
    }

    /// Records events alone.
    public func recordEvents(_ events: [SyncEvent]) throws {
        guard !events.isEmpty else { return }
        try pool.write { db in try Self.insertEvents(events, db: db) }
    }

    /// Records events and finishes the queued action `completing`, in one transaction.
    public func recordEvents(_ events: [SyncEvent], at date: Date, completing: OperatorActionCompletion?) throws {
        guard !events.isEmpty || completing != nil else { return }
        try pool.write { db in
            try Self.finishOperatorAction(completing, at: date, db: db)
            try Self.insertEvents(events, db: db)
        }
    }

    /// Which placement holds each of these platform offer ids (as its offer or its copy).
    public func placementsHolding(platformOfferIDs ids: [Int]) async throws -> [Int: Int64] {
        try await read { db in try Self.placementsHolding(platformOfferIDs: ids, db: db) }
    }

    /// Stores new `pending` placements (no create attempted), with their ids.
    public func insertPendingPlacements(_ pairs: [(campaignID: String, key: OfferKey)], at date: Date) async throws -> [Placement] {
        guard !pairs.isEmpty else { return [] }
        return try await pool.write { db in
            try Self.insertPendingPlacements(pairs, createAttemptedAt: nil, at: date, db: db)
        }
    }

    /// Gives every stored offer a live placement of `campaignID`, its platform offer id the offer's row
    /// id, as a first sync would leave them: for benchmarks and fixtures that time what reads them
    /// (a real first sync of 100k creates takes far longer than what they measure).
    public func seedLivePlacements(campaignID: String, at date: Date) async throws {
        let pushed = JSONColumn.encode(PlatformOfferFields(status: .active))
        try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO placements (campaign_id, source_id, external_id, platform_offer_id, state, last_pushed,
                                            last_pushed_at, created_at, updated_at)
                    SELECT ?, source_id, external_id, id, ?, ?, ?, ?, ? FROM demand_offers
                    """, arguments: [campaignID, PlacementState.live.rawValue, pushed, date, date, date])
        }
    }

    // MARK: - Campaigns

    /// Changes the stored campaign with `edit` and records a `campaign_changed` event saying `what`, in
    /// one transaction; `edit` may refuse by throwing. Throws `WorkflowError.unknownCampaign` when none.
    public func changeCampaign(
        id: String, at date: Date, what: String,
        _ edit: (inout Campaign) throws -> Void
    ) throws -> Campaign {
        try changeCampaign(id: id, at: date, what: what, completing: nil, edit)
    }

    /// `changeCampaign(id:at:what:_:)` finishing the queued action `completing` in the same transaction.
    public func changeCampaign(
        id: String, at date: Date, what: String, completing: OperatorActionCompletion?,
        _ edit: (inout Campaign) throws -> Void
    ) throws -> Campaign {
        try pool.write { db in
            guard var campaign = try Self.campaign(id: id, db: db) else { throw WorkflowError.unknownCampaign(id) }
            try edit(&campaign)
            try Self.finishOperatorAction(completing, at: date, db: db)
            try Self.writeCampaign(campaign, at: date, event: "campaign \(id) \(what) by the operator", db: db)
            return campaign
        }
    }

    // MARK: - Apply

    /// Writes what a validated config names (platform, sync settings, sources, campaigns) and one
    /// `config_applied` event per change, in one transaction: all of it or nothing.
    public func apply(_ config: WorkspaceConfig, warnings: [String], at now: Date) throws -> ApplyReport {
        try pool.write { db in
            var report = ApplyReport(warnings: warnings)
            if let platform = config.platform {
                report.items.append(.init(kind: "platform", outcome: try Self.writeSetting(platform, key: SettingKey.platform, db: db)))
            }
            if let sync = config.sync {
                report.items.append(.init(kind: "sync", outcome: try Self.writeSetting(sync, key: SettingKey.sync, db: db)))
            }
            if let ui = config.ui {
                report.items.append(.init(kind: "ui", outcome: try Self.writeSetting(ui, key: SettingKey.ui, db: db)))
            }
            for source in config.sources {
                report.items.append(.init(kind: "source", id: source.id, outcome: try Self.upsertSourceConfig(source, at: now, db: db)))
            }
            for campaign in config.campaigns {
                report.items.append(.init(kind: "campaign", id: campaign.id, outcome: try Self.upsertCampaign(campaign, at: now, db: db)))
            }
            let events = report.items.filter { $0.outcome != .unchanged }.map { item in
                SyncEvent(
                    at: now, sourceID: item.kind == "source" ? item.id : nil,
                    campaignID: item.kind == "campaign" ? item.id : nil, kind: .configApplied,
                    message: "\(item.label) \(item.outcome.rawValue) from \(config.path)")
            }
            try Self.insertEvents(events, db: db)
            return report
        }
    }
}

/// `SyncSnapshot` over one SQLite read transaction.
struct SQLiteSyncSnapshot: SyncSnapshot {
    let db: Database

    func campaigns() throws -> [Campaign] { try WorkspaceStore.campaigns(includeDeleted: false, db: db) }
    func placementDigests(sourceID: String) throws -> [PlacementDigest] { try WorkspaceStore.placementDigests(sourceID: sourceID, db: db) }
    func offersInFeed(sourceID: String) throws -> [(externalID: String, contentHash: String)] {
        try WorkspaceStore.offersInFeed(sourceID: sourceID, db: db)
    }
    func offersToPlan(sourceID: String, externalIDs: Set<String>) throws -> [DemandOffer] {
        try WorkspaceStore.offersToPlan(sourceID: sourceID, externalIDs: externalIDs, db: db)
    }
    func placements(sourceID: String, ids: Set<Int64>, total: Int?) throws -> [Placement] {
        try WorkspaceStore.placements(sourceID: sourceID, ids: ids, total: total, db: db)
    }
}
