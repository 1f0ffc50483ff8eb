import Foundation
import Synchronization
import Testing
@testable import CPAPIKit

/// `SyncScheduler.interrupt()`: the runs in flight are cancelled, closed as interrupted, reported, and
/// the lease is given back (what SIGTERM does to `cpapi-tui sync`).
@Suite struct SchedulerInterruptTests {
    /// A source whose fetch waits until its task is cancelled, saying when it started waiting.
    final class HangingFeeds: Sendable {
        let started = Mutex(0)
        var factory: DemandSourceMaker {
            { config in Hanging(config: config, feeds: self) }
        }

        struct Hanging: DemandSource {
            let config: SourceConfig
            let feeds: HangingFeeds
            func fetchOffers(_ request: FetchRequest) async throws(FetchFailure) -> FetchResult {
                feeds.started.withLock { $0 += 1 }
                do {
                    // Not a timing: it ends by cancellation; the hour only bounds a test that went wrong.
                    try await Task.sleep(for: .seconds(3600))
                } catch {
                    throw FetchFailure(at: Date(), reason: "cancelled")
                }
                throw FetchFailure(at: Date(), reason: "never cancelled")
            }
        }
    }

    @Test func interruptCancelsTheRunInFlightClosesItAsInterruptedAndReleasesTheLease() async throws {
        let bench = try SchedulerTests.Bench(sources: [SchedulerTests.source("a")])
        defer { bench.folder.remove() }
        let feeds = HangingFeeds()
        let reported = Mutex<[SyncRun]>([])
        let scheduler = SyncScheduler(
            store: bench.store,
            sourceSync: SourceSync(
                store: bench.store, makeSource: feeds.factory,
                clock: bench.time),
            clock: bench.time, sleeper: bench.time, identity: (101, "host-a"),
            onRun: { run in reported.withLock { $0.append(run) } })
        try await scheduler.start()
        try await eventually("the fetch to hang") { feeds.started.withLock { $0 } == 1 }

        await scheduler.interrupt()

        #expect(try bench.store.syncLeaseHolder() == nil)
        let run = try #require(try bench.store.recentRuns(sourceID: "a").first)
        #expect(run.status == .failed)
        #expect(run.error == "interrupted: the process that ran it stopped during the fetch phase")
        #expect(try bench.store.source(id: "a")?.state.status == .ready, "an interrupted fetch does not make the source invalid")
        let runs = reported.withLock { $0 }
        #expect(runs.count == 1 && runs.first?.id == run.id && runs.first?.error == run.error && runs.first?.status == .failed)
        #expect(await !scheduler.isRunning)
    }
}
