import Synchronization
import Foundation
import LoopbackServers
@testable import CPAPIKit

/// A workspace with one CPAlead source (with an API key) on a fake server that shares the test's
/// stepped clock; waits for a rate-limit slot step that clock instead of sleeping.
struct ReportsWorld {
    static let apiKey = "s3cr3t-Key-42"
    static let publisherID = "77"

    let scratch: ScratchFolder
    let store: WorkspaceStore
    let server: FakeCPAleadServer
    let fetcher: HTTPFetcher
    let clock: SteppedClock
    let waits: WaitRecorder

    /// Records each wait and moves the clock past it.
    final class WaitRecorder: Sendable {
        private let recorded = Mutex<[TimeInterval]>([])
        var all: [TimeInterval] { recorded.withLock { $0 } }
        func record(_ seconds: TimeInterval) { recorded.withLock { $0.append(seconds) } }
    }

    @discardableResult
    static func with<T>(_ body: (ReportsWorld) async throws -> T) async throws -> T {
        let scratch = try ScratchFolder()
        let clock = SteppedClock()
        let server = try await FakeCPAleadServer.start(clock: clock)
        await server.setAPIKey(apiKey, publisherID: publisherID)
        let fetcher = HTTPFetcher(
            configuration: .init(connectTimeout: .seconds(5), readTimeout: .seconds(10)),
            sleep: { _ in }, clock: clock, random: { 0 })
        let world = ReportsWorld(
            scratch: scratch, store: try scratch.makeStore(), server: server, fetcher: fetcher,
            clock: clock, waits: WaitRecorder())
        try world.addSource(id: "cpalead", apiKey: .environment("CPALEAD_KEY"))
        defer { scratch.remove() }
        do {
            let result = try await body(world)
            try await fetcher.shutdown(); await server.stop()
            return result
        } catch {
            try? await fetcher.shutdown(); await server.stop()
            throw error
        }
    }

    func addSource(id: String, apiKey: SecretRef?) throws {
        let config = SourceConfig(id: id, baseURL: server.baseURL, publisherID: Self.publisherID, apiKey: apiKey)
        try store.pool.write { db in _ = try WorkspaceStore.upsertSourceConfig(config, at: clock.now(), db: db) }
    }

    /// The source's report client, its key read from a fake environment; waits step the clock.
    func client(sourceID: String = "cpalead", store: WorkspaceStore? = nil, interval: TimeInterval = 60) throws -> CPAleadReportClient {
        let clock = self.clock, waits = self.waits
        return try CPAleadReportClient.open(
            sourceID: sourceID, store: store ?? self.store, resolver: SecretResolver(environment: ["CPALEAD_KEY": Self.apiKey]),
            http: fetcher, interval: interval, clock: clock,
            sleep: { duration in
                let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
                waits.record(seconds)
                clock.advance(by: seconds)
            })
    }

    /// Reversal entries as the fake lists them, one per `(lead, offer, day, amount)`.
    static func reversalEntries(_ rows: [(String, Int, String, Double)]) -> [String] {
        rows.map {
            #"{"lead_id":"\#($0.0)","offer_id":\#($0.1),"subid":"s-\#($0.0)","amount":"\#($0.3)","date":"\#($0.2) 10:00:00","reason":"fraud"}"#
        }
    }

    func reversalRequests() async -> [(String, String)] {
        await server.requests().filter { $0.path == "/api/reversals" }.map { ($0.value("start_date") ?? "", $0.value("end_date") ?? "") }
    }
}
