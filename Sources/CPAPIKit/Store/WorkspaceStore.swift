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
    /// Copies the write-ahead log into the database off the writer (see `WALCheckpointer`).
    let checkpointer: WALCheckpointer
    /// Bounds the asynchronous reads (`read(_:)`) below the pool's readers; see `read(_:)`.
    private let asyncReads = ConcurrencyLimiter(limit: WorkspaceStore.asyncReaderCount)

    /// Readers (SQLite connections) in the pool, and how many of them asynchronous reads may hold at
    /// once: the rest stay free for synchronous reads, which never wait on one another.
    static let readerCount = 8
    static let asyncReaderCount = 4

    /// Opens (creating if needed) the database at `path` and migrates it to the current schema.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.maximumReaderCount = Self.readerCount
        let checkpointer = WALCheckpointer(path: path)
        configuration.prepareDatabase { db in
            // 8 KB pages for a new workspace (an existing one keeps its own): SQLite writes the WAL a
            // page per system call, and a first sync of 100k offers made half as many with them.
            try db.execute(sql: "PRAGMA page_size = 8192; PRAGMA synchronous = NORMAL")
            if !db.configuration.readonly { checkpointer.install(on: db) }
        }
        self.pool = try DatabasePool(path: path, configuration: configuration)
        self.checkpointer = checkpointer
        self.path = path
        try WorkspaceSchema.migrator.migrate(pool)
    }

    /// Reads in a read transaction without blocking the caller's thread. Every asynchronous read
    /// goes through here, never through `pool.read` directly.
    ///
    /// An asynchronous read holds its reader until its task resumes; a synchronous read blocks its
    /// thread until a reader is free. With every reader held by asynchronous reads and every thread
    /// of the cooperative pool blocked in a synchronous read, nothing could resume: a sync of 100k
    /// offers deadlocked so. Keeping asynchronous reads to `asyncReaderCount` of the `readerCount`
    /// readers leaves readers that synchronous reads, which hold theirs without suspending, always get.
    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let pool = self.pool
        return try await asyncReads.run { () async throws -> T in try await pool.read(body) }
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
