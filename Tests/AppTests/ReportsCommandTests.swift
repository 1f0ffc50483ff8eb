import ArgumentParser
import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit
@testable import cpapi_tui

/// `conversions` and `reversals` in process, against a temp workspace and the loopback CPAlead fake.
@Suite struct ReportsCommandTests {
    static let apiKey = "cli-Secret-Key-9"

    func run(_ arguments: [String]) async throws {
        var command = try CPAPITUI.parseAsRoot(arguments)
        if var asyncCommand = command as? any AsyncParsableCommand { try await asyncCommand.run() } else { try command.run() }
    }

    /// Runs `body` with a started fake, stopped afterwards whether or not `body` throws.
    func withServer(_ body: (FakeCPAleadServer) async throws -> Void) async throws {
        let server = try await FakeCPAleadServer.start()
        do { try await body(server) } catch { await server.stop(); throw error }
        await server.stop()
    }

    /// A workspace with source `cp` (its key inline in the config file) on `server`.
    func prepare(_ scratch: CommandLineTests.Scratch, _ server: FakeCPAleadServer) async throws {
        await server.setAPIKey(Self.apiKey, publisherID: "5")
        // The fake's own limit is tested in the kit; here the command's interval alone spaces the calls.
        await server.setReportInterval(0)
        let file = try scratch.write(
            "cfg.toml",
            """
            [[sources]]
            id = "cp"
            kind = "cpalead"
            url = "\(server.baseURL)"
            publisher_id = "5"
            api_key = "\(Self.apiKey)"
            """)
        try await run(["--workspace", scratch.workspace, "apply", file])
    }

    @Test func conversionsCommandAsksTheAPIAndNoWaitFailsFastWithTheAllowedTime() async throws {
        let scratch = try CommandLineTests.Scratch(); defer { scratch.remove() }
        try await withServer { server in
            try await prepare(scratch, server)
            try await server.setConversions([#"{"subid":"t1","offer_id":7,"amount":"1.2"}"#], publisherID: "5")

            try await run(["conversions", "cp", "--subid", "t1", "--offer", "7", "--json", "--workspace", scratch.workspace])
            let asked = await server.requests().filter { $0.path == "/api/conversions" }
            #expect(asked.count == 1 && asked[0].value("subid") == "t1" && asked[0].value("offer_id") == "7")
            #expect(asked[0].value("api_key") == Self.apiKey)

            do {
                try await run(["conversions", "cp", "--subid", "t1", "--no-wait", "--workspace", scratch.workspace])
                Issue.record("a second call within the minute must fail with --no-wait")
            } catch let error as CLIError {
                #expect(error.description.contains("allows its next call at"))
                #expect(!error.description.contains(Self.apiKey))
            }
            #expect(await server.requests().filter { $0.path == "/api/conversions" }.count == 1)
        }
    }

    @Test func reversalsCommandDownloadsMonthByMonthThenSummarises() async throws {
        let scratch = try CommandLineTests.Scratch(); defer { scratch.remove() }
        try await withServer { server in
            try await prepare(scratch, server)
            try await server.setReversals(
                [
                    #"{"lead_id":"1","offer_id":10,"amount":"2","date":"2026-01-03"}"#,
                    #"{"lead_id":"2","offer_id":10,"amount":1,"date":"2026-02-03"}"#,
                    #"{"lead_id":"3","offer_id":11,"amount":5,"date":"2026-02-04"}"#
                ], publisherID: "5")

            try await run([
                "reversals", "cp", "--from", "2026-01-01", "--to", "2026-02-28", "--interval", "0.01",
                "--json", "--workspace", scratch.workspace
            ])
            #expect(
                await server.requests().filter { $0.path == "/api/reversals" }.map { $0.value("start_date") ?? "" }
                    == ["2026-01-01", "2026-02-01"])
            let store = try scratch.store()
            let summary = try store.reversalSummary(sourceID: "cp")
            #expect(summary == [OfferReversalSummary(offerID: "10", count: 2, amount: 3), OfferReversalSummary(offerID: "11", count: 1, amount: 5)])
            try await run(["reversals", "cp", "--summary", "--json", "--workspace", scratch.workspace])

            let document = try JSONOutput.string(ReversalsCommand.SummaryDocument(source: "cp", range: nil, offers: summary))
            #expect(document.contains(#""offer_id" : "10""#) && document.contains(#""count" : 3"#) && document.contains(#""from" : null"#))
            let stored = try store.reversals(sourceID: "cp").map(\.rawJSON).joined()
            #expect(!stored.contains(Self.apiKey))
        }
    }

    @Test func reversalsCommandRefusesBadDates() throws {
        #expect(throws: (any Error).self) { try CPAPITUI.parseAsRoot(["reversals", "cp", "--from", "2026-13-01", "--to", "2026-12-31"]) }
        #expect(throws: (any Error).self) { try CPAPITUI.parseAsRoot(["reversals", "cp", "--from", "2026-02-01", "--to", "2026-01-31"]) }
        #expect(throws: (any Error).self) { try CPAPITUI.parseAsRoot(["reversals", "cp", "--from", "2026-02-01"]) }
        #expect(throws: (any Error).self) { try CPAPITUI.parseAsRoot(["reversals", "cp"]) }
        do {
            _ = try CPAPITUI.parseAsRoot(["reversals", "cp", "--from", "2026-02-01", "--to", "2026-01-31"])
            Issue.record("a range that ends before it starts must be refused")
        } catch {
            #expect(CPAPITUI.message(for: error).contains("--from 2026-02-01 is after --to 2026-01-31"))
        }
    }
}
