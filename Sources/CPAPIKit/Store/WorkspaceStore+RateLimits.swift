import Foundation
import GRDB

/// Rate limits of the report APIs, per source and endpoint, shared by every process on the workspace.
extension WorkspaceStore {
    /// Reserves the endpoint's slot: in one IMMEDIATE transaction (the database's write lock is taken
    /// before the read), when `now` is at or after the stored next allowed time, that time becomes
    /// `now + interval` and the call is granted; otherwise the caller is told until when to wait.
    /// Two callers, in this process or another, never both pass.
    public func reserveRateLimitSlot(
        sourceID: String, endpoint: ReportEndpoint, now: Date,
        interval: TimeInterval
    ) throws -> RateLimitReservation {
        var outcome = RateLimitReservation.wait(until: now)
        try pool.writeInTransaction(.immediate) { db in
            if let next = try Self.nextAllowedAt(sourceID: sourceID, endpoint: endpoint, db: db), now < next {
                outcome = .wait(until: next)
                return .commit
            }
            let next = now.addingTimeInterval(max(0, interval))
            try Self.setNextAllowedAt(next, sourceID: sourceID, endpoint: endpoint, now: now, db: db)
            outcome = .granted(nextAllowedAt: next)
            return .commit
        }
        return outcome
    }

    /// Moves the endpoint's next allowed time to `until` unless it is already later (a 429's
    /// `Retry-After` never shortens a wait another caller reserved).
    public func postponeRateLimit(sourceID: String, endpoint: ReportEndpoint, until: Date, now: Date) throws {
        try pool.writeInTransaction(.immediate) { db in
            if let next = try Self.nextAllowedAt(sourceID: sourceID, endpoint: endpoint, db: db), next >= until {
                return .commit
            }
            try Self.setNextAllowedAt(until, sourceID: sourceID, endpoint: endpoint, now: now, db: db)
            return .commit
        }
    }

    /// When the endpoint may next be called (nil: never called, so now); for a countdown.
    public func nextAllowedAt(sourceID: String, endpoint: ReportEndpoint) throws -> Date? {
        try pool.read { db in try Self.nextAllowedAt(sourceID: sourceID, endpoint: endpoint, db: db) }
    }

    private static func nextAllowedAt(sourceID: String, endpoint: ReportEndpoint, db: Database) throws -> Date? {
        try Date.fetchOne(
            db, sql: "SELECT next_allowed_at FROM rate_limits WHERE source_id = ? AND endpoint = ?",
            arguments: [sourceID, endpoint.rawValue])
    }

    private static func setNextAllowedAt(_ next: Date, sourceID: String, endpoint: ReportEndpoint, now: Date, db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO rate_limits (source_id, endpoint, next_allowed_at, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT(source_id, endpoint) DO UPDATE SET next_allowed_at = excluded.next_allowed_at,
                    updated_at = excluded.updated_at
                """, arguments: [sourceID, endpoint.rawValue, next, now])
    }
}
