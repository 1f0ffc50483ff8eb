import Foundation
import Synchronization
import Testing
@testable import CPAPIKit

/// Where a source's request timeout and fetch deadline come from, and that its fetch runs within them.
@Suite struct FetchLimitsTests {
    /// The limits in force each time a probe source was asked for offers.
    final class LimitsSeen: Sendable {
        let seen = Mutex<[String: HTTPFetchLimits]>([:])
    }

    struct ProbeSource: DemandSource {
        let config: SourceConfig
        let limits: LimitsSeen

        func fetchOffers(_ request: FetchRequest) async throws(FetchFailure) -> FetchResult {
            let current = HTTPFetchLimits.current
            limits.seen.withLock { $0[config.id] = current }
            return FetchResult(offers: [], mayBeCutShort: false, bytes: 0)
        }
    }

    @Test func aSourceFetchesWithinItsOwnLimitsElseTheSyncOnes() async throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        let clock = SteppedClock()
        let own = SourceConfig(id: "own", baseURL: "http://127.0.0.1:1", publisherID: "1", requestTimeout: 30, fetchDeadline: 90)
        let shared = SourceConfig(id: "shared", baseURL: "http://127.0.0.1:1", publisherID: "1")
        try OfferFixtures.addSources([own, shared], to: store, at: clock.now())
        let limits = LimitsSeen()
        let sync = SourceSync(store: store, makeSource: { ProbeSource(config: $0, limits: limits) }, clock: clock)
        let settings = SyncSettings(requestTimeout: 45, fetchDeadline: 600)
        for id in ["own", "shared"] {
            let source = try #require(try store.source(id: id))
            #expect(await sync.run(source, settings: settings).status == .succeeded)
        }
        let seen = limits.seen.withLock { $0 }
        #expect(seen["own"] == HTTPFetchLimits(requestTimeout: .seconds(30), startedAt: clock.now(), deadline: .seconds(90)))
        #expect(seen["shared"] == HTTPFetchLimits(requestTimeout: .seconds(45), startedAt: clock.now(), deadline: .seconds(600)))
        #expect(HTTPFetchLimits.current == nil, "only inside the fetch")
    }

    @Test func theKeysAreReadAtBothLevelsAsDurations() throws {
        let text = """
            [sync]
            request_timeout = "90s"
            fetch_deadline = "4m"

            [[sources]]
            id = "slow"
            kind = "cpalead"
            url = "https://www.cpalead.com"
            publisher_id = "1"
            request_timeout = "5m"
            fetch_deadline = "1h30m"

            [[sources]]
            id = "plain"
            kind = "cpalead"
            url = "https://www.cpalead.com"
            publisher_id = "1"
            """
        let config = try ConfigParser.parse(text: text, path: "/cfg/test.toml")
        #expect(config.sync?.requestTimeout == 90 && config.sync?.fetchDeadline == 240)
        #expect(config.sources.map(\.requestTimeout) == [300, nil])
        #expect(config.sources.map(\.fetchDeadline) == [5400, nil])
        let fragment = ConfigFragmentWriter.toml(for: config.sources[0])
        #expect(fragment.contains("request_timeout = \"5m\"\nfetch_deadline = \"1h30m\"\n"))
        #expect(SyncSettings().requestTimeout == 120 && SyncSettings().fetchDeadline == 300)
    }

    @Test func aUnitlessTimeoutIsRefused() {
        do {
            _ = try ConfigParser.parse(
                text: "[sync]\nrequest_timeout = \"90\"\nfetch_deadline = 0\n", path: "/cfg/test.toml",
                displayPath: "test.toml")
            Issue.record("parsed")
        } catch {
            #expect(error.issues.map(\.key) == ["sync.request_timeout", "sync.fetch_deadline"])
            #expect(error.issues.first?.reason.contains("has no unit") == true)
        }
    }

    @Test func settingsStoredBeforeTheseKeysReadWithTheDefaults() throws {
        let stored = #"{"maxMissingShare":0.5,"missingGrace":7200,"pollInterval":900,"sourceConcurrency":2}"#
        let settings = try JSONColumn.decode(SyncSettings.self, from: stored)
        #expect(settings == SyncSettings(pollInterval: 900, sourceConcurrency: 2))
        let source = try JSONColumn.decode(SourceConfig.self, from: JSONColumn.encode(SourceConfig(id: "a", baseURL: "u", publisherID: "1")))
        #expect(source.requestTimeout == nil && source.fetchDeadline == nil)
    }
}
