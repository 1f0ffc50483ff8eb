import Foundation
import LoopbackServers
@testable import CPAPIKit

/// A fake CPAlead server and a fetcher whose waits are recorded instead of slept, for one test.
struct FakeCPAleadHarness {
    let server: FakeCPAleadServer
    let fetcher: HTTPFetcher
    let sleeps: SleepRecorder
    let clock: Clock

    /// A clock stopped at a whole second, so HTTP dates (second resolution) convert exactly.
    struct Clock: SyncClock {
        var instant = Date(timeIntervalSince1970: 1_750_000_000)
        func now() -> Date { instant }
    }

    /// Records each wait between attempts; returns at once.
    actor SleepRecorder {
        private(set) var waits: [Duration] = []
        func record(_ duration: Duration) { waits.append(duration) }
    }

    /// Runs `body` with a started server and a fetcher, then shuts both down (also when `body` throws).
    static func with<T>(
        readTimeout: Duration = .seconds(10),
        _ body: (FakeCPAleadHarness) async throws -> T
    ) async throws -> T {
        let server = try await FakeCPAleadServer.start()
        let sleeps = SleepRecorder()
        let clock = Clock()
        let fetcher = HTTPFetcher(
            configuration: .init(connectTimeout: .seconds(5), readTimeout: readTimeout),
            sleep: { await sleeps.record($0) }, clock: clock, random: { 0 })
        let harness = FakeCPAleadHarness(server: server, fetcher: fetcher, sleeps: sleeps, clock: clock)
        do {
            let result = try await body(harness)
            try await fetcher.shutdown()
            await server.stop()
            return result
        } catch {
            try? await fetcher.shutdown()
            await server.stop()
            throw error
        }
    }

    /// A source on this server for publisher `publisherID`.
    func config(publisherID: String = "p1", limit: Int? = nil, types: [String] = [], jsonp: Bool = false) -> SourceConfig {
        SourceConfig(id: "cpalead", baseURL: server.baseURL, publisherID: publisherID, types: types, limit: limit, jsonp: jsonp)
    }

    /// The adapter for `config`, with a retry policy whose delays are recorded, not slept.
    func source(
        _ config: SourceConfig, secrets: [String] = [], policy: HTTPRetryPolicy = .init(maxAttempts: 3),
        maxBodyBytes: Int = 64 << 20
    ) -> CPAleadSource {
        CPAleadSource(config: config, http: fetcher, secrets: secrets, retryPolicy: policy, maxBodyBytes: maxBodyBytes, clock: clock)
    }

    /// Fetches and returns the failure, or nil when the fetch succeeded.
    func failure(of source: CPAleadSource, _ request: FetchRequest = FetchRequest(kind: .full)) async -> FetchFailure? {
        do { _ = try await source.fetchOffers(request); return nil } catch { return error }
    }
}
