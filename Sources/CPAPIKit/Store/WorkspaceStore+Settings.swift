import Foundation
import GRDB

/// `[platform]`, `[sync]` and `[ui]`, stored as JSON under fixed keys of the `settings` table.
extension WorkspaceStore {
    enum SettingKey {
        static let platform = "platform"
        static let sync = "sync"
        static let ui = "ui"
    }

    /// How the console looks; the defaults until a config with `[ui]` is applied.
    public func uiSettings() throws -> UISettings {
        try pool.read { db in try Self.setting(UISettings.self, key: SettingKey.ui, db: db) } ?? UISettings()
    }

    /// The platform the sync writes to; nil until a config with `[platform]` is applied (the local platform then applies).
    public func platformConfig() throws -> PlatformConfig? {
        try pool.read { db in try Self.setting(PlatformConfig.self, key: SettingKey.platform, db: db) }
    }

    /// The sync settings; the defaults until a config with `[sync]` is applied.
    public func syncSettings() throws -> SyncSettings {
        try pool.read { db in try Self.setting(SyncSettings.self, key: SettingKey.sync, db: db) } ?? SyncSettings()
    }

    public func setPlatformConfig(_ config: PlatformConfig) throws {
        try pool.write { db in _ = try Self.writeSetting(config, key: SettingKey.platform, db: db) }
    }

    public func setSyncSettings(_ settings: SyncSettings) throws {
        try pool.write { db in _ = try Self.writeSetting(settings, key: SettingKey.sync, db: db) }
    }

    static func setting<T: Decodable>(_ type: T.Type, key: String, db: Database) throws -> T? {
        guard let text = try String.fetchOne(db, sql: "SELECT value FROM settings WHERE key = ?", arguments: [key]) else {
            return nil
        }
        return try JSONColumn.decode(type, from: text)
    }

    /// Writes a setting inside the caller's transaction; returns what changed (nothing is written when equal).
    @discardableResult
    static func writeSetting<T: Codable & Equatable>(_ value: T, key: String, db: Database) throws -> ApplyOutcome {
        let previous = try setting(T.self, key: key, db: db)
        if previous == value { return .unchanged }
        try db.execute(
            sql: "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            arguments: [key, try JSONColumn.encode(value)])
        return previous == nil ? .created : .updated
    }
}
