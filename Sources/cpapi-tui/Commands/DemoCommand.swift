import ArgumentParser
import CPAPIKit
import Foundation
import LoopbackServers

/// `cpapi-tui demo`: the console on a self-contained workspace fed by a loopback advertiser.
struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Open the console on a demo workspace fed by a loopback advertiser in CPAlead's shape.",
        discussion: """
            Starts a fake CPAlead server on 127.0.0.1 (the same adapter and HTTP client as production) with \
            three generated feeds of \(offersPerFeed) offers that evolve while you watch (new offers, payout \
            changes, offers leaving and coming back, a source failing now and then), applies a config with the \
            local platform and two campaigns (written into the workspace as demo.toml; sources polled every \
            20s, missing grace 60s), and opens the console. The advertiser's report APIs answer too: 60 days \
            of reversals to download from the Reports view (v on a source), and subid demo-click-1 converted. \
            Without --workspace a new temporary workspace is used (its path is printed on exit).
            """)

    static let offersPerFeed = 500
    /// How often the advertiser's feeds move on.
    static let evolveEvery: Duration = .seconds(20)
    /// The loopback advertiser's report API key, written into demo.toml (it guards nothing real).
    static let reportKey = "demo-report-key"

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        try await Self.runDemo(directory: global.workspace)
    }

    static func runDemo(directory explicit: String?) async throws {
        let directory = try explicit ?? temporaryWorkspace()
        let workspace: Workspace
        do { workspace = try Workspace.openOrCreate(directory: directory) } catch { throw CLIError("\(error)") }

        let server = try await FakeCPAleadServer.start()
        let publishers = ["demo-games": "1001", "demo-apps": "1002", "demo-surveys": "1003"]
        let generators = publishers.values.sorted().enumerated().map { index, publisher in
            OfferFeedGenerator(seed: UInt64(index + 1), firstID: (index + 1) * 100_000, publisherID: publisher)
        }
        for generator in generators {
            await server.setFeed(publisherID: generator.publisherID, offers: generator.offers(count: offersPerFeed))
            await server.setAPIKey(reportKey, publisherID: generator.publisherID)
            try await server.setReversals(
                reversals(firstID: generator.firstID, publisherID: generator.publisherID, endingOn: ReportDay(Date())),
                publisherID: generator.publisherID)
            try await server.setConversions(
                [
                    #"{"lead_id":"demo-lead-\#(generator.publisherID)","subid":"demo-click-1","offer_id":\#(generator.firstID),"amount":"1.50","#
                        + #""date":"\#(ReportDay(Date()).adding(days: -1)) 14:05:00"}"#
                ], publisherID: generator.publisherID)
        }
        // The advertiser evolves in the background: a step every 20 s, and now and then a failing answer.
        let evolution = Task.detached {
            var step = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: evolveEvery)
                step += 1
                for generator in generators {
                    await server.setFeed(publisherID: generator.publisherID, offers: generator.feed(count: offersPerFeed, step: step))
                }
                if step % 3 == 0 {
                    let unlucky = generators[step / 3 % generators.count].publisherID
                    await server.inject(.status(503), .times(2), publisherID: unlucky)
                }
            }
        }
        defer { evolution.cancel() }
        do {
            let configPath = (workspace.directory as NSString).appendingPathComponent("demo.toml")
            try config(baseURL: server.baseURL, publishers: publishers).write(toFile: configPath, atomically: true, encoding: .utf8)
            _ = try ConfigApplier(store: workspace.store).apply(fileAt: configPath)
            _ = try await UICommand.openConsole(on: workspace)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
        Output.line("demo workspace: \(workspace.directory)")
    }

    /// 60 days of reversals up to `last` over the feed's first 40 offers, a few offers reversed far more
    /// than the rest (what the Reports view is for finding).
    static func reversals(firstID: Int, publisherID: String, endingOn last: ReportDay) -> [String] {
        var entries: [String] = []
        let seed = Int(publisherID) ?? 0
        for back in 0..<60 {
            let day = last.adding(days: -back)
            let count = (back + seed) % 4 == 0 ? 2 : ((back * 7 + seed) % 3 == 0 ? 1 : 0)
            for index in 0..<count {
                let offer = firstID + (back % 5 == 0 ? 3 : (back * 37 + index * 11 + seed) % 40)
                let amount = 0.5 + Double((back * 13 + index * 7) % 20) / 4
                entries.append(
                    #"{"lead_id":"demo-\#(publisherID)-\#(back)-\#(index)","offer_id":\#(offer),"amount":"\#(amount)","#
                        + #""date":"\#(day) 10:\#(10 + index):00","reason":"fraud"}"#)
            }
        }
        return entries
    }

    static func temporaryWorkspace() throws -> String {
        (NSTemporaryDirectory() as NSString).appendingPathComponent("cpapi-demo-\(UUID().uuidString.prefix(8).lowercased())")
    }

    static func config(baseURL: String, publishers: [String: String]) -> String {
        var text = """
            # Written by `cpapi-tui demo`: three feeds on a loopback advertiser in CPAlead's shape, the local platform,
            # one campaign over everything and one over tier-1 countries.
            [platform]
            kind = "local"

            [sync]
            poll_interval = "20s"
            missing_grace = "60s"
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
                api_key = "\(reportKey)"

                """
        }
        text += """

            [[campaigns]]
            id = "demo-all"
            title = "Demo: every offer"
            sources = [\(publishers.keys.sorted().map { "\"\($0)\"" }.joined(separator: ", "))]
            [campaigns.defaults]
            payout_percent = 80
            status = "source"

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
