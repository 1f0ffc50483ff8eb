import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Checkpoints the workspace's write-ahead log on a connection of its own, so that the single
/// writer never stops to copy pages into the database file.
///
/// SQLite checkpoints in the connection that commits, once the log passes 1,000 pages: every source
/// would wait while the writer copies (docs/PERFORMANCE.md). Here the writer's commit hook only asks for a checkpoint; a queue of its own runs
/// it (`PASSIVE`: it never blocks the writer or a reader). Should that fall far behind (or its
/// connection fail to open), the writer checkpoints itself as SQLite would.
final class WALCheckpointer: Sendable {
    /// Log pages after which a checkpoint is asked for (SQLite's own default).
    static let pagesBeforeCheckpoint: Int32 = 1000
    /// Log pages after which the writer checkpoints itself after all.
    static let pagesBeforeWriterCheckpoints: Int32 = 16 * pagesBeforeCheckpoint

    private let path: String
    private let queue = DispatchQueue(label: "cpapi-tui.wal-checkpoint")
    /// The connection checkpoints run on (opened at the first), whether one is asked for, and how many ran.
    private let state = Mutex<(connection: DatabaseQueue?, asked: Bool, runs: Int)>((nil, false, 0))

    init(path: String) {
        self.path = path
    }

    /// Installs the commit hook on the workspace's writer connection (SQLite's own automatic
    /// checkpoints end with it). `self` must outlive the connection: the pool's configuration,
    /// whose `prepareDatabase` calls this, holds it.
    func install(on db: Database) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(
            db.sqliteConnection,
            { context, connection, _, pages in
                guard let context, pages >= WALCheckpointer.pagesBeforeCheckpoint else { return SQLITE_OK }
                if pages >= WALCheckpointer.pagesBeforeWriterCheckpoints {
                    sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, nil, nil)
                } else {
                    Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue().ask()
                }
                return SQLITE_OK
            }, context)
    }

    /// Runs one checkpoint on the queue, unless one is already waiting to run.
    private func ask() {
        let first = state.withLock { state in
            defer { state.asked = true }
            return !state.asked
        }
        guard first else { return }
        queue.async { self.checkpoint() }
    }

    private func checkpoint() {
        let connection = state.withLock { state -> DatabaseQueue? in
            state.asked = false
            if state.connection == nil { state.connection = try? DatabaseQueue(path: path) }
            return state.connection
        }
        // A failure (the log busy with another checkpoint) is left to the next commit's ask, or to the writer.
        guard (try? connection?.writeWithoutTransaction({ db in try db.checkpoint(.passive) })) != nil else { return }
        state.withLock { $0.runs += 1 }
    }

    /// Checkpoints run on the checkpointer's own connection so far.
    var checkpointsRun: Int { state.withLock { $0.runs } }
}
