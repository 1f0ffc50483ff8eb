import Foundation
import GRDB

/// The operator's action queue (`operator_actions`): any process inserts, the sync lease's holder
/// claims and finishes (see `OperatorActionQueue` for the rules).
extension WorkspaceStore {
    /// Accepts an action: once this transaction commits it is never lost.
    public func enqueueOperatorAction(_ request: OperatorActionRequest, requestedBy: String, at date: Date) throws -> OperatorActionRecord {
        let arguments = try JSONColumn.encode(request.arguments)
        return try pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO operator_actions (kind, target, arguments, requested_by, requested_at, state)
                    VALUES (?, ?, ?, ?, ?, 'queued')
                    """, arguments: [request.kind.rawValue, request.target, arguments, requestedBy, date])
            return OperatorActionRecord(id: db.lastInsertedRowID, request: request, requestedBy: requestedBy, requestedAt: date)
        }
    }

    public func operatorAction(id: Int64) throws -> OperatorActionRecord? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM operator_actions WHERE id = ?", arguments: [id]).map(Self.operatorAction(from:))
        }
    }

    /// The newest actions first (`limit` of them).
    public func operatorActions(limit: Int) throws -> [OperatorActionRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM operator_actions ORDER BY id DESC LIMIT ?", arguments: [limit])
                .map(Self.operatorAction(from:))
        }
    }

    /// Whether an action waits for `holder` to claim it: one queued, or one left running by another
    /// process (a holder that died or lost the lease). A read: the holder's poll writes nothing.
    public func hasClaimableOperatorActions(holder: String) async throws -> Bool {
        try await read { db in
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM operator_actions
                                   WHERE state = 'queued' OR (state = 'running' AND claimed_by IS NOT ?))
                    """, arguments: [holder]) ?? false
        }
    }

    /// Claims, for the process `pid`@`host`, the queued actions (only `id` when given) and those left
    /// running by another process, oldest first: they become `running`, claimed by it. Claims nothing
    /// unless that process holds the sync lease, checked in the same transaction, so two processes
    /// never both claim one action.
    public func claimOperatorActions(pid: Int32, host: String, id: Int64? = nil, limit: Int = 100, at date: Date) async throws
        -> [OperatorActionRecord]
    {
        let holder = OperatorActionRecord.processName(pid: pid, host: host)
        return try await pool.write { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    UPDATE operator_actions SET state = 'running', claimed_by = ?, started_at = ?, attempts = attempts + 1
                    WHERE id IN (SELECT id FROM operator_actions
                                 WHERE (state = 'queued' OR (state = 'running' AND claimed_by IS NOT ?))
                                   AND (? IS NULL OR id = ?)
                                 ORDER BY id LIMIT ?)
                      AND EXISTS (SELECT 1 FROM sync_lease WHERE name = ? AND holder_pid = ? AND holder_host = ?)
                    RETURNING *
                    """, arguments: [holder, date, holder, id, id, limit, Self.syncLeaseName, pid, host])
            // RETURNING promises no order.
            return try rows.map(Self.operatorAction(from:)).sorted { $0.id < $1.id }
        }
    }

    public func cancelQueuedOperatorAction(id: Int64, reason: String, at date: Date) throws -> Bool {
        try pool.write { db in
            try db.execute(
                sql: """
                    UPDATE operator_actions SET state = 'failed', result = ?, finished_at = ? WHERE id = ? AND state = 'queued'
                    """, arguments: [reason, date, id])
            return db.changesCount > 0
        }
    }

    /// Records how a claimed action ended; false when it was not running for that holder (already
    /// finished in the workflow's own last write, or taken over by another holder).
    @discardableResult
    public func finishOperatorAction(_ completion: OperatorActionCompletion, at date: Date) throws -> Bool {
        let details = try JSONColumn.encode(completion.details)
        return try pool.write { db in try Self.finishOperatorAction(completion, details: details, at: date, db: db) }
    }

    /// Inside a caller's transaction (a workflow's last write).
    static func finishOperatorAction(_ completion: OperatorActionCompletion?, at date: Date, db: Database) throws {
        guard let completion else { return }
        try finishOperatorAction(completion, details: try JSONColumn.encode(completion.details), at: date, db: db)
    }

    @discardableResult
    private static func finishOperatorAction(
        _ completion: OperatorActionCompletion, details: String, at date: Date,
        db: Database
    ) throws -> Bool {
        try db.execute(
            sql: """
                UPDATE operator_actions SET state = ?, result = ?, details = ?, finished_at = ?
                WHERE id = ? AND state = 'running' AND claimed_by = ?
                """,
            arguments: [
                completion.succeeded ? "done" : "failed", completion.message, details, date,
                completion.id, completion.claimedBy
            ])
        return db.changesCount > 0
    }

    private static func operatorAction(from row: Row) throws -> OperatorActionRecord {
        let kindText: String = row["kind"]
        guard let kind = OperatorActionKind(rawValue: kindText) else {
            throw OperatorActionRowError("operator action \(row["id"] as Int64): unknown kind \"\(kindText)\"")
        }
        let stateText: String = row["state"]
        guard let state = OperatorActionState(rawValue: stateText) else {
            throw OperatorActionRowError("operator action \(row["id"] as Int64): unknown state \"\(stateText)\"")
        }
        return OperatorActionRecord(
            id: row["id"],
            request: OperatorActionRequest(
                kind: kind, target: row["target"],
                arguments: try JSONColumn.decode([String: String].self, from: row["arguments"])),
            requestedBy: row["requested_by"], requestedAt: row["requested_at"], state: state, result: row["result"],
            details: try JSONColumn.decode([String: String].self, from: row["details"]),
            startedAt: row["started_at"], finishedAt: row["finished_at"], claimedBy: row["claimed_by"],
            attempts: row["attempts"])
    }
}

/// A stored row this binary cannot read.
struct OperatorActionRowError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
