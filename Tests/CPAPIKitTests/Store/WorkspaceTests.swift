import Foundation
import Testing
@testable import CPAPIKit

@Suite struct WorkspaceTests {
    @Test func workspaceOptionWinsOverEnvironment() {
        let env = ["CPAPI_WORKSPACE": "/env/ws", "XDG_DATA_HOME": "/xdg", "HOME": "/home/op"]
        #expect(Workspace.directory(explicit: "/opt/ws", environment: env) == "/opt/ws")
    }

    @Test func environmentVariableWinsOverXDG() {
        let env = ["CPAPI_WORKSPACE": "/env/ws", "XDG_DATA_HOME": "/xdg", "HOME": "/home/op"]
        #expect(Workspace.directory(explicit: nil, environment: env) == "/env/ws")
    }

    @Test func xdgDataHomeIsTheDefault() {
        #expect(Workspace.directory(explicit: nil, environment: ["XDG_DATA_HOME": "/xdg", "HOME": "/home/op"]) == "/xdg/cpapi-tui")
        #expect(Workspace.directory(explicit: nil, environment: ["HOME": "/home/op"]) == "/home/op/.local/share/cpapi-tui")
        #expect(
            Workspace.directory(explicit: nil, environment: ["XDG_DATA_HOME": "", "HOME": "/home/op"])
                == "/home/op/.local/share/cpapi-tui")
    }

    func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func newWorkspaceUsesEightKilobytePagesAndKeepsThemWhenReopened() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let path = WorkspaceStore.databasePath(inWorkspace: try Workspace.openOrCreate(directory: dir.file("ws")).directory)
        #expect(try WorkspaceStore(path: path).pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 8192)
        let reopened = try WorkspaceStore(path: path)
        #expect(try reopened.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 8192)
        #expect(try reopened.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") } == "wal")
    }

    @Test func workspaceIsCreatedWithMode0700() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let workspace = try Workspace.openOrCreate(directory: dir.file("nested/ws"))
        #expect(try mode(workspace.directory) == 0o700)
        #expect(FileManager.default.fileExists(atPath: dir.file("nested/ws/cpapi.sqlite")))
    }

    @Test func looserExistingWorkspaceIsTightened() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        try FileManager.default.createDirectory(
            atPath: dir.file("ws"), withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o755])
        _ = try Workspace.openOrCreate(directory: dir.file("ws"))
        #expect(try mode(dir.file("ws")) == 0o700)
    }

    @Test func fileInPlaceOfTheFolderIsRefused() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let file = try dir.write("ws", "x")
        #expect(throws: Workspace.OpenError.self) { try Workspace.openOrCreate(directory: file) }
    }
}
