import Foundation
import Synchronization

/// Syncs sources several at a time (`[sync] source_concurrency`). One source failing never stops the others.
public struct SyncCoordinator: Sendable {
    public let store: any SyncStore
    public let sourceSync: SourceSync
    /// Shared with the workflows of this process: a queued action applied during the round waits
    /// for its source's run.
    public let gate: SourceWriteGate
    /// Applies the operator actions queued while this holds the lease (`withSyncLease`); nil: none.
    public let actions: OperatorActionApplier?

    /// Why a sync could not start.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    public init(
        store: any SyncStore, makeSource: @escaping DemandSourceMaker,
        reconciler: (any FeedReconciler)? = nil, clock: any SyncClock = SystemClock(),
        gate: SourceWriteGate = SourceWriteGate(), actions: OperatorActionApplier? = nil
    ) {
        self.store = store
        self.sourceSync = SourceSync(store: store, makeSource: makeSource, reconciler: reconciler, clock: clock)
        self.gate = gate
        self.actions = actions
    }

    /// Runs once over the given sources (nil: every source not archived, then the placements of the
    /// deleted ones, rule 6) and returns their runs in source id order.
    /// Throws before any run starts (an unknown or archived source named, the store unreadable), and
    /// `WorkspaceProblem.gone` after the runs when the database file went away meanwhile (what they
    /// wrote went to the unlinked file: the runs are not the workspace's).
    public func syncOnce(
        sourceIDs: [String]? = nil,
        progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }
    ) async throws -> [SyncRun] {
        let settings = try store.syncSettings()
        let all = try store.sources(includeArchived: true)
        var chosen: [Source]
        if let sourceIDs {
            chosen = []
            for id in sourceIDs {
                guard let source = all.first(where: { $0.id == id }) else {
                    throw Refusal(description: "unknown source \"\(id)\"")
                }
                guard !source.isArchived else { throw Refusal(description: "source \"\(id)\" is deleted (archived)") }
                if !chosen.contains(where: { $0.id == id }) { chosen.append(source) }
            }
        } else {
            chosen = all.filter { !$0.isArchived }
        }
        let width = max(1, settings.sourceConcurrency)
        let sourceSync = self.sourceSync, gate = self.gate
        let run: @Sendable (Source) async -> SyncRun = { source in
            await gate.withSources([source.id]) { await sourceSync.run(source, settings: settings, progress: progress) }
        }
        var runs: [SyncRun] = []
        await withTaskGroup(of: SyncRun.self) { group in
            var pending = chosen[...]
            for _ in 0..<min(width, pending.count) {
                let source = pending.removeFirst()
                group.addTask { await run(source) }
            }
            for await finished in group {
                runs.append(finished)
                if let source = pending.popFirst() {
                    group.addTask { await run(source) }
                }
            }
        }
        if sourceIDs == nil, let reconciler = sourceSync.reconciler {
            _ = await gate.withSources(all.filter(\.isArchived).map(\.id)) {
                await reconciler.reconcileArchivedSources(progress: progress)
            }
        }
        try store.checkPresent()
        return runs.sorted { $0.sourceID < $1.sourceID }
    }

    /// Runs `body` holding the workspace's sync lease: refused while another live process syncs it.
    /// Runs a killed process left `running` are closed as failed ("interrupted") first.
    /// If another process takes the lease meanwhile (this one was stopped past the stale limit), the
    /// body is cancelled and this throws `Refusal`: two processes never write one platform at once.
    /// While the body runs, operator actions other processes queue are applied (`actions`; see
    /// `OperatorActionQueue`); the lease is given back once the ones claimed have finished.
    public func withSyncLease<T: Sendable>(
        clock: any SyncClock = SystemClock(),
        _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let me = SyncLeaseHolder.currentProcess
        if let holder = try store.acquireSyncLease(pid: me.pid, host: me.host, now: clock.now()) {
            throw Refusal(
                description: "the workspace is being synced by pid \(holder.pid) on \(holder.host) "
                    + "(since \(holder.acquiredAt.formatted(.iso8601)))")
        }
        // Renewed while the body runs, however long: the lease is never lost by a live holder.
        let lost = LeaseLoss()
        do {
            try store.closeInterruptedRuns(at: clock.now())
            let work = Task { try await body() }
            let keeper = SyncLeaseKeeper(store: store, identity: me, clock: clock) { holder in
                lost.set(holder)
                work.cancel()
            }
            let runner = actions.map { applier in
                OperatorActionRunner(store: applier.queue, applier: applier, identity: me) { _ in
                    throw Refusal(
                        description: "pid \(me.pid) on \(me.host) syncs once (`sync --once`), not on schedule: "
                            + "ask again once it has ended, or run `cpapi-tui sync --once --source ID`")
                }
            }
            await runner?.start()
            let outcome = await withTaskCancellationHandler {
                await work.result
            } onCancel: {
                work.cancel()
            }
            await runner?.stop()
            await keeper.stop()
            let result = try outcome.get()
            if let holder = lost.holder {
                throw Refusal(description: "the sync lease was taken by pid \(holder.pid) on \(holder.host) during the run")
            }
            try store.releaseSyncLease(pid: me.pid, host: me.host)
            return result
        } catch {
            try? store.releaseSyncLease(pid: me.pid, host: me.host)
            throw error
        }
    }

    /// Who took the lease from a running body, if anyone.
    private final class LeaseLoss: Sendable {
        private let taken = Mutex<SyncLeaseHolder?>(nil)
        var holder: SyncLeaseHolder? { taken.withLock { $0 } }
        func set(_ holder: SyncLeaseHolder) { taken.withLock { $0 = holder } }
    }
}
