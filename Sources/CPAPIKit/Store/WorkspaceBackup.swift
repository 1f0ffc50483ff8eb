import Foundation
import GRDB

/// Copies of a workspace's database through SQLite's online backup: a backup reads one consistent
/// snapshot while another process goes on syncing; a restore checks the copy first and keeps the
/// database it replaces next to it.
public enum WorkspaceBackup {
    /// Why a backup or restore was refused; nothing was changed.
    public struct Refusal: Error, Sendable, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }

    /// What a restore did.
    public struct Restored: Sendable {
        /// The database that was replaced, kept as `cpapi.sqlite.before-restore-<time>` (nil: there was none).
        public var keptAside: String?
        /// The restored workspace's schema (its last migration, after any this binary added).
        public var schema: String
    }

    /// Writes a copy of `store`'s database to `destination`, which must not exist. The copy is made
    /// under a temporary name in the same folder and renamed when complete, so `destination` is
    /// either absent or a whole backup; it is readable by its owner only.
    public static func backup(_ store: WorkspaceStore, to destination: String) throws {
        let destination = Workspace.absolute(destination)
        guard !FileManager.default.fileExists(atPath: destination) else {
            throw Refusal("\(destination) exists: name a new file (a backup never overwrites one)")
        }
        let partial = destination + ".partial-\(getpid())"
        do {
            try copy(from: store.pool, to: partial)
            guard rename(partial, destination) == 0 else { throw Refusal("cannot name the backup \(destination): \(errorText())") }
        } catch {
            removeDatabase(at: partial)
            throw error
        }
    }

    /// Replaces the database of the workspace at `directory` with the backup at `file` (creating the
    /// workspace when there is none). Refused while another process holds the sync lease, and unless
    /// `file` is a whole cpapi-tui workspace this binary can open (integrity check, schema); the
    /// replaced database is kept aside, its write-ahead log with it.
    public static func restore(from file: String, into directory: String, now: Date = Date()) throws -> Restored {
        let file = Workspace.absolute(file)
        let directory = Workspace.absolute(directory)
        try verify(backup: file)
        try Workspace.prepareFolder(directory)
        let path = WorkspaceStore.databasePath(inWorkspace: directory)
        // The current database, when it opens: its lease tells whether a process syncs it now. A
        // damaged one cannot be synced (nor asked), and is only put aside.
        let current = try? WorkspaceStore(path: path, creating: false)
        let me = SyncLeaseHolder.currentProcess
        do {
            if let current, let holder = try current.acquireSyncLease(pid: me.pid, host: me.host, now: now) {
                throw Refusal(
                    "the workspace is being synced by pid \(holder.pid) on \(holder.host) "
                        + "(since \(holder.acquiredAt.formatted(.iso8601))): stop it first, then restore")
            }
        } catch let error where WorkspaceInspection.problem(for: error, directory: directory) != nil {
            // Its lease itself is damaged: no process can sync it, and a restore is what it needs.
        }
        defer { try? current?.releaseSyncLease(pid: me.pid, host: me.host) }

        let incoming = path + ".restoring-\(getpid())"
        removeDatabase(at: incoming)
        do {
            try copy(from: DatabaseQueue(path: file, configuration: readOnly), to: incoming)
            // The backup's lease (a sync running when it was taken) is no process here.
            try DatabaseQueue(path: incoming).write { db in try db.execute(sql: "DELETE FROM sync_lease") }
        } catch {
            removeDatabase(at: incoming)
            throw error
        }
        var keptAside: String?
        if FileManager.default.fileExists(atPath: path) {
            let aside = path + ".before-restore-" + stamp(now)
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + suffix) {
                guard rename(path + suffix, aside + suffix) == 0 else {
                    throw Refusal("cannot keep \(path + suffix) aside as \(aside + suffix): \(errorText())")
                }
            }
            keptAside = aside
        }
        guard rename(incoming, path) == 0 else { throw Refusal("cannot put the backup in place at \(path): \(errorText())") }
        let restored = try WorkspaceStore(path: path, creating: false)
        let schema = try restored.pool.read { db in try WorkspaceSchema.migrator.appliedMigrations(db).last } ?? "none"
        return Restored(keptAside: keptAside, schema: schema)
    }

    /// Refuses `file` unless it is a whole cpapi-tui workspace this binary can open.
    static func verify(backup file: String) throws {
        func refuse(_ reason: String) -> Refusal { Refusal("\(file) is not a usable cpapi-tui backup (\(reason)); nothing was changed") }
        let finding: WorkspaceInspection.Finding
        do throws(WorkspaceProblem) {
            finding = try WorkspaceInspection.inspect(path: file)
        } catch {
            switch error {
            case .damaged(_, let reason), .gone(_, let reason): throw refuse(reason)
            case .newerSchema(_, let schema, let known):
                throw refuse("written by a newer cpapi-tui, schema \(schema); this binary knows up to \(known): upgrade first")
            case .missing: throw refuse("no such file")
            }
        }
        switch finding {
        case .absent: throw refuse("no such file")
        case .blank: throw refuse("it holds no cpapi-tui schema")
        case .workspace: break
        }
        let problems = try DatabaseQueue(path: file, configuration: readOnly).read { db in
            try String.fetchAll(db, sql: "PRAGMA integrity_check(5)")
        }
        guard problems == ["ok"] else { throw refuse("integrity check: " + problems.joined(separator: "; ")) }
    }

    /// Copies `source` into a new database file at `path` (owner-only) through SQLite's backup.
    private static func copy(from source: some DatabaseReader, to path: String) throws {
        let destination = try DatabaseQueue(path: path)
        try source.backup(to: destination)
        try destination.close()
        guard chmod(path, 0o600) == 0 else { throw Refusal("cannot make \(path) private: \(errorText())") }
    }

    private static var readOnly: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        return configuration
    }

    private static func removeDatabase(at path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }

    /// `20260501-120000`, UTC.
    static func stamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        return formatter.string(from: date)
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }
}
