import Foundation
import Synchronization
import Testing
@testable import CPAPIKit

/// The feed sync's rules: full and incremental fetches, missing marking, failed fetches.
@Suite struct FeedSyncTests {
    struct Fixture {
        let dir: ScratchFolder
        let store: WorkspaceStore
        let clock = SteppedClock()
        let feeds = FeedSyncStubFeeds()

        init(sources: [SourceConfig] = [OfferFixtures.sourceConfig()], settings: SyncSettings = SyncSettings()) throws {
            dir = try ScratchFolder()
            store = try dir.makeStore()
            try OfferFixtures.addSources(sources, to: store, at: clock.now())
            try store.setSyncSettings(settings)
        }

        var coordinator: SyncCoordinator { SyncCoordinator(store: store, makeSource: feeds.factory, clock: clock) }

        @discardableResult
        func sync(_ ids: [String]? = nil) async throws -> [SyncRun] {
            let runs = try await coordinator.syncOnce(sourceIDs: ids)
            clock.advance(by: 3600)
            return runs
        }

        func offer(_ id: String, _ source: String = "s1") throws -> DemandOffer? {
            try store.offer(OfferKey(sourceID: source, externalID: id))
        }
    }

    @Test func fullFetchMarksMissingOffers() async throws {
        let f = try Fixture(); defer { f.dir.remove() }
        f.feeds.serve("s1", OfferFixtures.offers(1...10))
        f.feeds.serve("s1", OfferFixtures.offers(1...8))
        let first = try await f.sync()[0]
        let second = try await f.sync()[0]
        #expect(second.counts.missing == 2 && second.missingNote == nil && second.status == .succeeded)
        let gone = try #require(try f.offer("9"))
        #expect(gone.missingSince == second.startedAt)
        #expect(gone.lastSeenAt == first.startedAt)
        #expect(try f.offer("8")?.missingSince == nil)
        let events = try f.store.events(for: OfferKey(sourceID: "s1", externalID: "9"))
        #expect(events.first?.kind == .offerMissing)
    }

    @Test func cutShortFetchMarksNothing() async throws {
        let f = try Fixture(sources: [OfferFixtures.sourceConfig(limit: 8)]); defer { f.dir.remove() }
        f.feeds.serve("s1", OfferFixtures.offers(1...10))
        f.feeds.serve("s1", OfferFixtures.offers(1...8), cutShort: true)
        try await f.sync()
        let run = try await f.sync()[0]
        #expect(run.counts.missing == 0)
        #expect(run.missingNote?.contains("cut short") == true)
        #expect(try f.offer("10")?.missingSince == nil)
        #expect(try f.store.events(runID: run.id!).contains { $0.kind == .missingNotMarked })
    }

    @Test func tooManyMissingMarksNothing() async throws {
        let f = try Fixture(settings: SyncSettings(maxMissingShare: 0.5)); defer { f.dir.remove() }
        f.feeds.serve("s1", OfferFixtures.offers(1...10))
        f.feeds.serve("s1", OfferFixtures.offers(1...4))
        try await f.sync()
        let run = try await f.sync()[0]
        #expect(run.counts.missing == 0)
        #expect(run.missingNote?.contains("6 of 10") == true)
        #expect(try f.store.offerCounts()["s1"]?.inFeed == 10)
    }

    @Test func missingShareAtTheLimitIsMarked() async throws {
        let f = try Fixture(settings: SyncSettings(maxMissingShare: 0.5)); defer { f.dir.remove() }
        f.feeds.serve("s1", OfferFixtures.offers(1...10))
        f.feeds.serve("s1", OfferFixtures.offers(1...5))
        try await f.sync()
        #expect(try await f.sync()[0].counts.missing == 5)
    }

    @Test func incrementalFetchNeverMarksMissing() async throws {
        let f = try Fixture(sources: [OfferFixtures.sourceConfig(incremental: true)]); defer { f.dir.remove() }
        f.feeds.serve("s1", OfferFixtures.offers(1...10))
        f.feeds.serve("s1", [OfferFixtures.offer("3", title: "Changed")])
        let first = try await f.sync()[0]
        let second = try await f.sync()[0]
        #expect(first.kind == .full && second.kind == .incremental)
        #expect(second.counts.missing == 0 && second.counts.changed == 1)
        #expect(try f.store.offerCounts()["s1"]?.missing == 0)
        let requests = f.feeds.requestsMade("s1")
        #expect(requests[1].updatedSince == first.startedAt.addingTimeInterval(-FetchSchedule.overlap))
    }

