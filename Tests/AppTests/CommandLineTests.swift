import ArgumentParser
import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit
@testable import cpapi_tui

/// The command line's code path, in process, against a temp workspace and a loopback CPAlead server.
@Suite struct CommandLineTests {
    /// A temp folder with a workspace path inside it.
    struct Scratch {
        let root: String
        var workspace: String { (root as NSString).appendingPathComponent("ws") }

        init() throws {
            root = (NSTemporaryDirectory() as NSString).appendingPathComponent("cpapi-app-\(UUID().uuidString)")
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        }

        func write(_ name: String, _ text: String) throws -> String {
            let path = (root as NSString).appendingPathComponent(name)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        func store() throws -> WorkspaceStore { try Workspace.openOrCreate(directory: workspace).store }
        func remove() { try? FileManager.default.removeItem(atPath: root) }
    }

    /// Parses and runs a command line as `cpapi-tui` would.
    func run(_ arguments: [String]) async throws {
        var command = try CPAPITUI.parseAsRoot(arguments)
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }

    func config(_ server: FakeCPAleadServer) -> String {
        """
        [sync]
        max_missing_share = 0.5

        [[sources]]
        id = "alpha"
        kind = "cpalead"
        url = "\(server.baseURL)"
        publisher_id = "1"

        [[sources]]
        id = "beta"
        kind = "cpalead"
        url = "\(server.baseURL)"
        publisher_id = "2"

        [[campaigns]]
        id = "all"
        sources = ["alpha", "beta"]
        """
    }

    @Test func applyThenSyncOnceStoresTheFeed() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let server = try await FakeCPAleadServer.start()
        await server.setFeed(publisherID: "1", offers: OfferFeedGenerator(seed: 1, firstID: 1000, publisherID: "1").offers(count: 40))
        await server.setFeed(publisherID: "2", offers: OfferFeedGenerator(seed: 2, firstID: 5000, publisherID: "2").offers(count: 25))
        let file = try scratch.write("cfg.toml", config(server))
        try await run(["--workspace", scratch.workspace, "apply", file])
        try await run(["sync", "--once", "--workspace", scratch.workspace])
        await server.stop()

        let store = try scratch.store()
        let counts = try store.offerCounts()
        #expect(counts["alpha"]?.inFeed == 40 && counts["beta"]?.inFeed == 25)
        #expect(try store.sources().allSatisfy { $0.state.status == .ready })
        #expect(try store.recentRuns().count == 2)
        #expect(try store.campaign(id: "all")?.sources == ["alpha", "beta"])
    }

