import Foundation
import GRDB

/// Sync events: the audit log of what happened to which offer and why.
extension WorkspaceStore {
    /// Appends events in one transaction.
    public func appendEvents(_ events: [SyncEvent]) throws {
        guard !events.isEmpty else { return }
        try pool.write { db in try Self.insertEvents(events, db: db) }
    }

    /// Appends events inside the caller's transaction (`pool.write { db in … }`), so a state change
    /// and the events that explain it are written together.
    public static func insertEvents(_ events: [SyncEvent], db: Database) throws {
        var dates = DatabaseDates()
        try insertEvents(events, db: db, dates: &dates)
    }

    /// Inserts events, formatting their times through `dates` (shared across a batch of writes).
    static func insertEvents(_ events: [SyncEvent], db: Database, dates: inout DatabaseDates) throws {
        try insertEvents(values: events.map { eventValues($0, dates: &dates) }, db: db)
    }

    /// The values `insertEvents(values:db:)` binds for one event (made before the write transaction when many are written).
    static func eventValues(_ event: SyncEvent, dates: inout DatabaseDates) -> [DatabaseValue] {
        [
            dates.value(event.at), event.runID.databaseValue, event.sourceID.databaseValue,
            event.offerExternalID.databaseValue, event.campaignID.databaseValue, event.platformOfferID.databaseValue,
            event.kind.rawValue.databaseValue, event.message.databaseValue
        ]
    }

    /// Inserts events from their values, in order (a first sync records 200k of them).
    static func insertEvents(values: [[DatabaseValue]], db: Database) throws {
        try eventInsert.execute(values, db: db)
    }

    private static let eventInsert = MultiRowInsert(
        "INSERT INTO sync_events (at, run_id, source_id, offer_external_id, campaign_id, platform_offer_id, kind, message) VALUES",
        row: "(?, ?, ?, ?, ?, ?, ?, ?)")

    /// The most recent events first; only those after `afterID` when given (for a live feed).
    public func recentEvents(limit: Int = 100, afterID: Int64? = nil) throws -> [SyncEvent] {
        try fetchEvents(condition: afterID.map { _ in "id > ?" }, arguments: afterID.map { [$0] } ?? [], limit: limit)
    }

    /// The events about one offer, most recent first.
    public func events(for key: OfferKey, limit: Int = 100) throws -> [SyncEvent] {
        try fetchEvents(
            condition: "source_id = ? AND offer_external_id = ?",
            arguments: [key.sourceID, key.externalID], limit: limit)
    }

    /// The events one run recorded, most recent first.
    public func events(runID: Int64, limit: Int = 1000) throws -> [SyncEvent] {
        try fetchEvents(condition: "run_id = ?", arguments: [runID], limit: limit)
    }

    private func fetchEvents(condition: String?, arguments: StatementArguments, limit: Int) throws -> [SyncEvent] {
        try pool.read { db in
            let whereClause = condition.map { " WHERE \($0)" } ?? ""
            var all = arguments
            all += [max(limit, 0)]
            return try Row.fetchAll(
                db, sql: "SELECT * FROM sync_events\(whereClause) ORDER BY id DESC LIMIT ?",
                arguments: all
            ).map(Self.event(from:))
        }
    }

    private static func event(from row: Row) throws -> SyncEvent {
        let kindText: String = row["kind"]
        guard let kind = SyncEventKind(rawValue: kindText) else {
            throw DatabaseError(message: "unknown sync event kind \(kindText) (written by a newer version?)")
        }
        return SyncEvent(
            id: row["id"], at: row["at"], runID: row["run_id"], sourceID: row["source_id"],
            offerExternalID: row["offer_external_id"], campaignID: row["campaign_id"],
            platformOfferID: row["platform_offer_id"],
            kind: kind, message: row["message"])
    }
}
