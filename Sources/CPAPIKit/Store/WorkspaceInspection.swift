import Foundation
import GRDB

/// What is at a workspace's database path, looked at before anything opens it for writing: a file
/// that is empty, not SQLite, malformed, missing a table, or written by a newer binary is named
/// (`WorkspaceProblem`) and left exactly as it is.
public enum WorkspaceInspection {
    /// What a healthy-enough path holds.
    public enum Finding: Sendable, Equatable {
        /// No database file.
        case absent
        /// A SQLite database with no table at all (created, never migrated): a new workspace.
        case blank
        /// A workspace; `applied` its migrations in order, `pending` the ones this binary would add.
        case workspace(applied: [String], pending: [String])
    }

    /// Looks at the database file at `path` read-only. Throws `.damaged` or `.newerSchema`.
    public static func inspect(path: String) throws(WorkspaceProblem) -> Finding {
        let directory = (path as NSString).deletingLastPathComponent
        func damaged(_ reason: String) -> WorkspaceProblem { .damaged(directory: directory, reason: reason) }
        guard FileManager.default.fileExists(atPath: path) else { return .absent }
        if let problem = fileProblem(path: path) { throw damaged(problem) }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { db in try finding(db, directory: directory) }
        } catch let problem as WorkspaceProblem {
            throw problem
        } catch {
            throw damaged(reason(error))
        }
    }

    /// What is wrong with the file itself, before SQLite reads it: not a regular file, empty, not SQLite.
    static func fileProblem(path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return "cannot read cpapi.sqlite: \(String(cString: strerror(errno)))" }
        guard info.st_mode & S_IFMT == S_IFREG else { return "cpapi.sqlite is not a file" }
        guard info.st_size > 0 else { return "cpapi.sqlite is empty (0 bytes)" }
        guard let handle = FileHandle(forReadingAtPath: path) else { return "cannot read cpapi.sqlite" }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        try? handle.close()
        return header == Data("SQLite format 3\0".utf8) ? nil : "cpapi.sqlite is not a SQLite database"
    }

    /// The finding over an open connection (also what `doctor` and `restore` check a file with).
    static func finding(_ db: Database, directory: String) throws(WorkspaceProblem) -> Finding {
        let migrator = WorkspaceSchema.migrator
        let tables: Set<String>
        let applied: Set<String>
        do {
            tables = try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            if tables.isEmpty { return .blank }
            guard tables.contains("grdb_migrations") else {
                throw WorkspaceProblem.damaged(directory: directory, reason: "it holds no cpapi-tui schema")
            }
            applied = try migrator.appliedIdentifiers(db)
        } catch let problem as WorkspaceProblem {
            throw problem
        } catch {
            throw .damaged(directory: directory, reason: reason(error))
        }
        let known = migrator.migrations
        let unknown = applied.subtracting(known)
        guard unknown.isEmpty else {
            throw .newerSchema(directory: directory, schema: unknown.sorted().joined(separator: ", "), known: known.last ?? "none")
        }
        let done = known.filter(applied.contains)
        if let last = done.last, let expected = referenceTables[last] {
            if let lost = expected.subtracting(tables).sorted().first {
                throw .damaged(directory: directory, reason: "its table \(lost) is missing")
            }
        }
        return .workspace(applied: done, pending: known.filter { !applied.contains($0) })
    }

    /// The tables the schema has after each migration, from migrating an in-memory database once.
    static let referenceTables: [String: Set<String>] = {
        var tables: [String: Set<String>] = [:]
        let migrator = WorkspaceSchema.migrator
        for identifier in migrator.migrations {
            guard let queue = try? DatabaseQueue(), (try? migrator.migrate(queue, upTo: identifier)) != nil else { continue }
            tables[identifier] = try? queue.read { db in
                try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            }
        }
        return tables
    }()

    /// SQLite's own words for a failure (no SQL, no arguments): "database disk image is malformed".
    public static func reason(_ error: any Error) -> String {
        if let error = error as? DatabaseError { return error.message ?? "\(error.resultCode)" }
        return "\(error)"
    }

    /// A store error in words: the workspace's own problem in one line when it is one (damaged, gone),
    /// else the error as it says itself. `storePath` is the database file's.
    public static func words(for error: any Error, storePath: String) -> String {
        problem(for: error, directory: (storePath as NSString).deletingLastPathComponent).map(\.description) ?? "\(error)"
    }

    /// The problem a database error met mid-command stands for, when it is one of the workspace
    /// itself (malformed, not a database, a table or column gone, the file moved away).
    public static func problem(for error: any Error, directory: String) -> WorkspaceProblem? {
        if let problem = error as? WorkspaceProblem { return problem }
        guard let error = error as? DatabaseError else { return nil }
        if error.extendedResultCode == .SQLITE_READONLY_DBMOVED {
            return .gone(directory: directory, reason: "cpapi.sqlite was moved or removed")
        }
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .damaged(directory: directory, reason: reason(error))
        case .SQLITE_ERROR:
            let message = error.message ?? ""
            guard message.hasPrefix("no such table") || message.hasPrefix("no such column") else { return nil }
            return .damaged(directory: directory, reason: message)
        default:
            return nil
        }
    }
}
