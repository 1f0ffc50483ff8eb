import CPAPIKit
import Foundation
import LoopbackServers
import TUI
@testable import Console

/// A real workspace in a temp folder for the Reports screen tests, its two CPAlead sources on a
/// loopback fake: `apps` (publisher 5) with two stored offers and reversals downloaded for
/// 2026-01-01…2026-03-20, `games` (publisher 6) with one stored offer and nothing downloaded.
/// The console runs over it with `WorkspaceReports` at the interval a test chooses.
struct ReportsConsoleWorld {
    static let apiKey = "console-Reports-Key-7"
    static let keyVariable = "CONSOLE_REPORTS_KEY"
    /// "Now" for the tests that need fixed days (2026-03-20 12:00 UTC): the default range is
    /// 2026-02-19…2026-03-20. It lies in the past, so windows fetched now count as complete.
    static let fixedNow = day("2026-03-20").startDate.addingTimeInterval(12 * 3600)

    let folder: String
    let workspace: Workspace
    let server: FakeCPAleadServer
    var store: WorkspaceStore { workspace.store }

    static func day(_ text: String) -> ReportDay {
        // Only ever given literal days of the tests.
        try! ReportDay(parsing: text)
    }

    /// Runs `body` with a prepared world, removed and stopped afterwards whether or not it throws.
    static func with(_ body: (ReportsConsoleWorld) async throws -> Void) async throws {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("cpapi-reports-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try await FakeCPAleadServer.start()
        do {
            let world = ReportsConsoleWorld(folder: folder, workspace: try Workspace.openOrCreate(directory: folder), server: server)
            try await world.prepare()
            try await body(world)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    private func prepare() async throws {
        for publisher in ["5", "6"] { await server.setAPIKey(Self.apiKey, publisherID: publisher) }
        // The console's own limiter spaces the calls; the fake's limit is tested in the kit.
        await server.setReportInterval(0)
        let key = SecretRef.environment(Self.keyVariable)
        _ = try ConfigApplier(store: store).apply(
            WorkspaceConfig(
                path: "reports-test.toml",
                sources: [
                    SourceConfig(id: "apps", title: "Apps", baseURL: server.baseURL, publisherID: "5", apiKey: key),
                    SourceConfig(id: "games", title: "Games", baseURL: server.baseURL, publisherID: "6", apiKey: key)
                ]))
        try storeOffers("apps", [("1000", "Solitaire Deluxe 1000", 2.5), ("1001", "Coin Master 1001", 4)])
        try storeOffers("games", [("2000", "Bingo Blitz 2000", 1.5)])
        // apps: 1000 reversed 3 times (7.50), 1001 twice (once before the default range), 9999 (not in
        // the feed) twice; the three monthly windows cover 2026-01-01…2026-03-20.
        try storeWindow("2026-01-01", "2026-01-31", fetchedOn: "2026-02-01", [])
        try storeWindow(
            "2026-02-01", "2026-02-28", fetchedOn: "2026-03-01",
            [
                ("L1", "1001", 4, "2026-02-05"), ("L2", "9999", 1, "2026-02-20"), ("L3", "9999", 1, "2026-02-20")
            ])
        try storeWindow(
            "2026-03-01", "2026-03-31", fetchedOn: "2026-03-20",
            [
                ("L4", "1000", 2.5, "2026-03-01"), ("L5", "1000", 2.5, "2026-03-01"), ("L6", "1001", 4, "2026-03-05"),
                ("L7", "1000", 2.5, "2026-03-10")
            ])
    }

    private func storeOffers(_ sourceID: String, _ offers: [(id: String, title: String, payout: Double)]) throws {
        let now = Self.fixedNow
        let result = FetchResult(
            offers: offers.map { offer in
                DemandOffer(
                    key: OfferKey(sourceID: sourceID, externalID: offer.id), title: offer.title,
                    trackingURL: "https://example.com/click?o=\(offer.id)", payout: Payout(amount: offer.payout, currency: "USD"),
                    rawJSON: "{\"id\":\"\(offer.id)\"}", contentHash: "hash-\(offer.id)", firstSeenAt: now, updatedAt: now)
            }, mayBeCutShort: false, bytes: 0)
        _ = try store.storeFetch(
            sourceID: sourceID, result: result,
            policy: MissingMarkingPolicy(fetchKind: .full, mayBeCutShort: false, limit: 100, maxMissingShare: 1),
            runID: nil, startedAt: now, now: now)
    }

    private func storeWindow(
        _ start: String, _ end: String, fetchedOn: String,
        _ reversals: [(lead: String, offer: String, amount: Double, day: String)]
    ) throws {
        try store.storeReversalWindow(
            sourceID: "apps", window: ReportWindow(start: Self.day(start), end: Self.day(end)),
            reversals: reversals.map { r in
                Reversal(
                    sourceID: "apps", key: "lead:\(r.lead)", leadID: r.lead, offerID: r.offer, amount: r.amount,
                    day: Self.day(r.day), dateText: r.day, reason: "fraud",
                    rawJSON: "{\"lead_id\":\"\(r.lead)\",\"offer_id\":\"\(r.offer)\"}")
            },
            fetchedAt: Self.day(fetchedOn).startDate.addingTimeInterval(12 * 3600))
    }

    /// Reversal entries as the fake's Reversals API lists them: `(lead, offer, amount, day)`.
    static func apiReversals(_ rows: [(String, Int, Double, String)]) -> [String] {
        rows.map { #"{"lead_id":"\#($0.0)","offer_id":\#($0.1),"amount":"\#($0.2)","date":"\#($0.3) 09:30:00","reason":"chargeback"}"# }
    }

    /// Runs the console over the world with `script` (which must end by quitting); report calls are
    /// spaced `interval` seconds; the console reads the time from `clock`.
    @discardableResult
    func run(
        interval: TimeInterval, clock: @escaping @Sendable () -> Date = { ReportsConsoleWorld.fixedNow },
        _ script: [HeadlessBackend.Step]
    ) async throws -> (HeadlessBackend, Console.Outcome) {
        let engine = try WorkspaceEngine.open(store: store)
        let console = WorkspaceConsole(workspace: workspace, engine: engine, makeSource: DemandSourceMakers.live())
        let reports = WorkspaceReports(
            store: store, interval: interval,
            resolver: SecretResolver(environment: [Self.keyVariable: Self.apiKey]))
        let backend = HeadlessBackend(
            size: Size(width: 120, height: 40), colorMode: .none,
            script: [ConsoleScreenTests.waitFor("Solitaire Deluxe 1000")] + script)
        let box = ConsoleScreenTests.UncheckedBox((backend, ConsoleScreenTests.ScriptedEditor([])))
        let outcome = try await Console.open(
            data: console, actions: console, reports: reports, workspace: "reports-test", backend: { box.value.0 },
            options: Console.Options(changePollInterval: .milliseconds(50), startScheduler: false, editor: box.value.1, clock: clock))
        return (backend, outcome)
    }
}
