import Foundation

/// The operator's actions from any process: a console or a command asks, the process holding the
/// workspace's sync lease applies.
///
/// - **Durable once accepted.** An action is a row of `operator_actions`, inserted in one transaction
///   (`enqueue`); from then on it is in the workspace, whatever happens to the process that asked.
/// - **Applied by the lease holder.** The scheduler (`cpapi-tui sync`, the console's) and a one-off
///   sync (`SyncCoordinator.withSyncLease`) run an `OperatorActionRunner`: it looks at the table
///   every half second (SQLite has no NOTIFY; the look is a read), claims what is queued
///   (`UPDATE … SET state = 'running' … RETURNING`, only while it holds the lease, checked in the
///   same transaction, so no two processes claim one action), applies each through the workflows,
///   which wait on the `SourceWriteGate` for their source's run to finish its writes, and records
///   `done` or `failed` with the result message: in the same transaction as the workflow's own
///   last write when it succeeded (`OperatorActionContext`), in one of its own when it failed.
/// - **When no one holds the lease**, the asking process takes it and applies its own action at once
///   (`perform`), as an action always did: a single command works alone.
/// - **Exactly once, also across a crash.** Claimed and finished are each one transaction, and a
///   successful action's finish is its workflow's last write, so a crash leaves an action `running`
///   only when its last write never committed: the workspace does not show it done. The next
///   holder claims a `running` action whose claimer is not itself (that claimer no longer holds the
///   lease: it died, or was stopped past the stale limit) and runs it again, which the workflows'
///   own resume makes safe: exclude continues from its recorded `workflowStep` and finds its copy
///   by the marker external id instead of making another; pause, resume, detach and the campaign
///   changes re-send one idempotent write; retire re-pushes its status. Only `duplicate` killed
///   between its copy and its record could leave a second copy (as run in its own process, too).
/// - **Result to whoever asked.** `perform` waits for the row to be done or failed (bounded; a still
///   queued action is then given up, failed, so it never happens later behind the operator's back).
public struct OperatorActionQueue: Sendable {
    public let store: any ActionQueueStore
    public let applier: OperatorActionApplier
    public let clock: any SyncClock
    let identity: (pid: Int32, host: String)
    /// How often `perform` looks at its action's row while another process applies it.
    var pollInterval: Duration = .milliseconds(100)

    public init(
        store: any ActionQueueStore, applier: OperatorActionApplier, clock: any SyncClock = SystemClock(),
        identity: (pid: Int32, host: String) = SyncLeaseHolder.currentProcess
    ) {
        self.store = store; self.applier = applier; self.clock = clock; self.identity = identity
    }

    var me: String { OperatorActionRecord.processName(pid: identity.pid, host: identity.host) }

    /// Accepts the action: once this returns it is in the workspace and will be applied by the
    /// lease holder (the process that syncs, or the next one to).
    public func enqueue(_ request: OperatorActionRequest) throws(OperatorActionError) -> OperatorActionRecord {
        do { return try store.enqueueOperatorAction(request, requestedBy: me, at: clock.now()) } catch { throw .store("\(error)") }
    }

    /// Accepts the action and returns it finished (`done` or `failed`, with its message): applied by
    /// this process when it holds the lease or no live process does (it takes it meanwhile), else by
    /// the holder. Throws `timedOut` when it has not finished within `timeout`; one still queued then
    /// is given up (failed), one running goes on.
    /// - Parameter syncNow: how this process runs a `syncNow` action when it applies one itself.
    public func perform(
        _ request: OperatorActionRequest, timeout: Duration,
        syncNow: OperatorActionApplier.SyncNow? = nil
    ) async throws(OperatorActionError) -> OperatorActionRecord {
        let record = try enqueue(request)
        return try await wait(for: record.id, timeout: timeout, syncNow: syncNow)
    }

    /// Waits for action `id` as `perform` does.
    public func wait(
        for id: Int64, timeout: Duration,
        syncNow: OperatorActionApplier.SyncNow? = nil
    ) async throws(OperatorActionError) -> OperatorActionRecord {
        let deadline = ContinuousClock.now + timeout
        while true {
            let record: OperatorActionRecord
            do {
                guard let found = try store.operatorAction(id: id) else { throw OperatorActionError.refused("no operator action \(id)") }
                record = found
                if record.state.isFinished { return record }
                try await applyHere(id, syncNow: syncNow)
            } catch let error as OperatorActionError {
                throw error
            } catch {
                throw .store("\(error)")
            }
            if let finished = try? store.operatorAction(id: id), finished.state.isFinished { return finished }
            if ContinuousClock.now >= deadline { return try giveUp(id, after: timeout) }
            try? await Task.sleep(for: pollInterval)
        }
    }

