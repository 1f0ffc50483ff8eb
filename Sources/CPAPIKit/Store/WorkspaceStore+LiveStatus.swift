import Foundation
import GRDB

/// The lease holder's live status (`sync_live_status`): what its runs and schedule are doing now, for
/// the consoles of other processes (`SyncLiveStatus`, `SyncStatusPublisher`).
extension WorkspaceStore {
    static let liveStatusName = "sync"

    /// Writes `status` as the holder's, in the same statement only if the sync lease names its
    /// process: a process that lost the lease never overwrites the status of the one that took it.
    /// Returns false when it was not written for that reason.
    @discardableResult
    public func publishSyncStatus(_ status: SyncLiveStatus) async throws -> Bool {
        let text = try JSONColumn.encode(status)
        return try await pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO sync_live_status (name, holder_pid, holder_host, updated_at, status)
                    SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM sync_lease WHERE name = ? AND holder_pid = ? AND holder_host = ?)
                    ON CONFLICT(name) DO UPDATE SET holder_pid = excluded.holder_pid, holder_host = excluded.holder_host,
                        updated_at = excluded.updated_at, status = excluded.status
                    """,
                arguments: [
                    Self.liveStatusName, status.pid, status.host, status.updatedAt, text,
                    Self.syncLeaseName, status.pid, status.host
                ])
            return db.changesCount > 0
        }
    }

    /// Removes the live status `pid` on `host` published (on giving the lease back).
    public func clearSyncStatus(pid: Int32, host: String) async throws {
        try await pool.write { db in
            try db.execute(
                sql: "DELETE FROM sync_live_status WHERE name = ? AND holder_pid = ? AND holder_host = ?",
                arguments: [Self.liveStatusName, pid, host])
        }
    }

    /// The live status last published, by whichever process (it may no longer hold the lease:
    /// compare with `syncLeaseHolder()`).
    public func syncLiveStatus() async throws -> SyncLiveStatus? {
        try await read { db in
            guard
                let text = try String.fetchOne(
                    db, sql: "SELECT status FROM sync_live_status WHERE name = ?",
                    arguments: [Self.liveStatusName])
            else { return nil }
            return try JSONColumn.decode(SyncLiveStatus.self, from: text)
        }
    }
}
