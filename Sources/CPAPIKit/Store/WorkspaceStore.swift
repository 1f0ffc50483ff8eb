import Foundation
import GRDB

/// The workspace database: SQLite through GRDB in WAL mode (`DatabasePool`), schema by migrations.
///
/// One type, extended per concern in `WorkspaceStore+<Concern>.swift` files (sources, offers,
/// campaigns, placements, runs and events, lease). Reads go through the pool's readers and never
/// wait on a writer; every write that changes state records its events in the same transaction.
public final class WorkspaceStore: Sendable {
    /// The pool: one writer, concurrent readers. Only the store's own files use it: every other part
    /// of the kit goes through a named transaction of a seam (`SyncStore`, `WorkflowStore`,
    /// `ConfigStore`, `LocalPlatformStore`, `ConsoleStore`), so a second store can be written against them.
    let pool: DatabasePool
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

    /// The database file as opened (device and inode): `checkPresent()` tells it from a file put in its place.
    private let fileIdentity: FileIdentity?

    /// Opens the database at `path` and migrates it to the current schema (an upgrade adds migrations).
    /// It is looked at read-only first (`WorkspaceInspection`): a damaged file or one written by a newer
    /// binary throws `WorkspaceProblem` and is not written. Without `creating`, a missing or blank
    /// database throws `.missing` instead of being created.
    public init(path: String, creating: Bool = true) throws {
        let directory = (path as NSString).deletingLastPathComponent
        switch try WorkspaceInspection.inspect(path: path) {
        case .absent, .blank:
            guard creating else { throw WorkspaceProblem.missing(directory: directory) }
        case .workspace:
            break
        }
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
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try WorkspaceSchema.migrator.migrate(pool)
        } catch {
            throw WorkspaceInspection.problem(for: error, directory: directory) ?? error
        }
        self.pool = pool
        self.checkpointer = checkpointer
        self.path = path
        self.fileIdentity = FileIdentity(path: path)
    }

    /// Throws `WorkspaceProblem.gone` when the database file this store opened is no longer at its
    /// path (its folder or itself removed, or another file put there): SQLite goes on writing to the
    /// unlinked file, so what was written since is lost. Cheap (one `stat`): checked after each run.
    public func checkPresent() throws(WorkspaceProblem) {
        let directory = (path as NSString).deletingLastPathComponent
        guard let opened = fileIdentity else { return }
        guard let now = FileIdentity(path: path) else {
            let folderGone = !FileManager.default.fileExists(atPath: directory)
            throw .gone(directory: directory, reason: folderGone ? "the folder was removed" : "cpapi.sqlite was removed")
        }
        if now != opened { throw .gone(directory: directory, reason: "cpapi.sqlite was replaced by another file") }
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

/// A file's device and inode.
struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev); inode = UInt64(info.st_ino)
    }
}

extension Array {
    /// Consecutive slices of at most `size` elements.
    func chunked(into size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min($0 + size, count)] }
    }
}
