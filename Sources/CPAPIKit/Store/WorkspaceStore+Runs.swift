import Foundation
import GRDB

/// Sync runs: one row per run over one source, updated as it moves through its phases.
extension WorkspaceStore {
    /// Records a new run; returns it with its id.
    public func insertRun(_ run: SyncRun) throws -> SyncRun {
        try pool.write { db in try Self.insertRun(run, db: db) }
    }

    /// Writes a run's phase, status, counts, end, error and note.
    public func updateRun(_ run: SyncRun) throws {
        try pool.write { db in try Self.updateRun(run, db: db) }
    }

    /// The most recent runs first, of one source or all.
    public func recentRuns(sourceID: String? = nil, limit: Int = 50) throws -> [SyncRun] {
        try pool.read { db in
            var sql = "SELECT * FROM sync_runs"
            var arguments: StatementArguments = []
            if let sourceID {
                sql += " WHERE source_id = ?"
                arguments += [sourceID]
            }
            sql += " ORDER BY started_at DESC, id DESC LIMIT ?"
            arguments += [max(limit, 0)]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.run(from:))
        }
    }

    /// One run by id, or nil.
    public func run(id: Int64) throws -> SyncRun? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM sync_runs WHERE id = ?", arguments: [id]).map(Self.run(from:))
        }
    }

    /// Closes runs a killed process left `running` as failed ("interrupted"), and sets their sources back
    /// from `processing` to `ready`. Call it only while holding the sync lease (no other process is syncing).
    /// Returns the runs closed.
    @discardableResult
    public func closeInterruptedRuns(at date: Date) throws -> [SyncRun] {
        try pool.write { db in
            let running = try Row.fetchAll(
                db, sql: "SELECT * FROM sync_runs WHERE status = ?",
                arguments: [SyncRunStatus.running.rawValue]
            ).map(Self.run(from:))
            var events: [SyncEvent] = []
            var closed: [SyncRun] = []
            for var run in running {
                run.status = .failed
                run.endedAt = date
                run.error = "interrupted: the process that ran it stopped during the \(run.phase.rawValue) phase"
                try Self.updateRun(run, db: db)
                try db.execute(
                    sql: "UPDATE sources SET status = ? WHERE source_id = ? AND status = ?",
                    arguments: [SourceStatus.ready.rawValue, run.sourceID, SourceStatus.processing.rawValue])
                events.append(
                    SyncEvent(
                        at: date, runID: run.id, sourceID: run.sourceID, kind: .fetchFailed,
                        message: "run \(run.id ?? 0) over \(run.sourceID) \(run.error ?? "")"))
                closed.append(run)
            }
            try Self.insertEvents(events, db: db)
            return closed
        }
    }

    // MARK: - Inside a caller's transaction

    static func insertRun(_ run: SyncRun, db: Database) throws -> SyncRun {
        try db.execute(
            sql: """
                INSERT INTO sync_runs (source_id, kind, started_at, ended_at, phase, status, counts, error, missing_note)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                run.sourceID, run.kind.rawValue, run.startedAt, run.endedAt, run.phase.rawValue,
                run.status.rawValue, try JSONColumn.encode(run.counts), run.error, run.missingNote
            ])
        var inserted = run
        inserted.id = db.lastInsertedRowID
        return inserted
    }

    static func updateRun(_ run: SyncRun, db: Database) throws {
        guard let id = run.id else { throw DatabaseError(message: "a run must be inserted before it is updated") }
        try db.execute(
            sql: """
                UPDATE sync_runs SET kind = ?, ended_at = ?, phase = ?, status = ?, counts = ?, error = ?, missing_note = ?
                WHERE id = ?
                """,
            arguments: [
                run.kind.rawValue, run.endedAt, run.phase.rawValue, run.status.rawValue,
                try JSONColumn.encode(run.counts), run.error, run.missingNote, id
            ])
    }

    private static func run(from row: Row) throws -> SyncRun {
        SyncRun(
            id: row["id"], sourceID: row["source_id"], kind: FetchKind(rawValue: row["kind"]) ?? .full,
            startedAt: row["started_at"], endedAt: row["ended_at"],
            phase: SyncPhase(rawValue: row["phase"]) ?? .fetch,
            status: SyncRunStatus(rawValue: row["status"]) ?? .failed,
            counts: try JSONColumn.decode(SyncCounts.self, from: row["counts"]),
            error: row["error"], missingNote: row["missing_note"])
    }
}