    /// Applies queued action `id` in this process when it may: it holds the lease (its scheduler
    /// runs here: the gate orders the action after that source's run), or no live process does (the
    /// lease is taken for the action's duration, renewed meanwhile, and given back).
    private func applyHere(_ id: Int64, syncNow: OperatorActionApplier.SyncNow?) async throws {
        let holder = try store.syncLeaseHolder()
        let heldHere = holder.map { $0.pid == identity.pid && $0.host == identity.host } ?? false
        if heldHere {
            try await claimAndApply(id, syncNow: syncNow)
            return
        }
        if let holder, !holder.isGone(at: clock.now()) { return }
        guard try store.acquireSyncLease(pid: identity.pid, host: identity.host, now: clock.now()) == nil else { return }
        let keeper = SyncLeaseKeeper(store: store, identity: identity, clock: clock) { _ in }
        do {
            try await claimAndApply(id, syncNow: syncNow)
        } catch {
            await keeper.stop()
            try? store.releaseSyncLease(pid: identity.pid, host: identity.host)
            throw error
        }
        await keeper.stop()
        try? store.releaseSyncLease(pid: identity.pid, host: identity.host)
    }

    private func claimAndApply(_ id: Int64, syncNow: OperatorActionApplier.SyncNow?) async throws {
        let claimed = try await store.claimOperatorActions(pid: identity.pid, host: identity.host, id: id, limit: 1, at: clock.now())
        for action in claimed { await applier.apply(action, claimedBy: me, syncNow: syncNow) }
    }

    /// At the deadline: a queued action is given up (failed) and says so; one finished meanwhile is answered.
    private func giveUp(_ id: Int64, after timeout: Duration) throws(OperatorActionError) -> OperatorActionRecord {
        let within = "within \(timeout.components.seconds)s"
        let holder = (try? store.syncLeaseHolder()).flatMap { $0 }.map { "pid \($0.pid) on \($0.host)" } ?? "no process"
        let reason = "given up: not taken up \(within) by the process syncing the workspace (\(holder))"
        if (try? store.cancelQueuedOperatorAction(id: id, reason: reason, at: clock.now())) == true {
            throw .timedOut(
                id: id,
                message: "action \(id) was not taken up \(within) by the process syncing the workspace "
                    + "(\(holder)): given up, nothing was done")
        }
        let action = (try? store.operatorAction(id: id)).flatMap { $0 }
        if let action, action.state.isFinished { return action }
        throw .timedOut(
            id: id,
            message: "action \(id) is still running in \(action?.claimedBy ?? holder) after \(timeout.components.seconds)s: "
                + "it goes on, and its result is recorded in the event log")
    }
}

/// Applies the queued actions of the process that holds the sync lease, until stopped: looks at the
/// table every `pollInterval` (a read) and claims what waits, then applies each in order of its
/// source (actions of one source one after the other, in the order asked; of other sources
/// meanwhile), each through `OperatorActionApplier` (see `OperatorActionQueue` for the rules).
public actor OperatorActionRunner {
    private let store: any ActionQueueStore
    private let applier: OperatorActionApplier
    private let identity: (pid: Int32, host: String)
    private let pollInterval: Duration
    private let syncNow: OperatorActionApplier.SyncNow?
    private var loop: Task<Void, Never>?
    /// The last action of each lane (a source, or a campaign), so the next one waits for it.
    private var lanes: [String: (token: Int64, task: Task<Void, Never>)] = [:]
    private var inFlight: [Int64: Task<Void, Never>] = [:]
    private var stopped = false

    public init(
        store: any ActionQueueStore, applier: OperatorActionApplier, identity: (pid: Int32, host: String),
        pollInterval: Duration = .milliseconds(500), syncNow: OperatorActionApplier.SyncNow?
    ) {
        self.store = store; self.applier = applier; self.identity = identity
        self.pollInterval = pollInterval; self.syncNow = syncNow
    }

    private var me: String { OperatorActionRecord.processName(pid: identity.pid, host: identity.host) }

    /// Starts looking at the queue (at once, then every `pollInterval`).
    public func start() {
        guard loop == nil, !stopped else { return }
        loop = Task {
            while !Task.isCancelled {
                await self.claim()
                try? await Task.sleep(for: self.pollInterval)
            }
        }
    }

    /// Stops claiming, and returns once the actions claimed have finished (they are not cancelled:
    /// an action half-applied would be left to the next holder to finish).
    public func stop() async {
        stopped = true
        loop?.cancel()
        await loop?.value
        loop = nil
        while let (_, task) = inFlight.first { await task.value }
    }

    /// Claims what waits now (for tests and whoever knows one was queued).
    public func claim() async {
        let claimed: [OperatorActionRecord]
        do {
            guard try await store.hasClaimableOperatorActions(holder: me) else { return }
            claimed = try await store.claimOperatorActions(
                pid: identity.pid, host: identity.host, id: nil, limit: 100,
                at: applier.clock.now())
        } catch {
            return  // a busy or full disk: looked at again next time
        }
        for action in claimed { dispatch(action) }
    }

    private func dispatch(_ action: OperatorActionRecord) {
        let lane = action.request.sourceID.map { "source:\($0)" } ?? "target:\(action.request.target)"
        let previous = lanes[lane]?.task
        let applier = self.applier, me = self.me, syncNow = self.syncNow
        let task = Task {
            await previous?.value
            await applier.apply(action, claimedBy: me, syncNow: syncNow)
            self.finished(action.id, lane: lane)
        }
        lanes[lane] = (action.id, task)
        inFlight[action.id] = task
    }

    private func finished(_ id: Int64, lane: String) {
        inFlight[id] = nil
        if lanes[lane]?.token == id { lanes[lane] = nil }
    }
}
