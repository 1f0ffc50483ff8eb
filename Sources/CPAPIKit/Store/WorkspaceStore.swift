import Foundation
import GRDB

/// The workspace database: SQLite through GRDB in WAL mode (`DatabasePool`), schema by migrations.
///
/// One type, extended per concern in `WorkspaceStore+<Concern>.swift` files (sources, offers,
/// campaigns, placements, runs and events, lease). Reads go through the pool's readers and never
/// wait on a writer; every write that changes state records its events in the same transaction.
public final class WorkspaceStore: Sendable {
    /// The pool: one writer, concurrent readers.
    public let pool: DatabasePool
    /// The database file.
    public let path: String

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        self.pool = try DatabasePool(path: path, configuration: configuration)
        self.path = path
        try WorkspaceSchema.migrator.migrate(pool)
    }

    /// The database file of a workspace folder.
    public static func databasePath(inWorkspace directory: String) -> String {
        (directory as NSString).appendingPathComponent("cpapi.sqlite")
    }
}

/// `IN (…)` lists, shared by the store's extensions.
extension WorkspaceStore {
    /// Ids per `IN (…)` statement: well under SQLite's bound-variable limit.
    static let idsPerStatement = 500

    /// `?,?,…` for an `IN (…)` list of `count` values.
    static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
