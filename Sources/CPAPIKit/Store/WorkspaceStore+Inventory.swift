import Foundation
import GRDB

/// Which campaigns, on which source, have had their new placements checked against the platform's
/// inventory (`Platform.offers(advertisers:externalOfferIDs:)`), and on which platform: kept under one key of the
/// `settings` table. A platform other than the one recorded (another `[platform]` applied) starts over.
public struct PlatformInventoryRecord: Sendable, Codable, Equatable {
    /// `Platform.identity` of the platform the inventories were taken of.
    public var platform: String
    /// Campaign ids by source id.
    public var campaigns: [String: [String]]

    public init(platform: String, campaigns: [String: [String]] = [:]) {
        self.platform = platform
        self.campaigns = campaigns
    }

    /// The campaigns among `campaignIDs` whose placements of `sourceID` have not been checked
    /// against `platform`'s inventory yet.
    public func campaignsToInventory(_ campaignIDs: some Sequence<String>, sourceID: String, platform: String) -> Set<String> {
        let done = self.platform == platform ? Set(campaigns[sourceID] ?? []) : []
        return Set(campaignIDs).subtracting(done)
    }

    /// This record with `campaignIDs` of `sourceID` added (the record of another platform replaced).
    public func adding(_ campaignIDs: Set<String>, sourceID: String, platform: String) -> PlatformInventoryRecord {
        var record = self.platform == platform ? self : PlatformInventoryRecord(platform: platform)
        record.campaigns[sourceID] = Array(Set(record.campaigns[sourceID] ?? []).union(campaignIDs)).sorted()
        return record
    }
}

extension WorkspaceStore {
    static let platformInventoryKey = "platform_inventory"

    /// What inventories the workspace took; nil before the first.
    public func platformInventoryRecord() async throws -> PlatformInventoryRecord? {
        try await read { db in try Self.setting(PlatformInventoryRecord.self, key: Self.platformInventoryKey, db: db) }
    }

    /// Records that these campaigns' placements of `sourceID` were checked against `platform`'s inventory.
    public func recordInventoryTaken(campaignIDs: Set<String>, sourceID: String, platform: String) async throws {
        guard !campaignIDs.isEmpty else { return }
        try await pool.write { db in
            let record =
                try Self.setting(PlatformInventoryRecord.self, key: Self.platformInventoryKey, db: db)
                ?? PlatformInventoryRecord(platform: platform)
            try Self.writeSetting(
                record.adding(campaignIDs, sourceID: sourceID, platform: platform),
                key: Self.platformInventoryKey, db: db)
        }
    }
}
