import Foundation
import GRDB

/// Applies a config to a workspace like `kubectl apply`: creates and updates what the file names,
/// deletes nothing, in one transaction. Applying the same file again writes nothing.
public struct ConfigApplier: Sendable {
    public let store: WorkspaceStore
    public let clock: any SyncClock

    public init(store: WorkspaceStore, clock: any SyncClock = SystemClock()) {
        self.store = store; self.clock = clock
    }

    /// Loads, validates and applies the file at `path`. Nothing is written when it has any problem.
    public func apply(fileAt path: String) throws -> ApplyReport {
        let config = try ConfigParser.load(path: path, knownSourceIDs: try store.sourceIDs())
        return try apply(config)
    }

    /// Applies a validated config.
    public func apply(_ config: WorkspaceConfig) throws -> ApplyReport {
        let now = clock.now()
        return try store.pool.write { db in
            var report = ApplyReport()
            if let platform = config.platform {
                report.items.append(.init(kind: "platform", outcome: try WorkspaceStore.writeSetting(
                    platform, key: WorkspaceStore.SettingKey.platform, db: db)))
            }
            if let sync = config.sync {
                report.items.append(.init(kind: "sync", outcome: try WorkspaceStore.writeSetting(
                    sync, key: WorkspaceStore.SettingKey.sync, db: db)))
            }
            for source in config.sources {
                report.items.append(.init(kind: "source", id: source.id,
                                          outcome: try WorkspaceStore.upsertSourceConfig(source, at: now, db: db)))
            }
            for campaign in config.campaigns {
                report.items.append(.init(kind: "campaign", id: campaign.id,
                                          outcome: try WorkspaceStore.upsertCampaign(campaign, at: now, db: db)))
            }
            let events = report.items.filter { $0.outcome != .unchanged }.map { item in
                SyncEvent(at: now, sourceID: item.kind == "source" ? item.id : nil,
                          campaignID: item.kind == "campaign" ? item.id : nil, kind: .configApplied,
                          message: "\(item.label) \(item.outcome.rawValue) from \(config.path)")
            }
            try WorkspaceStore.insertEvents(events, db: db)
            return report
        }
    }
}
