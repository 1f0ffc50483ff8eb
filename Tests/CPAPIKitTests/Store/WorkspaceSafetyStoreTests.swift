import Foundation
import GRDB
import Testing
@testable import CPAPIKit

/// Issue #19 in the kit: what a workspace's database is before it is opened, a file gone while open.
@Suite struct WorkspaceSafetyStoreTests {
    func database(_ dir: ScratchFolder, _ name: String = "workspace") -> String {
        WorkspaceStore.databasePath(inWorkspace: dir.file(name))
    }

    @Test func openingNeverCreatesAWorkspaceThatIsNotThere() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        #expect(throws: WorkspaceProblem.missing(directory: dir.file("ws"))) { try Workspace.open(directory: dir.file("ws")) }
        #expect(!FileManager.default.fileExists(atPath: dir.file("ws")))
        // A folder that is not a workspace is neither filled nor tightened.
        try FileManager.default.createDirectory(
            atPath: dir.file("other"), withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o755])
        #expect(throws: WorkspaceProblem.missing(directory: dir.file("other"))) { try Workspace.open(directory: dir.file("other")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("other")).isEmpty)
        #expect((try FileManager.default.attributesOfItem(atPath: dir.file("other"))[.posixPermissions] as? NSNumber)?.intValue == 0o755)
        _ = try Workspace.openOrCreate(directory: dir.file("ws"))
        _ = try Workspace.open(directory: dir.file("ws"))
    }

    @Test func inspectionNamesAnEmptyAForeignAndAnIncompleteDatabase() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        #expect(try WorkspaceInspection.inspect(path: dir.file("none.sqlite")) == .absent)
        let empty = try dir.write("empty.sqlite", "")
        #expect(throws: WorkspaceProblem.damaged(directory: dir.path, reason: "cpapi.sqlite is empty (0 bytes)")) {
            try WorkspaceInspection.inspect(path: empty)
        }
        let text = try dir.write("text.sqlite", String(repeating: "not sqlite ", count: 100))
        #expect(throws: WorkspaceProblem.damaged(directory: dir.path, reason: "cpapi.sqlite is not a SQLite database")) {
            try WorkspaceInspection.inspect(path: text)
        }
        let blank = dir.file("blank.sqlite")
        try DatabaseQueue(path: blank).writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = 1") }
        #expect(try WorkspaceInspection.inspect(path: blank) == .blank)
        let foreign = dir.file("foreign.sqlite")
        try DatabaseQueue(path: foreign).write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        #expect(throws: WorkspaceProblem.damaged(directory: dir.path, reason: "it holds no cpapi-tui schema")) {
            try WorkspaceInspection.inspect(path: foreign)
        }
        let store = try dir.makeStore()
        #expect(try WorkspaceInspection.inspect(path: store.path) == .workspace(applied: WorkspaceSchema.migrator.migrations, pending: []))
        try store.pool.write { db in try db.execute(sql: "DROP TABLE sync_runs") }
        #expect(throws: WorkspaceProblem.damaged(directory: dir.file("workspace"), reason: "its table sync_runs is missing")) {
            try WorkspaceStore(path: store.path)
        }
    }

    @Test func aSchemaFromANewerBinaryIsRefusedAndNotMigrated() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        try store.pool.write { db in try db.execute(sql: "INSERT INTO grdb_migrations VALUES ('v4-later'), ('v5-later-still')") }
        let expected = WorkspaceProblem.newerSchema(
            directory: dir.file("workspace"), schema: "v4-later, v5-later-still",
            known: WorkspaceSchema.migrator.migrations.last!)
        #expect(throws: expected) { try WorkspaceStore(path: store.path) }
        #expect(throws: expected) { try Workspace.openOrCreate(directory: dir.file("workspace")) }
        #expect(expected.description.contains("was written by a newer cpapi-tui (schema v4-later, v5-later-still); this binary knows up to"))
    }

    @Test func anOlderWorkspaceIsUpgraded() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.file("workspace"), withIntermediateDirectories: true)
        let queue = try DatabaseQueue(path: database(dir))
        try WorkspaceSchema.migrator.migrate(queue, upTo: "v1")
        try queue.close()
        #expect(
            try WorkspaceInspection.inspect(path: database(dir))
                == .workspace(applied: ["v1"], pending: Array(WorkspaceSchema.migrator.migrations.dropFirst())))
        _ = try Workspace.open(directory: dir.file("workspace"))
        #expect(try WorkspaceInspection.inspect(path: database(dir)) == .workspace(applied: WorkspaceSchema.migrator.migrations, pending: []))
    }

    @Test func aStoreKnowsWhenItsFileWentAway() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        try store.checkPresent()
        let moved = dir.file("moved.sqlite")
        #expect(rename(store.path, moved) == 0)
        #expect(throws: WorkspaceProblem.gone(directory: dir.file("workspace"), reason: "cpapi.sqlite was removed")) { try store.checkPresent() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: store.path))
        #expect(throws: WorkspaceProblem.gone(directory: dir.file("workspace"), reason: "cpapi.sqlite was replaced by another file")) {
            try store.checkPresent()
        }
        try FileManager.default.removeItem(atPath: dir.file("workspace"))
        #expect(throws: WorkspaceProblem.gone(directory: dir.file("workspace"), reason: "the folder was removed")) { try store.checkPresent() }
    }

    @Test func databaseErrorsOfTheWorkspaceItselfAreNamed() {
        let corrupt = DatabaseError(resultCode: .SQLITE_CORRUPT, message: "database disk image is malformed", sql: "SELECT 1")
        #expect(WorkspaceInspection.problem(for: corrupt, directory: "/w") == .damaged(directory: "/w", reason: "database disk image is malformed"))
        let dropped = DatabaseError(resultCode: .SQLITE_ERROR, message: "no such table: placements", sql: "SELECT * FROM placements")
        #expect(WorkspaceInspection.problem(for: dropped, directory: "/w") == .damaged(directory: "/w", reason: "no such table: placements"))
        #expect(WorkspaceInspection.problem(for: DatabaseError(resultCode: .SQLITE_BUSY), directory: "/w") == nil)
        #expect(WorkspaceInspection.problem(for: CancellationError(), directory: "/w") == nil)
    }
}
