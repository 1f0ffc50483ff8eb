import ArgumentParser
import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit
@testable import cpapi_tui

/// `cpapi-tui offer …` and `campaign …` through the command line's code path, on the local platform.
@Suite struct OfferCommandWorkflowTests {
    func run(_ arguments: [String]) async throws {
        var command = try CPAPITUI.parseAsRoot(arguments)
        if var asyncCommand = command as? any AsyncParsableCommand {
            try await asyncCommand.run()
        } else {
            try command.run()
        }
    }

    @Test func offerAndCampaignActionsActOnTheLocalPlatform() async throws {
        let scratch = try CommandLineTests.Scratch(); defer { scratch.remove() }
        let server = try await FakeCPAleadServer.start()
        let feed = OfferFeedGenerator(seed: 3, firstID: 9000, publisherID: "1").offers(count: 5)
        await server.setFeed(publisherID: "1", offers: feed)
        let file = try scratch.write(
            "cfg.toml",
            """
            [[sources]]
            id = "alpha"
            kind = "cpalead"
            url = "\(server.baseURL)"
            publisher_id = "1"

            [[campaigns]]
            id = "one"
            sources = ["alpha"]

            [[campaigns]]
            id = "two"
            sources = ["alpha"]
            """)
        try await run(["--workspace", scratch.workspace, "apply", file])
        try await run(["--workspace", scratch.workspace, "sync", "--once"])
        await server.stop()

        let store = try scratch.store()
        let key = try #require(try store.offers(sourceID: "alpha").first { $0.isValid }?.key)
        await #expect {
            try await run(["--workspace", scratch.workspace, "offer", "pause", key.description])
        } throws: { error in
            "\(error)".contains("several campaigns (one, two)") && "\(error)".contains("--campaign")
        }
        try await run(["--workspace", scratch.workspace, "offer", "pause", key.description, "--campaign", "one", "--json"])
        let held = try #require(try store.placements(for: key).first { $0.campaignID == "one" })
        #expect(held.state == .held)
        let local = LocalPlatform(store: store)
        #expect(try await local.offer(id: try #require(held.platformOfferID))?.status == .suspended)

        await #expect {
            try await run(["--workspace", scratch.workspace, "offer", "resume", key.description, "--campaign", "two"])
        } throws: { error in
            "\(error)".contains("not held")
        }
        await #expect {
            try await run(["--workspace", scratch.workspace, "offer", "pause", "no-colon"])
        } throws: { error in
            "\(error)".contains("SOURCE:EXTERNAL_ID")
        }

        try await run(["--workspace", scratch.workspace, "campaign", "retire", "two"])
        let two = try #require(try store.campaign(id: "two"))
        #expect(!two.enabled && two.defaults.status == .paused)
        for placement in try store.placements(campaignID: "two") {
            #expect(try await local.offer(id: try #require(placement.platformOfferID))?.status == .suspended)
        }
        try await run(["--workspace", scratch.workspace, "campaign", "enable", "two"])
        #expect(try store.campaign(id: "two")?.enabled == true)
    }
}
