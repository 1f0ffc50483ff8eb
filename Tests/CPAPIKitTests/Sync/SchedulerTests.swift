import Foundation
import Synchronization
import Testing
@testable import CPAPIKit

/// The scheduler with a test clock and sleeper: poll intervals with jitter, backoff, sync now, the lease.
@Suite struct SchedulerTests {
    /// A scheduler that starts (the service restarted, a console opened beside it) runs a source when
    /// it is due, not at once: its poll interval after its last successful fetch started.
    @Test func aSourceEntersTheScheduleWhenItIsDue() {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let settings = SyncSettings(pollInterval: 45 * 60)
        let config = SourceConfig(id: "a", baseURL: "http://127.0.0.1:1", publisherID: "1")
        let synced = Source(config: config, state: SourceState(lastSuccessAt: t0.addingTimeInterval(5), lastFetchStartAt: t0))
        #expect(SyncScheduler.firstRunAt(synced, settings: settings, now: t0.addingTimeInterval(60)) == t0.addingTimeInterval(45 * 60))
        #expect(
            SyncScheduler.firstRunAt(synced, settings: settings, now: t0.addingTimeInterval(3600)) == t0.addingTimeInterval(3600),
            "overdue: now")
        var own = config; own.pollInterval = 600
        #expect(SyncScheduler.firstRunAt(Source(config: own, state: synced.state), settings: settings, now: t0) == t0.addingTimeInterval(600))
        let failing = Source(
            config: config,
            state: SourceState(
                status: .invalid, failure: FetchFailure(at: t0, reason: "x"),
                lastSuccessAt: t0, lastFetchStartAt: t0.addingTimeInterval(10)))
        #expect(SyncScheduler.firstRunAt(failing, settings: settings, now: t0.addingTimeInterval(60)) == t0.addingTimeInterval(60))
        #expect(SyncScheduler.firstRunAt(Source(config: config), settings: settings, now: t0) == t0, "never ran: now")
    }

    /// A workspace with sources over scripted feeds, and a scheduler on test time.
    struct Bench {
        let folder: ScratchFolder
        let store: WorkspaceStore
        let feeds = FeedSyncStubFeeds()
        let time = SchedulerTestTime()
        let runs = RunLog()

        init(sources: [SourceConfig], pollInterval: TimeInterval = 1000) throws {
            folder = try ScratchFolder()
            store = try folder.makeStore()
            try store.setSyncSettings(SyncSettings(pollInterval: pollInterval))
            let now = time.now()
            try store.pool.write { db in
                for source in sources { _ = try WorkspaceStore.upsertSourceConfig(source, at: now, db: db) }
            }
        }

        func scheduler(
            random: Double = 0.5, identity: (pid: Int32, host: String) = (101, "host-a"),
            store: WorkspaceStore? = nil, reconciler: (any FeedReconciler)? = nil
        ) -> SyncScheduler {
            let store = store ?? self.store
            let runs = self.runs
            return SyncScheduler(
                store: store,
                sourceSync: SourceSync(
                    store: store, makeSource: feeds.factory,
                    reconciler: reconciler, clock: time),
                clock: time, sleeper: time, random: { random }, identity: identity,
                onRun: { run in runs.append(run) })
        }

        func runCount(_ sourceID: String) -> Int { runs.count(sourceID) }

        /// Waits until the scheduler has nothing running and sleeps.
        func waitUntilIdle(_ scheduler: SyncScheduler) async throws {
            try await eventually("the scheduler to sleep") {
                let entries = await scheduler.schedule()
                return time.sleeperCount == 1 && entries.allSatisfy { !$0.isRunning }
            }
        }
    }

    /// The runs the scheduler finished.
    final class RunLog: Sendable {
        private let runs = Mutex<[SyncRun]>([])
        func append(_ run: SyncRun) { runs.withLock { $0.append(run) } }
        func count(_ sourceID: String) -> Int { runs.withLock { $0.filter { $0.sourceID == sourceID }.count } }
    }

    static func source(_ id: String, poll: TimeInterval? = nil) -> SourceConfig {
        SourceConfig(id: id, baseURL: "http://127.0.0.1:1", publisherID: "1", pollInterval: poll)
    }

    @Test(arguments: [(0.0, 0.9), (1.0, 1.1), (0.5, 1.0)])
    func eachSourceRunsAtItsPollIntervalWithinTheJitterBounds(random: Double, factor: Double) async throws {
        let bench = try Bench(sources: [Self.source("a", poll: 600), Self.source("b")], pollInterval: 1000)
        defer { bench.folder.remove() }
        bench.feeds.serve("a", [OfferFixtures.offer("1", source: "a")])
        bench.feeds.serve("b", [OfferFixtures.offer("1", source: "b")])
        let scheduler = bench.scheduler(random: random)
        let t0 = bench.time.now()
        try await scheduler.start()
        try await eventually("the first round") { bench.runCount("a") == 1 && bench.runCount("b") == 1 }
        try await bench.waitUntilIdle(scheduler)
        let next = await scheduler.nextRunTimes()
        #expect(abs(next["a"]!.timeIntervalSince(t0) - 600 * factor) < 0.001, "the source's own poll interval")
        #expect(abs(next["b"]!.timeIntervalSince(t0) - 1000 * factor) < 0.001, "[sync] poll_interval")

        bench.time.advance(to: next["a"]!)
        try await eventually("a's second run") { bench.runCount("a") == 2 }
        try await bench.waitUntilIdle(scheduler)
        #expect(bench.runCount("b") == 1, "b is not due yet")
        await scheduler.stop()
    }

    @Test func failedSourceIsRetriedWithDoublingBackoffUpToThePollInterval() async throws {
        let bench = try Bench(sources: [Self.source("a", poll: 300)])
        defer { bench.folder.remove() }
        bench.feeds.fail("a")
        let scheduler = bench.scheduler()
        try await scheduler.start()
        var delays: [TimeInterval] = []
        for attempt in 1...5 {
            try await eventually("attempt \(attempt)") { bench.runCount("a") == attempt }
            try await bench.waitUntilIdle(scheduler)
            let entry = try #require(await scheduler.schedule().first)
            #expect(entry.consecutiveFailures == attempt)
            delays.append(entry.nextRunAt.timeIntervalSince(bench.time.now()))
            bench.time.advance(to: entry.nextRunAt)
        }
        #expect(delays == [60, 120, 240, 300, 300])
        await scheduler.stop()
    }

    /// Reconcile outcomes in order (the last repeats): partial runs without a platform.
    final class ScriptedReconciler: FeedReconciler {
        let statuses: Mutex<[SyncRunStatus]>
        init(_ statuses: SyncRunStatus...) { self.statuses = Mutex(statuses) }

        func reconcile(
            run: SyncRun, source: Source, fetched: [DemandOffer],
            progress: @escaping @Sendable (SyncProgress) -> Void
        ) async -> ReconcileOutcome {
            let status = statuses.withLock { $0.count > 1 ? $0.removeFirst() : $0[0] }
            return status == .partial ? ReconcileOutcome(failed: 1, status: .partial, error: "1 write failed") : ReconcileOutcome(status: status)
        }
    }

    /// Runs the source until it has run `count` times, and returns each wait the scheduler chose
    /// after a run (advancing the test clock by it), with the run's status.
    func waits(_ bench: Bench, _ scheduler: SyncScheduler, runs count: Int) async throws -> [(TimeInterval, SyncRunStatus?, Int)] {
        var waits: [(TimeInterval, SyncRunStatus?, Int)] = []
        for run in 1...count {
            try await eventually("run \(run)") { bench.runCount("a") == run }
            try await bench.waitUntilIdle(scheduler)
            let entry = try #require(await scheduler.schedule().first)
            waits.append((entry.nextRunAt.timeIntervalSince(bench.time.now()), entry.lastRun?.status, entry.consecutiveFailures))
            bench.time.advance(to: entry.nextRunAt)
        }
        return waits
    }

    @Test func aFailedSourceWithAPollShorterThanTheRetryBaseIsRetriedAtItsPoll() async throws {
        // retryBase 60 s (the default), poll 15 s: the retry comes at the poll, not a minute later.
        let bench = try Bench(sources: [Self.source("a", poll: 15)])
        defer { bench.folder.remove() }
        bench.feeds.fail("a")
        let scheduler = bench.scheduler(random: 1)
        try await scheduler.start()
        let waits = try await waits(bench, scheduler, runs: 3)
        #expect(waits.map(\.0) == [15, 15, 15])
        #expect(waits.map(\.2) == [1, 2, 3])
        await scheduler.stop()
    }

    @Test func aPartialRunIsRetriedOnTheFailedSchedule() async throws {
        // poll 15 s with jitter at its top (16.5 s): a partial run comes back after 15 s, as a failed one.
        let bench = try Bench(sources: [Self.source("a", poll: 15)])
        defer { bench.folder.remove() }
        bench.feeds.serve("a", [OfferFixtures.offer("1", source: "a")])
        let scheduler = bench.scheduler(random: 1, reconciler: ScriptedReconciler(.partial, .partial, .succeeded))
        try await scheduler.start()
        let waits = try await waits(bench, scheduler, runs: 3)
        #expect(waits.map(\.0) == [15, 15, 16.5])
        #expect(waits.map(\.1) == [.partial, .partial, .succeeded])
        #expect(waits.map(\.2) == [1, 2, 0], "a success resets the backoff")
        await scheduler.stop()
    }

    @Test func partialRunsInARowDoubleUpToThePollInterval() async throws {
        let bench = try Bench(sources: [Self.source("a", poll: 300)])
        defer { bench.folder.remove() }
        bench.feeds.serve("a", [OfferFixtures.offer("1", source: "a")])
        let scheduler = bench.scheduler(reconciler: ScriptedReconciler(.partial, .failed, .partial, .partial, .succeeded))
        try await scheduler.start()
        let waits = try await waits(bench, scheduler, runs: 5)
        #expect(waits.map(\.0) == [60, 120, 240, 300, 300])
        #expect(waits.map(\.2) == [1, 2, 3, 4, 0])
        await scheduler.stop()
    }

    @Test func aSourceBackAfterFailingReturnsToItsPollInterval() async throws {
        let bench = try Bench(sources: [Self.source("a")], pollInterval: 1000)
        defer { bench.folder.remove() }
        bench.feeds.fail("a")
        bench.feeds.serve("a", [OfferFixtures.offer("1", source: "a")])
        let scheduler = bench.scheduler(random: 0.5)
        try await scheduler.start()
        try await eventually("the failed run") { bench.runCount("a") == 1 }
        try await bench.waitUntilIdle(scheduler)
        bench.time.advance(to: bench.time.now().addingTimeInterval(60))
        try await eventually("the retry") { bench.runCount("a") == 2 }
        try await bench.waitUntilIdle(scheduler)
        let entry = try #require(await scheduler.schedule().first)
        #expect(entry.consecutiveFailures == 0 && entry.lastRun?.status == .succeeded)
        #expect(entry.nextRunAt.timeIntervalSince(bench.time.now()) == 1000)
        await scheduler.stop()
    }

    @Test func syncNowRunsASourceOutsideItsSchedule() async throws {
        let bench = try Bench(sources: [Self.source("a"), Self.source("b")])
        defer { bench.folder.remove() }
        bench.feeds.serve("a", [OfferFixtures.offer("1", source: "a")])
        bench.feeds.serve("b", [OfferFixtures.offer("1", source: "b")])
        let scheduler = bench.scheduler()
        try await scheduler.start()
        try await eventually("the first round") { bench.runCount("a") == 1 && bench.runCount("b") == 1 }
        try await bench.waitUntilIdle(scheduler)
        try await scheduler.syncNow(sourceID: "b")
        try await eventually("b again") { bench.runCount("b") == 2 }
        try await bench.waitUntilIdle(scheduler)
        #expect(bench.runCount("a") == 1)
        await scheduler.syncAllNow()
        try await eventually("everything again") { bench.runCount("a") == 2 && bench.runCount("b") == 3 }
        await #expect(throws: SyncCoordinator.Refusal.self) { try await scheduler.syncNow(sourceID: "nope") }
        await scheduler.stop()
    }

    @Test func secondSyncProcessIsRefusedNamingTheHolderAndStopReleasesTheLease() async throws {
        let bench = try Bench(sources: [Self.source("a")])
        defer { bench.folder.remove() }
        bench.feeds.serve("a", [])
        // Two handles on one workspace file, as two processes would have.
        let otherStore = try WorkspaceStore(path: bench.store.path)
        let first = bench.scheduler(identity: (101, "host-a"))
        let second = bench.scheduler(identity: (202, "host-b"), store: otherStore)
        try await first.start()
        await #expect {
            try await second.start()
        } throws: { error in
            "\(error)".contains("pid 101 on host-a")
        }
        let waiter = Task { await first.waitUntilStopped() }
        await first.stop()
        await waiter.value
        #expect(try bench.store.syncLeaseHolder() == nil)
        try await second.start()
        #expect(try otherStore.syncLeaseHolder()?.pid == 202)
        await second.stop()
    }
}
