import CPAPIKit
import Foundation
import LoopbackServers
import Testing
import TUI
@testable import Console

/// The details a real workspace answers, synced through the CPAlead adapter from the loopback fake
/// and the local platform: what an offer's change event says (in the Sync strip and the offer's
/// details), a source's failed call as stored, a campaign's placement counts.
@Suite struct WorkspaceDetailsScreenTests {
    typealias T = ConsoleScreenTests

    static let apiKey = "details-Secret-Key-42"
    static let keyVariable = "CONSOLE_DETAILS_KEY"

    struct World {
        let workspace: Workspace
        let server: FakeCPAleadServer
        var store: WorkspaceStore { workspace.store }

        static func with(_ body: (World) async throws -> Void) async throws {
            let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("cpapi-details-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(atPath: folder) }
            let server = try await FakeCPAleadServer.start()
            do {
                let world = World(workspace: try Workspace.openOrCreate(directory: folder), server: server)
                _ = try ConfigApplier(store: world.store).apply(
                    WorkspaceConfig(
                        path: "details-test.toml",
                        sources: [
                            SourceConfig(
                                id: "apps", title: "Apps", baseURL: server.baseURL, publisherID: "5",
                                apiKey: .environment(keyVariable), pollInterval: 1200)
                        ],
                        campaigns: [Campaign(id: "all", title: "Everything", sources: ["apps"], defaults: CampaignDefaults(payoutPercent: 50))]))
                try await body(world)
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        }

        static func offer(_ id: Int, amount: Double, countries: [String] = ["US"]) -> OfferFeedOffer {
            OfferFeedOffer(
                id: id, title: "Offer \(id)", link: "https://www.cpalead.com/view.php?id=\(id)",
                previewLink: "https://play.example/\(id)", amount: amount, countries: countries)
        }

        func sync() async throws -> SyncRun {
            let engine = try WorkspaceEngine.open(store: store)
            let makeSource = DemandSourceMakers.live(resolver: SecretResolver(environment: [keyVariable: apiKey]))
            return try await engine.coordinator(makeSource: makeSource).syncOnce()[0]
        }

        func run(_ script: [HeadlessBackend.Step]) async throws -> HeadlessBackend {
            let engine = try WorkspaceEngine.open(store: store)
            let console = WorkspaceConsole(workspace: workspace, engine: engine, makeSource: DemandSourceMakers.live())
            let backend = HeadlessBackend(size: Size(width: 120, height: 40), colorMode: .none, script: [T.waitFor("Offer 1000")] + script)
            let box = T.UncheckedBox((backend, T.ScriptedEditor([])))
            _ = try await Console.open(
                data: console, actions: console, workspace: "details-test", backend: { box.value.0 },
                options: Console.Options(changePollInterval: .milliseconds(50), startScheduler: false, editor: box.value.1))
            return backend
        }
    }

    @Test func aChangedOfferSaysWhatChangedInTheSyncStripAndItsDetails() async throws {
        try await World.with { world in
            await world.server.setFeed(publisherID: "5", offers: [World.offer(1000, amount: 2.52), World.offer(1001, amount: 1)])
            #expect(try await world.sync().status == .succeeded)
            await world.server.setFeed(
                publisherID: "5", offers: [World.offer(1000, amount: 2.82, countries: ["NZ", "US"]), World.offer(1001, amount: 1)])
            #expect(try await world.sync().counts.changed == 1)
            var strip: [String] = [], details: [String] = []
            _ = try await world.run([
                T.waitFor("apps:1000 offer changed: payout 2.52 → 2.82 USD; countries +NZ"),
                SubjectDetailsScreenTests.capture { strip = $0 },
                .key(.enter), T.waitFor("┌ Offer apps:1000"), T.waitFor("Events"),
                SubjectDetailsScreenTests.capture { details = $0 },
                .key(.escape), .key(.character("q"))
            ])
            #expect(strip.contains { $0.contains("apps:1000 offer changed: payout 2.52 → 2.82 USD; countries +NZ") })
            #expect(details.contains { $0.contains("offer_changed: payout 2.52 → 2.82 USD; countries +NZ") })
        }
    }

    @Test func aSourceWhoseFetchFailedShowsTheCallAsStored() async throws {
        try await World.with { world in
            await world.server.setFeed(publisherID: "5", offers: [World.offer(1000, amount: 2), World.offer(1001, amount: 1)])
            #expect(try await world.sync().status == .succeeded)
            // A 404 is not retried: the run fails at once with the answer kept.
            await world.server.inject(.htmlPage(status: 404), .untilCleared)
            #expect(try await world.sync().status == .failed)
            var lines: [String] = []
            _ = try await world.run([
                .key(.character("1")), .key(.character("i")), T.waitFor("┌ Source apps"), T.waitFor("HTTP status       404"),
                T.waitFor("Last runs"), SubjectDetailsScreenTests.capture { lines = $0 }, .key(.escape), .key(.character("q"))
            ])
            let text = lines.joined(separator: "\n")
            #expect(text.contains("status            invalid: source apps:"))
            #expect(lines.contains { $0.lowercased().contains("content-type: text/html") }, "the answer's headers:\n\(text)")
            #expect(lines.contains { $0.contains("<title>") || $0.contains("<html") }, "the answer's body:\n\(text)")
            #expect(lines.filter { $0.contains("  full  ") || $0.contains("full         ") }.count == 2, "both runs:\n\(text)")
            #expect(text.contains("succeeded") && text.contains("fetched 2 new 2"))
            #expect(text.contains("next try          not scheduled"), "this console does not sync")
            #expect(text.contains("backoff           1 run failed in a row"))
            #expect(text.contains("poll interval     20m"))
            #expect(!text.contains(Self.apiKey), "credentials never show")
        }
    }

    @Test func aCampaignCountsItsPlacementsByState() async throws {
        try await World.with { world in
            await world.server.setFeed(publisherID: "5", offers: [World.offer(1000, amount: 2), World.offer(1001, amount: 1)])
            #expect(try await world.sync().counts.created == 2)
            var lines: [String] = []
            _ = try await world.run([
                .key(.character("2")), .key(.character("i")), T.waitFor("┌ Campaign all"), T.waitFor("Placements (2 matched)"),
                SubjectDetailsScreenTests.capture { lines = $0 }, .key(.character("q")), .key(.character("q"))
            ])
            #expect(lines.contains { $0.contains("live              2") })
            #expect(lines.contains { $0.contains("payout            50% of the advertiser's payout") })
            #expect(lines.contains { $0.contains("sources           apps") })
        }
    }
}