    @Test func incrementalSourceFetchesInFullEveryFullEvery() async throws {
        var config = OfferFixtures.sourceConfig(incremental: true)
        config.fullEvery = 2 * 3600
        let f = try Fixture(sources: [config]); defer { f.dir.remove() }
        f.feeds.serve("s1", OfferFixtures.offers(1...3))
        // Fixture.sync advances the clock by an hour after each run: full, incremental (1h), full (2h).
        let kinds = try await [f.sync()[0].kind, f.sync()[0].kind, f.sync()[0].kind]
        #expect(kinds == [.full, .incremental, .full])
    }

    @Test func failedFetchLeavesFeedUntouched() async throws {
        let f = try Fixture(); defer { f.dir.remove() }
        f.feeds.serve("s1", OfferFixtures.offers(1...5))
        f.feeds.fail("s1", "HTTP 503 from the source")
        try await f.sync()
        let before = try f.store.offers(sourceID: "s1")
        let run = try await f.sync()[0]
        #expect(run.status == .failed && run.error == "HTTP 503 from the source")
        #expect(try f.store.offers(sourceID: "s1") == before)
        let source = try #require(try f.store.source(id: "s1"))
        #expect(source.state.status == .invalid && source.state.failure?.httpStatus == 500)
        #expect(try f.store.events(runID: run.id!).contains { $0.kind == .fetchFailed })
        #expect(try f.store.run(id: run.id!)?.status == .failed)
    }

    @Test func offerBackInFeedIsUnmarked() async throws {
        let f = try Fixture(); defer { f.dir.remove() }
        f.feeds.serve("s1", OfferFixtures.offers(1...10))
        f.feeds.serve("s1", OfferFixtures.offers(1...9))
        f.feeds.serve("s1", OfferFixtures.offers(1...10))
        try await f.sync()
        try await f.sync()
        #expect(try f.offer("10")?.missingSince != nil)
        let run = try await f.sync()[0]
        #expect(run.counts.returned == 1 && run.counts.unchanged == 9)
        let back = try #require(try f.offer("10"))
        #expect(back.missingSince == nil && back.lastSeenAt == nil)
        #expect(try f.store.events(for: back.key).first?.kind == .offerBack)
    }

    @Test func laterSuccessMakesSourceReadyAgain() async throws {
        let f = try Fixture(); defer { f.dir.remove() }
        f.feeds.fail("s1")
        f.feeds.serve("s1", OfferFixtures.offers(1...3))
        try await f.sync()
        #expect(try f.store.source(id: "s1")?.state.status == .invalid)
        let run = try await f.sync()[0]
        let source = try #require(try f.store.source(id: "s1"))
        #expect(run.status == .succeeded && source.state.status == .ready && source.state.failure == nil)
        #expect(source.state.lastSuccessAt != nil)
    }

    @Test func otherSourcesSyncWhenOneFails() async throws {
        let configs = ["a", "b", "c"].map { OfferFixtures.sourceConfig($0) }
        let f = try Fixture(sources: configs, settings: SyncSettings(sourceConcurrency: 2)); defer { f.dir.remove() }
        f.feeds.serve("a", OfferFixtures.offers(1...3, source: "a"))
        f.feeds.fail("b")
        f.feeds.serve("c", OfferFixtures.offers(1...4, source: "c"))
        let runs = try await f.sync()
        #expect(runs.map(\.sourceID) == ["a", "b", "c"])
        #expect(runs.map(\.status) == [.succeeded, .failed, .succeeded])
        let counts = try f.store.offerCounts()
        #expect(counts["a"]?.total == 3 && counts["b"] == nil && counts["c"]?.total == 4)
    }

    @Test func firstFetchIsFullAndArchivedSourcesAreNotSynced() async throws {
        let f = try Fixture(sources: [OfferFixtures.sourceConfig("a", incremental: true), OfferFixtures.sourceConfig("b")])
        defer { f.dir.remove() }
        f.feeds.serve("a", OfferFixtures.offers(1...2, source: "a"))
        f.feeds.serve("b", OfferFixtures.offers(1...2, source: "b"))
        try f.store.archiveSource(id: "b", at: f.clock.now())
        let runs = try await f.sync()
        #expect(runs.map(\.sourceID) == ["a"] && runs[0].kind == .full)
        await #expect(throws: SyncCoordinator.Refusal.self) { try await f.coordinator.syncOnce(sourceIDs: ["b"]) }
        await #expect(throws: SyncCoordinator.Refusal.self) { try await f.coordinator.syncOnce(sourceIDs: ["nope"]) }
    }

