import Foundation
import GRDB
import LoopbackServers
import Testing
@testable import CPAPIKit

/// `backup` and `restore` as the built `cpapi-tui`, over workspaces made as in `WorkspaceSafetyTests`.
@Suite struct BackupRestoreCommandTests: WorkspaceProcessFixture {
    // MARK: C. Backup and restore

    @Test func backupWhileAnotherProcessSyncsAndRestoreRefusedUntilItStops() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let server = try await FakeCPAleadServer.start()
        try await syncedWorkspace(scratch, server: server)
        let sync = try BinaryProcess(["--workspace", scratch.workspace, "sync"])
        _ = try await sync.waitForOutput("the first runs") { $0.contains("alpha succeeded") && $0.contains("beta succeeded") }

        let backupFile = scratch.root + "/backup.sqlite"
        let backedUp = try await BinaryProcess.run(["--workspace", scratch.workspace, "backup", backupFile])
        #expect(backedUp.status == 0, "\(backedUp.stderr)")
        let again = try await BinaryProcess.run(["--workspace", scratch.workspace, "backup", backupFile])
        expectOneLineFailure(again, containing: ["exists"])

        let refused = try await BinaryProcess.run(["--workspace", scratch.workspace, "restore", backupFile])
        expectOneLineFailure(refused, containing: ["is being synced by pid \(sync.pid)", "stop it first"])
        sync.signal(SIGTERM)
        #expect(try await sync.finish().status == 0)
        await server.stop()

        // The workspace moves on (a source deleted), then the backup is put back.
        #expect(try await BinaryProcess.run(["--workspace", scratch.workspace, "source", "delete", "beta"]).status == 0)
        let restored = try await BinaryProcess.run(["--workspace", scratch.workspace, "restore", backupFile])
        #expect(restored.status == 0, "\(restored.stderr)")
        let store = try Workspace.open(directory: scratch.workspace).store
        #expect(try store.source(id: "beta")?.isArchived == false)
        #expect(try store.offerCounts()["alpha"]?.inFeed == 5)
        #expect(try store.syncLeaseHolder() == nil, "the backup's lease (taken while syncing) is dropped")
        let aside = try FileManager.default.contentsOfDirectory(atPath: scratch.workspace).filter { $0.hasPrefix("cpapi.sqlite.before-restore-") }
        #expect(aside.contains { !$0.hasSuffix("-wal") && !$0.hasSuffix("-shm") }, "\(aside)")
        #expect(restored.stdout.contains("kept as"))
    }

    @Test func restoreRefusesAFileThatIsNotAWholeWorkspaceAndChangesNothing() async throws {
        let scratch = try await syncedWorkspace(); defer { scratch.remove() }
        let before = bytes(scratch)
        let text = try scratch.write("notes.txt", "not a database\n")
        let empty = try scratch.write("empty.sqlite", "")
        let foreign = scratch.root + "/foreign.sqlite"
        try edit(foreign) { db in try db.execute(sql: "CREATE TABLE t (x)") }
        for file in [text, empty, foreign, scratch.root + "/nope.sqlite"] {
            let finished = try await BinaryProcess.run(["--workspace", scratch.workspace, "restore", file])
            expectOneLineFailure(finished, containing: ["\(file) is not a usable cpapi-tui backup", "nothing was changed"])
        }
        #expect(bytes(scratch) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.workspace).allSatisfy { !$0.contains("before-restore") })
    }

    @Test func restoreReplacesADamagedWorkspaceKeepingItAside() async throws {
        let scratch = try await syncedWorkspace(); defer { scratch.remove() }
        let backupFile = scratch.root + "/backup.sqlite"
        #expect(try await BinaryProcess.run(["--workspace", scratch.workspace, "backup", backupFile]).status == 0)
        #expect(truncate(database(scratch), 0) == 0)
        let restored = try await BinaryProcess.run(["--workspace", scratch.workspace, "restore", backupFile])
        #expect(restored.status == 0, "\(restored.stderr)")
        #expect(try Workspace.open(directory: scratch.workspace).store.offerCounts()["beta"]?.inFeed == 5)
        let listed = try await BinaryProcess.run(["--workspace", scratch.workspace, "sources"])
        #expect(listed.status == 0 && listed.stdout.contains("alpha"))
    }
}
