import Foundation
import Testing
@testable import CPAPIKit

/// The lease holder's live status for other processes' consoles: stored only while the lease names
/// its publisher, throttled while a phase advances, kept by the scheduler with each source's next run,
/// failures and the round, and removed when the lease is given back.
@Suite struct SyncLiveStatusTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func theStatusIsStoredOnlyWhileTheLeaseNamesItsPublisher() async throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        let status = SyncLiveStatus(
            pid: 4242, host: "host-a", updatedAt: now, round: .init(done: 1, total: 3),
            sources: [.init(sourceID: "a", phase: .push, runID: 7, done: 2000, total: 5000)])
        #expect(try await store.publishSyncStatus(status) == false, "nobody holds the lease")
        #expect(try await store.syncLiveStatus() == nil)
        #expect(try store.acquireSyncLease(pid: 4242, host: "host-a", now: now) == nil)
        #expect(try await store.publishSyncStatus(status))
        #expect(try await store.syncLiveStatus() == status)
        // Another process that lost the lease (or never had it) cannot overwrite it.
        var other = status
        other.pid = 99
        #expect(try await store.publishSyncStatus(other) == false)
        #expect(try await store.syncLiveStatus() == status)
        try await store.clearSyncStatus(pid: 99, host: "host-a")
        #expect(try await store.syncLiveStatus() == status, "only its publisher removes it")
        try await store.clearSyncStatus(pid: 4242, host: "host-a")
        #expect(try await store.syncLiveStatus() == nil)
    }

    @Test func anAdvancingPhaseIsPublishedAtMostEveryIntervalAPhaseChangeAtOnce() throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        let time = SchedulerTestTime()
        // An interval long enough that the held-back write (real time) never lands while this test checks.
        let publisher = SyncStatusPublisher(store: store, identity: (4242, "host-a"), clock: time, interval: 60)
        let t0 = time.now()
        publisher.schedule([SyncSchedulerEntry(sourceID: "a", nextRunAt: t0, isRunning: true)], round: .init(done: 0, total: 1))
        func step(_ phase: SyncPhase, _ step: SyncProgress.Step, done: Int? = nil) -> SyncProgress {
            SyncProgress(sourceID: "a", runID: 1, phase: phase, step: step, done: done, total: done.map { _ in 100_000 }, message: "")
        }
        publisher.progress(step(.push, .started, done: 0))
        #expect(publisher.lastPublished?.sources.first?.phase == .push)
        // A push of 100k writes reports every thousand: within half a second, one write.
        for done in stride(from: 1000, through: 20_000, by: 1000) { publisher.progress(step(.push, .advanced, done: done)) }
        #expect(publisher.lastPublished?.sources.first?.done == 0, "throttled")
        time.advance(to: t0.addingTimeInterval(60))
        publisher.progress(step(.push, .advanced, done: 21_000))
        #expect(publisher.lastPublished?.sources.first?.done == 21_000)
        publisher.progress(step(.push, .advanced, done: 22_000))
        #expect(publisher.lastPublished?.sources.first?.done == 21_000)
        // The end of the phase is written at once, with its last count.
        publisher.progress(step(.push, .finished, done: 100_000))
        #expect(publisher.lastPublished?.sources.first?.done == 100_000)
        // The run over: the schedule says when the source runs next.
        let next = t0.addingTimeInterval(120)
        publisher.schedule(
            [
                SyncSchedulerEntry(
                    sourceID: "a", nextRunAt: next, consecutiveFailures: 1,
                    lastRun: SyncRun(
                        sourceID: "a", kind: .full, startedAt: t0, status: .failed,
                        error: "HTTP 503"))
            ], round: nil)
        let source = try #require(publisher.lastPublished?.sources.first)
        #expect(source.phase == nil && source.done == nil && !source.isQueued)
        #expect(source.nextRunAt == next && source.consecutiveFailures == 1 && source.lastError == "HTTP 503")
        #expect(publisher.lastPublished?.round == nil)
    }

    @Test func aStepHeldBackByTheIntervalIsWrittenWhenTheIntervalIsOver() async throws {
        let dir = try ScratchFolder(); defer { dir.remove() }
        let store = try dir.makeStore()
        let publisher = SyncStatusPublisher(store: store, identity: (4242, "host-a"), clock: SystemClock(), interval: 0.2)
        publisher.schedule([SyncSchedulerEntry(sourceID: "a", nextRunAt: Date(), isRunning: true)], round: .init(done: 0, total: 1))
        func step(_ step: SyncProgress.Step, done: Int) -> SyncProgress {
            SyncProgress(sourceID: "a", runID: 1, phase: .push, step: step, done: done, total: 5000, message: "")
        }
        publisher.progress(step(.started, done: 0))
        // The push stalls at 1,000 (a held create) right after its start: no later step comes to write it.
        publisher.progress(step(.advanced, done: 1000))
        let guardrail = ContinuousClock.now + .seconds(30)
        while publisher.lastPublished?.sources.first?.done != 1000, ContinuousClock.now < guardrail {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(publisher.lastPublished?.sources.first?.done == 1000, "the stalled count is published")
        await publisher.stop()
    }

    @Test func theSchedulerPublishesItsSourcesRoundAndRetriesThenRemovesThemOnStop() async throws {
        let bench = try SchedulerTests.Bench(sources: [SchedulerTests.source("a"), SchedulerTests.source("b")], pollInterval: 1000)
        defer { bench.folder.remove() }
        bench.feeds.serve("a", [OfferFixtures.offer("1", source: "a")])
        bench.feeds.fail("b")
        let scheduler = bench.scheduler()
        try await scheduler.start()
        try await eventually("both first runs") { bench.runCount("a") == 1 && bench.runCount("b") == 1 }
        try await bench.waitUntilIdle(scheduler)
        let t0 = bench.time.now()
        try await eventually("the idle schedule in the store") {
            guard let status = try await bench.store.syncLiveStatus() else { return false }
            return status.round == nil && status.sources.count == 2 && status.sources.allSatisfy { !$0.isRunning && !$0.isQueued }
        }
        let status = try #require(try await bench.store.syncLiveStatus())
        #expect(status.pid == 101 && status.host == "host-a")
        let a = try #require(status.sources.first { $0.sourceID == "a" })
        let b = try #require(status.sources.first { $0.sourceID == "b" })
        #expect(a.consecutiveFailures == 0 && a.lastError == nil && a.nextRunAt == t0.addingTimeInterval(1000))
        #expect(a.counts.fetched == 1, "the last run's counts")
        #expect(b.consecutiveFailures == 1 && b.lastError != nil && b.nextRunAt == t0.addingTimeInterval(60), "b's retry")
        await scheduler.stop()
        #expect(try await bench.store.syncLiveStatus() == nil)
        #expect(try bench.store.syncLeaseHolder() == nil)
    }

    @Test func aRoundCountsTheRunsDueSinceTheSchedulerWasIdleAndTheQueuedOnes() async throws {
        let ids = ["a", "b", "c"]
        let bench = try SchedulerTests.Bench(sources: ids.map { SchedulerTests.source($0) }, pollInterval: 1000)
        defer { bench.folder.remove() }
        try bench.store.setSyncSettings(SyncSettings(pollInterval: 1000, sourceConcurrency: 1))
        let held = HeldFetches()
        let scheduler = SyncScheduler(
            store: bench.store, sourceSync: SourceSync(store: bench.store, makeSource: held.factory, clock: bench.time),
            clock: bench.time, sleeper: bench.time, random: { 0.5 }, identity: (101, "host-a"))
        try await scheduler.start()
        // One slot: one source fetches, the two others wait their turn.
        for done in 0..<3 {
            try await eventually("run \(done + 1) of the round in the store") {
                guard let status = try await bench.store.syncLiveStatus() else { return false }
                return status.round == SyncLiveStatus.Round(done: done, total: 3) && status.sources.filter(\.isRunning).count == 1
                    && status.sources.filter(\.isQueued).count == 2 - done
            }
            let running = try #require(try await bench.store.syncLiveStatus()?.sources.first(where: \.isRunning))
            #expect(running.phase == .fetch && running.runID != nil)
            try await eventually("a fetch waiting") { held.waiting == 1 }
            held.releaseOne()
        }
        try await eventually("the round's end in the store") {
            guard let status = try await bench.store.syncLiveStatus() else { return false }
            return status.round == nil && status.sources.allSatisfy { !$0.isRunning && !$0.isQueued }
        }
        await scheduler.stop()
    }
}
