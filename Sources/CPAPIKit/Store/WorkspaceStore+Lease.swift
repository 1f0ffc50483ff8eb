import Foundation
import GRDB

/// The workspace's sync lease: one syncing process at a time.
extension WorkspaceStore {
    static let syncLeaseName = "sync"

    /// How old a holder's heartbeat must be before another host may take the lease over: 10 min, or
    /// `$CPAPI_LEASE_STALE_AFTER` seconds (tests and slow shared disks). Holders renew it ten times as
    /// often (`syncLeaseHeartbeat`), so only a dead or stopped holder's heartbeat gets this old.
    public static let syncLeaseStaleAfter: TimeInterval = {
        let text = ProcessInfo.processInfo.environment["CPAPI_LEASE_STALE_AFTER"] ?? ""
        return Double(text).map { max($0, 0.5) } ?? 600
    }()

    /// How often a holder renews its heartbeat (`SyncLeaseKeeper`).
    public static var syncLeaseHeartbeat: TimeInterval { syncLeaseStaleAfter / 10 }

    /// Takes the sync lease for `pid` on `host`, unless another live process holds it.
    /// A holder is gone when its heartbeat is older than `staleAfter`, or when it ran on this host
    /// and its process no longer exists. Returns nil when acquired, else the holder.
    public func acquireSyncLease(
        pid: Int32, host: String, now: Date,
        staleAfter: TimeInterval = WorkspaceStore.syncLeaseStaleAfter
    ) throws -> SyncLeaseHolder? {
        try pool.write { db in
            if let holder = try Self.syncLeaseHolder(db: db) {
                let isSelf = holder.pid == pid && holder.host == host
                let isStale = now.timeIntervalSince(holder.heartbeatAt) > staleAfter
                let isDead = holder.host == host && !Self.processExists(holder.pid)
                if !isSelf && !isStale && !isDead { return holder }
            }
            try db.execute(
                sql: """
                    INSERT INTO sync_lease (name, holder_pid, holder_host, acquired_at, heartbeat_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(name) DO UPDATE SET holder_pid = excluded.holder_pid, holder_host = excluded.holder_host,
                        acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at
                    """, arguments: [Self.syncLeaseName, pid, host, now, now])
            return nil
        }
    }

    /// Renews the lease's heartbeat; returns false when this process no longer holds it.
    @discardableResult
    public func renewSyncLease(pid: Int32, host: String, now: Date) throws -> Bool {
        try pool.write { db in
            try db.execute(
                sql: "UPDATE sync_lease SET heartbeat_at = ? WHERE name = ? AND holder_pid = ? AND holder_host = ?",
                arguments: [now, Self.syncLeaseName, pid, host])
            return db.changesCount > 0
        }
    }

    /// Renews the lease's heartbeat without blocking a thread of the cooperative pool while the
    /// single writer is busy; returns false when this process no longer holds it.
    public func renewSyncLease(pid: Int32, host: String, now: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE sync_lease SET heartbeat_at = ? WHERE name = ? AND holder_pid = ? AND holder_host = ?",
                arguments: [now, Self.syncLeaseName, pid, host])
            return db.changesCount > 0
        }
    }

    /// Gives the lease up, if this process holds it.
    public func releaseSyncLease(pid: Int32, host: String) throws {
        try pool.write { db in
            try db.execute(
                sql: "DELETE FROM sync_lease WHERE name = ? AND holder_pid = ? AND holder_host = ?",
                arguments: [Self.syncLeaseName, pid, host])
        }
    }

    /// Who holds the lease now, if anyone.
    public func syncLeaseHolder() throws -> SyncLeaseHolder? {
        try pool.read { db in try Self.syncLeaseHolder(db: db) }
    }

    private static func syncLeaseHolder(db: Database) throws -> SyncLeaseHolder? {
        try Row.fetchOne(db, sql: "SELECT * FROM sync_lease WHERE name = ?", arguments: [syncLeaseName]).map { row in
            SyncLeaseHolder(
                pid: row["holder_pid"], host: row["holder_host"],
                acquiredAt: row["acquired_at"], heartbeatAt: row["heartbeat_at"])
        }
    }

    private static func processExists(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }
}
