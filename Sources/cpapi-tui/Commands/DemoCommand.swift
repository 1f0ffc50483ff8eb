import ArgumentParser
import CPAPIKit
import Foundation
import LoopbackServers

/// `cpapi-tui demo`: a self-contained run on a loopback advertiser (headless until the console lands).
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Sync a demo workspace from a loopback advertiser in CPAlead's shape, and show the result.",
        discussion: """
            Starts a fake CPAlead server on 127.0.0.1 with three generated feeds of \(offersPerFeed) offers, \
            applies a config pointing at it (written into the workspace as demo.toml), syncs once, and prints \
            the sources and runs. Without --workspace a new temporary workspace is used (its path is printed).
            """)

    static let offersPerFeed = 500

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let directory = try global.workspace ?? Self.temporaryWorkspace()
        let workspace: Workspace
        do { workspace = try Workspace.open(directory: directory) } catch { throw CLIError("\(error)") }
        Output.line("workspace: \(workspace.directory)")

        let server = try await FakeCPAleadServer.start()
        do {
            let publishers = ["demo-games": "1001", "demo-apps": "1002", "demo-surveys": "1003"]
            for (index, publisher) in publishers.values.sorted().enumerated() {
                let generator = OfferFeedGenerator(seed: UInt64(index + 1), firstID: (index + 1) * 100_000, publisherID: publisher)
                await server.setFeed(publisherID: publisher, offers: generator.offers(count: Self.offersPerFeed))
            }
            let configPath = (workspace.directory as NSString).appendingPathComponent("demo.toml")
            try Self.config(baseURL: server.baseURL, publishers: publishers).write(toFile: configPath, atomically: true, encoding: .utf8)
            let report = try ConfigApplier(store: workspace.store).apply(fileAt: configPath)
            Output.line("applied \(configPath): \(report.count(.created)) created, \(report.count(.updated)) updated, "
                        + "\(report.count(.unchanged)) unchanged")
            let runs = try await SyncCommand.syncOnce(store: workspace.store, sourceIDs: nil, makeSource: DemandSourceMakers.live())
            Output.line()
            try SyncCommand.report(runs, json: false)
            Output.line()
            Output.line("Look around: cpapi-tui --workspace \(workspace.directory) sources | offers | runs | campaigns")
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    static func temporaryWorkspace() throws -> String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent("cpapi-demo-\(UUID().uuidString.prefix(8).lowercased())")
    }

    static func config(baseURL: String, publishers: [String: String]) -> String {
        var text = """
            # Written by `cpapi-tui demo`: three feeds on a loopback advertiser in CPAlead's shape.
            [platform]
            kind = "local"

            [sync]
            poll_interval = "45m"
            missing_grace = "2h"
            max_missing_share = 0.5

            """
        for (id, publisher) in publishers.sorted(by: { $0.key < $1.key }) {
            text += """

                [[sources]]
                id = "\(id)"
                kind = "cpalead"
                title = "\(id.replacingOccurrences(of: "demo-", with: "Demo ").capitalized)"
                url = "\(baseURL)"
                publisher_id = "\(publisher)"
                types = ["cpa", "cpi", "cpe"]
                tracking_params = "subid={clickid}"

                """
        }
        text += """

            [[campaigns]]
            id = "demo-tier1"
            title = "Demo tier 1"
            sources = [\(publishers.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", "))]
            [campaigns.defaults]
            payout_percent = 70
            status = "source"
            [campaigns.filters]
            countries = ["US", "CA", "GB", "AU"]

            """
        return text
    }
}
