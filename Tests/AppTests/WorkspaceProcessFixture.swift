import Foundation
import GRDB
import LoopbackServers
import Testing
@testable import CPAPIKit

/// What the process-level workspace tests share: a synced workspace, its files, and the shape of a
/// refusal (one line on stderr, a non-zero status, no SQL).
protocol WorkspaceProcessFixture {}

extension WorkspaceProcessFixture {
    typealias Scratch = CommandLineTests.Scratch

    /// A workspace with sources alpha and beta (5 offers each on `server`), synced once in process.
    func syncedWorkspace(_ scratch: Scratch, server: FakeCPAleadServer) async throws {
        await server.setFeed(publisherID: "1", offers: OfferFeedGenerator(seed: 1, firstID: 1000, publisherID: "1").offers(count: 5))
        await server.setFeed(publisherID: "2", offers: OfferFeedGenerator(seed: 2, firstID: 5000, publisherID: "2").offers(count: 5))
        // A short poll: a scheduler started right after runs each source once its poll has passed
        // since this sync (a source is run when due, not at once).
        let config = CommandLineTests().config(server).replacingOccurrences(of: "[sync]\n", with: "[sync]\npoll_interval = \"3s\"\n")
        let file = try scratch.write("cfg.toml", config)
        let applied = try await BinaryProcess.run(["--workspace", scratch.workspace, "apply", file])
        #expect(applied.status == 0, "\(applied.stderr)")
        let synced = try await BinaryProcess.run(["--workspace", scratch.workspace, "sync", "--once"])
        #expect(synced.status == 0, "\(synced.stderr)")
    }

    /// A new scratch workspace synced as `syncedWorkspace(_:server:)` does, its server stopped.
    func syncedWorkspace() async throws -> Scratch {
        let scratch = try Scratch()
        let server = try await FakeCPAleadServer.start()
        do {
            try await syncedWorkspace(scratch, server: server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        return scratch
    }

    /// A config of source `alpha` (publisher 1 on `cpalead`) and campaign `all` over it, on the local
    /// platform or on `affise` (with `affiseKey`).
    func alphaConfig(
        _ cpalead: FakeCPAleadServer, affise: FakeAffiseServer? = nil, affiseKey: String = "",
        pollInterval: String? = nil
    ) -> String {
        let platform = affise.map { "[platform]\nkind = \"affise\"\nurl = \"\($0.baseURL)\"\napi_key = \"\(affiseKey)\"\n\n" } ?? ""
        let sync = pollInterval.map { "[sync]\npoll_interval = \"\($0)\"\n\n" } ?? ""
        return platform + sync + """
            [[sources]]
            id = "alpha"
            kind = "cpalead"
            url = "\(cpalead.baseURL)"
            publisher_id = "1"

            [[campaigns]]
            id = "all"
            sources = ["alpha"]
            [campaigns.defaults]
            advertiser = "5a0c0f5e8a1b2c3d4e5f6a7b"
            payout_percent = 70
            """
    }

    var databaseName: String { "cpapi.sqlite" }

    /// Changes a database behind cpapi-tui's back, as a hand or a crash would (synchronously: the
    /// connection is closed before the next command runs).
    func edit(_ path: String, _ body: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write(body)
        try queue.close()
    }

    func database(_ scratch: Scratch) -> String { (scratch.workspace as NSString).appendingPathComponent(databaseName) }

    /// The database's bytes and its log's (nil when it has none, or an empty one: the read-only look
    /// before opening may leave an empty log behind), to show that a refusal wrote nothing.
    func bytes(_ scratch: Scratch) -> [Data?] {
        let log = FileManager.default.contents(atPath: database(scratch) + "-wal")
        return [FileManager.default.contents(atPath: database(scratch)), log?.isEmpty == true ? nil : log]
    }

    /// One line on stderr, a non-zero status.
    func expectOneLineFailure(
        _ finished: BinaryProcess.Finished, containing words: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(finished.status != 0, sourceLocation: sourceLocation)
        #expect(finished.errorLines.count == 1, "stderr: \(finished.stderr)", sourceLocation: sourceLocation)
        for word in words { #expect(finished.stderr.contains(word), "stderr: \(finished.stderr)", sourceLocation: sourceLocation) }
        #expect(!finished.stderr.contains("SELECT") && !finished.stderr.contains("SQLite error"), sourceLocation: sourceLocation)
    }

    /// Garbage over the schema's page, after the 100-byte header: "database disk image is malformed".
    func malform(_ scratch: Scratch) throws {
        let handle = try #require(FileHandle(forWritingAtPath: database(scratch)))
        try handle.seek(toOffset: 100)
        handle.write(Data(repeating: 0xA5, count: 3000))
        try handle.close()
    }
}
