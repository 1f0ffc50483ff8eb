import Foundation
import GRDB

/// Campaigns: their configuration from `apply`, switched on and off and deleted by the operator.
/// The `enabled` and `deleted_at` columns are the truth; the JSON holds the rest.
extension WorkspaceStore {
    /// Campaigns by id; deleted ones only when asked.
    public func campaigns(includeDeleted: Bool = false) throws -> [Campaign] {
        try pool.read { db in try Self.campaigns(includeDeleted: includeDeleted, db: db) }
    }

    /// One campaign (deleted or not), or nil.
    public func campaign(id: String) throws -> Campaign? {
        try pool.read { db in try Self.campaign(id: id, db: db) }
    }

    /// Switches a campaign on or off; returns false when there is no such campaign.
    @discardableResult
    public func setCampaignEnabled(id: String, enabled: Bool, at date: Date) throws -> Bool {
        try pool.write { db in
            guard var campaign = try Self.campaign(id: id, db: db) else { return false }
            guard campaign.enabled != enabled else { return true }
            campaign.enabled = enabled
            try Self.writeCampaign(campaign, at: date, event: "campaign \(id) \(enabled ? "enabled" : "disabled")", db: db)
            return true
        }
    }

    /// Marks a campaign deleted (its placements stay frozen); returns false when there is no such campaign.
    @discardableResult
    public func markCampaignDeleted(id: String, at date: Date) throws -> Bool {
        try pool.write { db in
            guard var campaign = try Self.campaign(id: id, db: db) else { return false }
            guard campaign.deletedAt == nil else { return true }
            campaign.deletedAt = date
            try Self.writeCampaign(campaign, at: date, event: "campaign \(id) deleted", db: db)
            return true
        }
    }

    // MARK: - Inside a caller's transaction

    static func campaigns(includeDeleted: Bool, db: Database) throws -> [Campaign] {
        let sql = "SELECT * FROM campaigns" + (includeDeleted ? "" : " WHERE deleted_at IS NULL") + " ORDER BY campaign_id"
        return try Row.fetchAll(db, sql: sql).map(campaign(from:))
    }

    /// Writes the campaign and its `campaign_changed` event saying `message`, in the caller's transaction.
    static func writeCampaign(_ campaign: Campaign, at date: Date, event message: String, db: Database) throws {
        try writeCampaign(campaign, at: date, db: db)
        try insertEvents([SyncEvent(at: date, campaignID: campaign.id, kind: .campaignChanged, message: message)], db: db)
    }

    static func campaign(id: String, db: Database) throws -> Campaign? {
        try Row.fetchOne(db, sql: "SELECT * FROM campaigns WHERE campaign_id = ?", arguments: [id]).map(campaign(from:))
    }

    /// Creates or updates a campaign from a config. The file's `enabled` wins (apply sets what the file
    /// says); a campaign deleted by the operator and named again is restored. Nothing is written when equal.
    static func upsertCampaign(_ campaign: Campaign, at date: Date, db: Database) throws -> ApplyOutcome {
        var desired = campaign
        desired.deletedAt = nil
        guard let stored = try self.campaign(id: campaign.id, db: db) else {
            try db.execute(
                sql: """
                    INSERT INTO campaigns (campaign_id, config, enabled, deleted_at, created_at, updated_at)
                    VALUES (?, ?, ?, NULL, ?, ?)
                    """, arguments: [desired.id, try JSONColumn.encode(desired), desired.enabled, date, date])
            return .created
        }
        if stored == desired { return .unchanged }
        try writeCampaign(desired, at: date, db: db)
        return .updated
    }

    static func writeCampaign(_ campaign: Campaign, at date: Date, db: Database) throws {
        try db.execute(
            sql: """
                UPDATE campaigns SET config = ?, enabled = ?, deleted_at = ?, updated_at = ? WHERE campaign_id = ?
                """, arguments: [try JSONColumn.encode(campaign), campaign.enabled, campaign.deletedAt, date, campaign.id])
    }

    private static func campaign(from row: Row) throws -> Campaign {
        var campaign = try JSONColumn.decode(Campaign.self, from: row["config"])
        campaign.enabled = row["enabled"]
        campaign.deletedAt = row["deleted_at"]
        return campaign
    }
}