    @Test func syncOnceExitsNonZeroWhenASourceFailsAfterSyncingTheOthers() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let server = try await FakeCPAleadServer.start()
        await server.setFeed(publisherID: "1", offers: OfferFeedGenerator(seed: 1, firstID: 1000, publisherID: "1").offers(count: 10))
        await server.setFeed(publisherID: "2", offers: OfferFeedGenerator(seed: 2, firstID: 5000, publisherID: "2").offers(count: 10))
        await server.inject(.errorStatus(message: "Invalid publisher"), .untilCleared, publisherID: "2")
        try await run(["--workspace", scratch.workspace, "apply", try scratch.write("cfg.toml", config(server))])
        await #expect(throws: ExitCode.failure) {
            try await run(["--workspace", scratch.workspace, "sync", "--once"])
        }
        await server.stop()

        let store = try scratch.store()
        #expect(try store.offerCounts()["alpha"]?.inFeed == 10)
        #expect(try store.offerCounts()["beta"] == nil)
        let beta = try #require(try store.source(id: "beta"))
        #expect(beta.state.status == .invalid && beta.state.failure != nil)
    }

    @Test func syncOfOneNamedSourceLeavesTheOthers() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let server = try await FakeCPAleadServer.start()
        await server.setFeed(publisherID: "1", offers: OfferFeedGenerator(seed: 1, firstID: 1000, publisherID: "1").offers(count: 5))
        await server.setFeed(publisherID: "2", offers: OfferFeedGenerator(seed: 2, firstID: 5000, publisherID: "2").offers(count: 5))
        try await run(["--workspace", scratch.workspace, "apply", try scratch.write("cfg.toml", config(server))])
        try await run(["--workspace", scratch.workspace, "sync", "--once", "--source", "beta", "--json"])
        await server.stop()
        #expect(try scratch.store().offerCounts().keys.sorted() == ["beta"])
    }

    @Test func applyRefusesABadFileAndAppliesNothing() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let file = try scratch.write("bad.toml", "[sync]\npoll_interval = \"soon\"\n[[sources]]\nid = \"a\"\n")
        await #expect(throws: ExitCode.failure) {
            try await run(["--workspace", scratch.workspace, "apply", file])
        }
        let store = try scratch.store()
        #expect(try store.sources(includeArchived: true).isEmpty)
        #expect(try store.syncSettings() == SyncSettings())
    }

    @Test func sourceDeleteArchivesAndRefusesAnUnknownID() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        let file = try scratch.write(
            "cfg.toml",
            """
            [[sources]]
            id = "a"
            kind = "cpalead"
            url = "http://127.0.0.1:9"
            publisher_id = "1"
            """)
        try await run(["--workspace", scratch.workspace, "apply", file])
        try await run(["--workspace", scratch.workspace, "source", "delete", "a"])
        #expect(try scratch.store().source(id: "a")?.isArchived == true)
        await #expect(throws: CLIError.self) {
            try await run(["--workspace", scratch.workspace, "source", "delete", "nope"])
        }
    }

    @Test func listingCommandsRunOnAnEmptyWorkspace() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        _ = try scratch.store()
        for command in [
            ["sources"], ["sources", "--json"], ["offers"], ["offers", "--json"], ["runs", "--json"],
            ["campaigns", "--json"]
        ] {
            try await run(["--workspace", scratch.workspace] + command)
        }
        await #expect(throws: CLIError.self) { try await run(["--workspace", scratch.workspace, "offers", "--source", "x"]) }
        // An unknown source is said, not answered with "No runs yet".
        let unknown = await #expect(throws: CLIError.self) {
            try await run(["--workspace", scratch.workspace, "runs", "--source", "nope"])
        }
        #expect(unknown?.description == "unknown source \"nope\"")
    }

    @Test func consoleNeedsATerminal() async throws {
        await #expect {
            try await run([])
        } throws: { error in
            "\(error)".contains("cpapi-tui demo")
        }
    }

    @Test func scheduledSyncIsRefusedWhileAnotherProcessSyncsNamingIt() async throws {
        let scratch = try Scratch(); defer { scratch.remove() }
        // Another process (on another host, so it cannot be found dead) holds the lease.
        #expect(try scratch.store().acquireSyncLease(pid: 4242, host: "other-host", now: Date()) == nil)
        await #expect {
            try await run(["--workspace", scratch.workspace, "sync"])
        } throws: { error in
            "\(error)".contains("pid 4242 on other-host")
        }
    }

    @Test func offersJSONIsOneDocumentWithTheDocumentedKeys() throws {
        let offer = DemandOffer(key: OfferKey(sourceID: "s", externalID: "1"), title: "T", contentHash: "h")
        let placement = Placement(campaignID: "c", offerKey: offer.key, platformOfferID: 7, state: .live)
        let text = try JSONOutput.string(OffersCommand.Item(offer, placements: [placement]), pretty: false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "key", "source", "external_id", "title", "description", "preview_url", "tracking_url",
                "payout", "country_payouts", "countries", "devices", "categories", "status_at_source",
                "valid", "invalid_reasons", "in_feed", "first_seen_at", "updated_at", "missing_since",
                "last_seen_at", "content_hash", "placements"
            ])
        #expect(object["missing_since"] is NSNull)
        let placed = try #require((object["placements"] as? [[String: Any]])?.first)
        #expect(
            Set(placed.keys) == [
                "campaign", "platform_offer_id", "platform_status", "state", "out_of_filter", "reason",
                "last_error", "last_pushed_at", "copy_platform_offer_id", "workflow_step"
            ])
        #expect(placed["state"] as? String == "live" && placed["platform_offer_id"] as? Int == 7)
    }
}
