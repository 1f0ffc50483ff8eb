import Foundation
import GRDB
import LoopbackServers
import Testing
@testable import CPAPIKit

/// Issue #19 at the process level: the built `cpapi-tui` over a workspace that is missing, damaged,
/// from a newer binary or removed mid-run; what a file or pipe gets of stdout; a key in api_key_env.
@Suite struct WorkspaceSafetyTests: WorkspaceProcessFixture {
    // MARK: A. Missing and damaged workspaces

    @Test func commandsOverAMistypedWorkspaceFailAndCreateNothing() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        for command in [
            ["sources"], ["sources", "--json"], ["offers"], ["runs"], ["campaigns"], ["sync", "--once"],
            ["source", "delete", "a"], ["doctor"], ["backup", scratch.root + "/b.sqlite"]
        ] {
            let finished = try await BinaryProcess.run(["--workspace", scratch.workspace] + command)
            expectOneLineFailure(finished, containing: ["no workspace at \(scratch.workspace)"])
            #expect(!FileManager.default.fileExists(atPath: scratch.workspace), "\(command) created the workspace")
        }
        // Through the environment too.
        let finished = try await BinaryProcess.run(["sources"], environment: ["CPAPI_WORKSPACE": scratch.workspace])
        expectOneLineFailure(finished, containing: ["no workspace at"])
        #expect(!FileManager.default.fileExists(atPath: scratch.workspace))
    }

    @Test func anEmptyDatabaseFileIsDamagedNotANewWorkspace() async throws {
        let scratch = try await syncedWorkspace(); defer { scratch.remove() }
        #expect(truncate(database(scratch), 0) == 0)
        for command in [["sync", "--once"], ["sources"], ["apply", scratch.root + "/cfg.toml"]] {
            let finished = try await BinaryProcess.run(["--workspace", scratch.workspace] + command)
            expectOneLineFailure(finished, containing: ["workspace \(scratch.workspace) is damaged", "empty (0 bytes)", "cpapi-tui doctor"])
        }
        #expect(bytes(scratch) == [Data(), nil], "nothing written")
    }

    @Test func aMalformedDatabaseIsOneLineAndLeftAsItIs() async throws {
        let scratch = try await syncedWorkspace(); defer { scratch.remove() }
        try malform(scratch)
        let before = bytes(scratch)
        for command in [["sources"], ["sync", "--once"], ["offers", "--json"]] {
            let finished = try await BinaryProcess.run(["--workspace", scratch.workspace] + command)
            expectOneLineFailure(finished, containing: ["workspace \(scratch.workspace) is damaged", "malformed"])
        }
        #expect(bytes(scratch) == before)
    }

    @Test func aDroppedTableIsNamed() async throws {
        let scratch = try await syncedWorkspace(); defer { scratch.remove() }
        try edit(database(scratch)) { db in try db.execute(sql: "DROP TABLE placements") }
        let before = bytes(scratch)
        for command in [["offers"], ["sync", "--once"]] {
            let finished = try await BinaryProcess.run(["--workspace", scratch.workspace] + command)
            expectOneLineFailure(finished, containing: ["is damaged (its table placements is missing)"])
        }
        #expect(bytes(scratch) == before)
    }

    @Test func aSyncWhoseWorkspaceIsRemovedMidRunFailsSayingSo() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let server = try await FakeCPAleadServer.start()
        try await syncedWorkspace(scratch, server: server)
        await server.clearRequests()
        await server.inject(.held, publisherID: "1")
        let sync = try BinaryProcess(["--workspace", scratch.workspace, "sync", "--once", "--source", "alpha"])
        while await server.requests().isEmpty { try await Task.sleep(for: .milliseconds(20)) }
        try FileManager.default.removeItem(atPath: scratch.workspace)
        await server.release()
        let finished = try await sync.finish()
        await server.stop()
        #expect(finished.status != 0)
        #expect(
            finished.stderr.contains("workspace \(scratch.workspace) went away while in use (the folder was removed)"),
            "\(finished.stderr)")
    }

    // MARK: D. A schema from the future

    @Test func aWorkspaceFromANewerBinaryIsRefusedAndNotWritten() async throws {
        let scratch = try await syncedWorkspace(); defer { scratch.remove() }
        try edit(database(scratch)) { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
        }
        let before = bytes(scratch)
        let known = WorkspaceSchema.migrator.migrations.last!
        for command in [["sources"], ["sync", "--once"], ["apply", scratch.root + "/cfg.toml"], ["source", "delete", "alpha"]] {
            let finished = try await BinaryProcess.run(["--workspace", scratch.workspace] + command)
            expectOneLineFailure(
                finished,
                containing: [
                    "workspace \(scratch.workspace) was written by a newer cpapi-tui (schema v9-from-the-future); "
                        + "this binary knows up to \(known): upgrade"
                ])
        }
        #expect(bytes(scratch) == before)
    }

    // MARK: E. What the operator sees

    @Test func scheduledSyncLinesReachAFileBeforeTheProcessEnds() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let server = try await FakeCPAleadServer.start()
        try await syncedWorkspace(scratch, server: server)
        let sync = try BinaryProcess(["--workspace", scratch.workspace, "sync"])
        // Block-buffered, the lines would wait for an exit that SIGKILL never gives.
        let text = try await sync.waitForOutput("both run lines") { $0.contains("alpha succeeded") && $0.contains("beta succeeded") }
        sync.signal(SIGKILL)
        _ = try await sync.finish()
        await server.stop()
        #expect(text.split(separator: "\n").count == 2)
    }

    @Test func anAPIKeyInApiKeyEnvIsRefusedWithItsLineAndNeverEchoed() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let key = "9f8e7d6c-5b4a-live-key"
        let file = try scratch.write(
            "cfg.toml",
            """
            [[sources]]
            id = "a"
            kind = "cpalead"
            url = "http://127.0.0.1:9"
            publisher_id = "1"
            api_key_env = "\(key)"
            """)
        let finished = try await BinaryProcess.run(["--workspace", scratch.workspace, "apply", file])
        #expect(finished.status != 0)
        #expect(
            finished.stderr.contains(
                "\(file):6: sources.a.api_key_env: not a variable name (it looks like a key: "
                    + "put the key in the environment and name the variable here)"), "\(finished.stderr)")
        #expect(!finished.stderr.contains(key) && !finished.stdout.contains(key))
        let listed = try await BinaryProcess.run(["--workspace", scratch.workspace, "sources", "--json"])
        #expect(listed.status == 0 && !listed.stdout.contains("\"a\""), "nothing applied")
    }
}
