import Foundation
import GRDB
import Testing
@testable import CPAPIKit

/// Backup and restore through SQLite's online backup.
@Suite struct WorkspaceBackupStoreTests {
    @Test func backupAndRestoreKeepTheReplacedDatabaseAside() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        try store.setSyncSettings(SyncSettings(sourceConcurrency: 3))
        let backup = dir.file("backup.sqlite")
        try WorkspaceBackup.backup(store, to: backup)
        #expect((try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(throws: WorkspaceBackup.Refusal.self) { try WorkspaceBackup.backup(store, to: backup) }
        try store.setSyncSettings(SyncSettings(sourceConcurrency: 7))

        let now = Date(timeIntervalSince1970: 1_777_777_777)
        let restored = try WorkspaceBackup.restore(from: backup, into: dir.file("workspace"), now: now)
        #expect(restored.keptAside == store.path + ".before-restore-" + WorkspaceBackup.stamp(now))
        #expect(restored.schema == WorkspaceSchema.migrator.migrations.last)
        #expect(try Workspace.open(directory: dir.file("workspace")).store.syncSettings().sourceConcurrency == 3)
        #expect(try WorkspaceStore(path: try #require(restored.keptAside)).syncSettings().sourceConcurrency == 7)
    }

    @Test func restoreIsRefusedWhileAnotherProcessHoldsTheLease() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        let backup = dir.file("backup.sqlite")
        try WorkspaceBackup.backup(store, to: backup)
        #expect(try store.acquireSyncLease(pid: 4242, host: "other-host", now: Date()) == nil)
        #expect {
            try WorkspaceBackup.restore(from: backup, into: dir.file("workspace"))
        } throws: { error in
            "\(error)".contains("being synced by pid 4242 on other-host")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("workspace")).allSatisfy { !$0.contains("before-restore") })
    }
}