    @Test func sourceThatCannotBeMadeFailsItsRun() async throws {
        let f = try Fixture(); defer { f.dir.remove() }
        struct NoKey: Error, CustomStringConvertible { var description: String { "environment variable K is not set (source s1)" } }
        let coordinator = SyncCoordinator(store: f.store, makeSource: { _ in throw NoKey() }, clock: f.clock)
        let run = try await coordinator.syncOnce()[0]
        #expect(run.status == .failed && run.error == "environment variable K is not set (source s1)")
        #expect(try f.store.source(id: "s1")?.state.status == .invalid)
    }

    @Test func interruptedRunIsClosedAsFailed() async throws {
        let f = try Fixture(); defer { f.dir.remove() }
        let left = try f.store.insertRun(SyncRun(sourceID: "s1", kind: .full, startedAt: f.clock.now(), phase: .store))
        try f.store.markSourceProcessing(id: "s1")
        let closed = try f.store.closeInterruptedRuns(at: f.clock.now())
        #expect(closed.map(\.id) == [left.id])
        let run = try #require(try f.store.run(id: left.id!))
        #expect(run.status == .failed && run.error?.hasPrefix("interrupted") == true && run.endedAt != nil)
        #expect(try f.store.source(id: "s1")?.state.status == .ready)
    }

    @Test func syncIsRefusedWhileAnotherProcessHoldsTheLease() async throws {
        let f = try Fixture(); defer { f.dir.remove() }
        f.feeds.serve("s1", OfferFixtures.offers(1...2))
        // pid 1 always exists on this host.
        #expect(try f.store.acquireSyncLease(pid: 1, host: SyncLeaseHolder.currentProcess.host, now: f.clock.now()) == nil)
        let coordinator = f.coordinator
        await #expect {
            try await coordinator.withSyncLease(clock: f.clock) { try await coordinator.syncOnce() }
        } throws: { error in
            "\(error)".contains("synced by pid 1")
        }
        #expect(try f.store.recentRuns().isEmpty)
    }

    @Test func syncHoldingTheLeaseClosesInterruptedRunsFirst() async throws {
        let f = try Fixture(); defer { f.dir.remove() }
        f.feeds.serve("s1", OfferFixtures.offers(1...2))
        let left = try f.store.insertRun(SyncRun(sourceID: "s1", kind: .full, startedAt: f.clock.now()))
        let coordinator = f.coordinator
        let runs = try await coordinator.withSyncLease(clock: f.clock) { try await coordinator.syncOnce() }
        #expect(runs[0].status == .succeeded)
        #expect(try f.store.run(id: left.id!)?.status == .failed)
        #expect(try f.store.syncLeaseHolder() == nil)
    }

    @Test func progressReportsEachPhaseOfEachSource() async throws {
        let f = try Fixture(sources: [OfferFixtures.sourceConfig("a"), OfferFixtures.sourceConfig("b")]); defer { f.dir.remove() }
        f.feeds.serve("a", OfferFixtures.offers(1...2, source: "a"))
        f.feeds.fail("b")
        let seen = ProgressLog()
        _ = try await f.coordinator.syncOnce { seen.append($0) }
        let ends = seen.all.filter { $0.step == .finished || $0.step == .failed }
        #expect(ends.filter { $0.sourceID == "a" }.map(\.phase) == [.fetch, .store, .done])
        #expect(ends.filter { $0.sourceID == "b" }.map { "\($0.phase.rawValue) \($0.step.rawValue)" } == ["fetch failed"])
    }

    @Test func reconcilerRunsAfterStoreAndItsCountsAreRecorded() async throws {
        let f = try Fixture(); defer { f.dir.remove() }
        f.feeds.serve("s1", OfferFixtures.offers(1...3))
        struct Reconciler: FeedReconciler {
            func reconcile(
                run: SyncRun, source: Source, fetched: [DemandOffer],
                progress: @escaping @Sendable (SyncProgress) -> Void
            ) async -> ReconcileOutcome {
                ReconcileOutcome(created: run.counts.new, failed: 1, status: .partial, error: "1 write failed")
            }
        }
        let coordinator = SyncCoordinator(store: f.store, makeSource: f.feeds.factory, reconciler: Reconciler(), clock: f.clock)
        let run = try await coordinator.syncOnce()[0]
        #expect(run.counts.created == 3 && run.counts.failed == 1 && run.status == .partial)
        #expect(try f.store.run(id: run.id!)?.status == .partial)
    }
}

/// Collects progress posted from concurrent runs.
final class ProgressLog: Sendable {
    private let items = Mutex<[SyncProgress]>([])
    func append(_ progress: SyncProgress) { items.withLock { $0.append(progress) } }
    var all: [SyncProgress] { items.withLock { $0 } }
}
