import Foundation
import GRDB

/// `cpapi-tui doctor`: SQLite's own checks and the store's, over the database file read-only (a
/// damaged workspace is examined, not refused; nothing is written, nothing migrated).
public enum WorkspaceCheckup {
    public enum Level: String, Sendable { case ok, note, problem }

    /// One thing checked and what was found.
    public struct Finding: Sendable, Equatable {
        public var level: Level
        public var check: String
        public var detail: String
    }

    /// Examines the database file at `path`. Every check runs that can; one that cannot says why.
    public static func examine(path: String) -> [Finding] {
        let directory = (path as NSString).deletingLastPathComponent
        var findings: [Finding] = []
        func add(_ level: Level, _ check: String, _ detail: String) { findings.append(Finding(level: level, check: check, detail: detail)) }

        var schemaFinding: WorkspaceInspection.Finding?
        do throws(WorkspaceProblem) {
            schemaFinding = try WorkspaceInspection.inspect(path: path)
        } catch {
            switch error {
            case .damaged(_, let reason), .gone(_, let reason): add(.problem, "file", reason)
            case .newerSchema(_, let schema, let known):
                add(.problem, "schema", "written by a newer cpapi-tui (schema \(schema)); this binary knows up to \(known): upgrade cpapi-tui")
            case .missing: add(.problem, "file", "no cpapi.sqlite in \(directory)")
            }
        }
        switch schemaFinding {
        case .absent?: add(.problem, "file", "no cpapi.sqlite in \(directory)")
        case .blank?: add(.problem, "schema", "the database has no table at all")
        case .workspace(let applied, let pending)?:
            let last = applied.last ?? "none"
            if pending.isEmpty {
                add(.ok, "schema", "\(last), the latest this binary knows")
            } else {
                add(.note, "schema", "\(last); the next write adds \(pending.joined(separator: ", "))")
            }
        case nil: break
        }

        // An empty file or one that is not SQLite has nothing for SQLite to check.
        guard WorkspaceInspection.fileProblem(path: path) == nil else { return findings }
        let queue: DatabaseQueue
        do {
            var configuration = Configuration()
            configuration.readonly = true
            configuration.busyMode = .timeout(10)
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            if findings.allSatisfy({ $0.level != .problem }) { add(.problem, "file", WorkspaceInspection.reason(error)) }
            return findings
        }
        func check(_ name: String, _ body: (Database) throws -> Finding) {
            do {
                findings.append(try queue.read(body))
            } catch {
                add(.problem, name, "cannot check: \(WorkspaceInspection.reason(error))")
            }
        }
        check("integrity") { db in
            let lines = try String.fetchAll(db, sql: "PRAGMA integrity_check(10)")
            return lines == ["ok"]
                ? Finding(level: .ok, check: "integrity", detail: "PRAGMA integrity_check found nothing wrong")
                : Finding(level: .problem, check: "integrity", detail: lines.joined(separator: "; "))
        }
        check("foreign keys") { db in
            let count = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count
            return count == 0
                ? Finding(level: .ok, check: "foreign keys", detail: "PRAGMA foreign_key_check found nothing wrong")
                : Finding(level: .problem, check: "foreign keys", detail: "\(count) rows refer to rows that do not exist")
        }
        guard case .workspace? = schemaFinding else { return findings }
        for consistency in consistencyChecks { check(consistency.name) { db in try consistency.run(db) } }
        return findings
    }

    /// The store's own rules, each a query listing what breaks it.
    private struct Consistency: Sendable {
        var name: String
        var level: Level
        /// `SELECT` of one text per offending row.
        var sql: String
        var healthy: String
        var found: @Sendable (Int) -> String

        func run(_ db: Database) throws -> Finding {
            let rows = try String.fetchAll(db, sql: sql)
            guard !rows.isEmpty else { return Finding(level: .ok, check: name, detail: healthy) }
            let shown = rows.prefix(5).joined(separator: ", ") + (rows.count > 5 ? ", …" : "")
            return Finding(level: level, check: name, detail: "\(found(rows.count)): \(shown)")
        }
    }

    /// A placement as `CAMPAIGN SOURCE:ID`.
    private static let placementName = "p.campaign_id || ' ' || p.source_id || ':' || p.external_id"

    private static let consistencyChecks: [Consistency] = [
        Consistency(
            name: "placements' campaigns", level: .problem,
            sql: "SELECT \(placementName) FROM placements p LEFT JOIN campaigns c ON c.campaign_id = p.campaign_id WHERE c.id IS NULL",
            healthy: "every placement's campaign is in the workspace",
            found: { "\($0) placements name a campaign the workspace does not have" }),
        Consistency(
            name: "placements' offers", level: .problem,
            sql: """
                SELECT \(placementName) FROM placements p LEFT JOIN demand_offers o
                ON o.source_id = p.source_id AND o.external_id = p.external_id WHERE o.id IS NULL
                """,
            healthy: "every placement's offer is in the workspace",
            found: { "\($0) placements name an offer the workspace does not have" }),
        Consistency(
            name: "platform offer ids", level: .problem,
            sql: """
                SELECT p.platform_offer_id || ' (' || group_concat(\(placementName), ', ') || ')' FROM placements p
                WHERE p.platform_offer_id IS NOT NULL GROUP BY p.platform_offer_id HAVING count(*) > 1
                """,
            healthy: "no platform offer is shared by two placements",
            found: { "\($0) platform offers are each shared by several placements" }),
        Consistency(
            name: "lost creates", level: .note,
            sql: "SELECT \(placementName) FROM placements p WHERE p.create_attempted_at IS NOT NULL AND p.platform_offer_id IS NULL",
            healthy: "no create is waiting for its answer",
            found: { "\($0) lost creates to look up (the next sync finds each by its external id before creating it again)" }),
        Consistency(
            name: "runs", level: .note,
            sql: "SELECT source_id || ' #' || id FROM sync_runs WHERE status = 'running'",
            healthy: "no run is left running",
            found: { "\($0) runs are running or were interrupted (the next sync closes interrupted ones as failed)" })
    ]
}
