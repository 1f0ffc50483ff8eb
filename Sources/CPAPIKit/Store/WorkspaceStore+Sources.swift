import Foundation
import GRDB

/// Sources: their configuration (from `apply`) and the state the last fetch left them in.
extension WorkspaceStore {
    /// Every source, by id; archived ones only when asked.
    public func sources(includeArchived: Bool = false) throws -> [Source] {
        try pool.read { db in
            let sql = "SELECT * FROM sources" + (includeArchived ? "" : " WHERE archived_at IS NULL") + " ORDER BY source_id"
            return try Row.fetchAll(db, sql: sql).map(Self.source(from:))
        }
    }

    /// One source (archived or not), or nil.
    public func source(id: String) throws -> Source? {
        try pool.read { db in try Self.source(id: id, db: db) }
    }

    /// The ids of every stored source, archived ones included (a campaign may still name one).
    public func sourceIDs() throws -> Set<String> {
        try pool.read { db in Set(try String.fetchAll(db, sql: "SELECT source_id FROM sources")) }
    }

    /// The source is being fetched.
    public func markSourceProcessing(id: String) throws {
        try pool.write { db in try Self.markSourceProcessing(id: id, db: db) }
    }

    static func markSourceProcessing(id: String, db: Database) throws {
        try db.execute(sql: "UPDATE sources SET status = ? WHERE source_id = ?", arguments: [SourceStatus.processing.rawValue, id])
    }

    /// The source's fetch failed: invalid, with what the call answered. Its stored feed is left as it was.
    public func markSourceInvalid(id: String, failure: FetchFailure) throws {
        try pool.write { db in try Self.markSourceInvalid(id: id, failure: failure, db: db) }
    }

    /// Archives a source (`source delete`): it is no longer synced; its offers stay stored.
    /// Returns false when no such source exists; archiving an archived source changes nothing.
    @discardableResult
    public func archiveSource(id: String, at date: Date) throws -> Bool {
        try archiveSource(id: id, at: date, completing: nil)
    }

    /// `archiveSource(id:at:)` finishing the queued action `completing` in the same transaction (when
    /// the source exists).
    public func archiveSource(id: String, at date: Date, completing: OperatorActionCompletion?) throws -> Bool {
        try pool.write { db in
            guard let source = try Self.source(id: id, db: db) else { return false }
            try Self.finishOperatorAction(completing, at: date, db: db)
            if source.isArchived { return true }
            try db.execute(sql: "UPDATE sources SET archived_at = ? WHERE source_id = ?", arguments: [date, id])
            try Self.insertEvents(
                [
                    SyncEvent(
                        at: date, sourceID: id, kind: .sourceArchived,
                        message: "source \(id) deleted: it is no longer synced")
                ], db: db)
            return true
        }
    }

    // MARK: - Inside a caller's transaction

    static func source(id: String, db: Database) throws -> Source? {
        try Row.fetchOne(db, sql: "SELECT * FROM sources WHERE source_id = ?", arguments: [id]).map(source(from:))
    }

    /// Creates or updates a source's configuration. A source archived by `source delete` that a config
    /// names again is restored (apply creates what it names). Nothing is written when nothing changed.
    static func upsertSourceConfig(_ config: SourceConfig, at date: Date, db: Database) throws -> ApplyOutcome {
        let json = try JSONColumn.encode(config)
        guard
            let existing = try Row.fetchOne(
                db, sql: "SELECT config, archived_at FROM sources WHERE source_id = ?",
                arguments: [config.id])
        else {
            try db.execute(
                sql: """
                    INSERT INTO sources (source_id, config, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?)
                    """, arguments: [config.id, json, SourceStatus.ready.rawValue, date, date])
            return .created
        }
        let storedConfig = try JSONColumn.decode(SourceConfig.self, from: existing["config"])
        let archived = (existing["archived_at"] as Date?) != nil
        if storedConfig == config && !archived { return .unchanged }
        try db.execute(
            sql: "UPDATE sources SET config = ?, archived_at = NULL, updated_at = ? WHERE source_id = ?",
            arguments: [json, date, config.id])
        return .updated
    }

    static func markSourceInvalid(id: String, failure: FetchFailure, db: Database) throws {
        try db.execute(
            sql: "UPDATE sources SET status = ?, failure = ? WHERE source_id = ?",
            arguments: [SourceStatus.invalid.rawValue, try JSONColumn.encode(failure), id])
    }

    /// A fetch succeeded: ready again, the failure cleared, the fetch's start recorded as the base of the
    /// next `updated_since` (and, for a full fetch, as when its offers were last seen).
    static func markSourceFetched(id: String, kind: FetchKind, startedAt: Date, finishedAt: Date, db: Database) throws {
        var sql = "UPDATE sources SET status = ?, failure = NULL, last_success_at = ?, last_fetch_start_at = ?"
        var arguments: StatementArguments = [SourceStatus.ready.rawValue, finishedAt, startedAt]
        if kind == .full {
            sql += ", last_full_fetch_at = ?"
            arguments += [startedAt]
        }
        sql += " WHERE source_id = ?"
        arguments += [id]
        try db.execute(sql: sql, arguments: arguments)
    }

    private static func source(from row: Row) throws -> Source {
        let config = try JSONColumn.decode(SourceConfig.self, from: row["config"])
        let failureText: String? = row["failure"]
        let state = SourceState(
            status: SourceStatus(rawValue: row["status"]) ?? .ready,
            failure: try failureText.map { try JSONColumn.decode(FetchFailure.self, from: $0) },
            lastSuccessAt: row["last_success_at"],
            lastFullFetchAt: row["last_full_fetch_at"],
            lastFetchStartAt: row["last_fetch_start_at"],
            archivedAt: row["archived_at"])
        return Source(config: config, state: state)
    }
}
