import Foundation

/// Syncs a workspace's sources on their schedule until stopped: the long-running `cpapi-tui sync` and
/// the console's background engine.
///
/// - Each source runs at its `poll_interval` (the source's own, else `[sync] poll_interval`) with ±10%
///   jitter; a source enters the schedule when due (`firstRunAt`), not at once. Several run at a time
///   (`[sync] source_concurrency`); sources added by `apply` meanwhile are picked up.
/// - A failed run, and a partial one (some of its writes failed), is retried after `retryBase`
///   (1 min) or the poll interval when that is shorter, doubling on each such run in a row, never
///   later than the poll interval; a succeeded run goes back to the poll interval.
/// - The placements of deleted sources are reconciled (rule 6) at `[sync] poll_interval`.
/// - One sync process per workspace: `start()` takes the workspace's sync lease (refused, naming the
///   holder, while another live process holds it), renews it while running, and `stop()` gives it
///   back once the runs in flight have finished their writes.
/// - Each source's run holds that source in the `SourceWriteGate`, shared with the workflows.
/// - While it holds the lease it applies the operator actions any process queues (`actions`: an
///   `OperatorActionRunner`, see `OperatorActionQueue`), a `syncNow` action through `syncNow(sourceID:)`.
/// - While it holds the lease it publishes its live status for the consoles of other processes
///   (`SyncStatusPublisher`: each run's phase and progress, each source's next run and failures, the
///   round), throttled to `Options.statusInterval`.
/// Time comes from the injected clock and sleeper: tests never sleep.
public actor SyncScheduler {
    /// Tuning; the defaults are the product's.
    public struct Options: Sendable {
        /// The first retry of a failed or partial run (the poll interval when shorter); doubled per such run in a row,
        /// capped at its poll interval.
        public var retryBase: TimeInterval = 60
        /// ± share of the poll interval each wait is moved by.
        public var jitter: Double = 0.1
        /// How often the lease's heartbeat is renewed (by a `SyncLeaseKeeper`, also while runs are long).
        public var heartbeat: TimeInterval = WorkspaceStore.syncLeaseHeartbeat
        /// Only these sources (nil: every source not deleted).
        public var sourceIDs: Set<String>?
        /// The least time between two writes of the live status while a phase advances (nil: not published).
        public var statusInterval: TimeInterval?
        public init(
            retryBase: TimeInterval = 60, jitter: Double = 0.1, heartbeat: TimeInterval = WorkspaceStore.syncLeaseHeartbeat,
            sourceIDs: Set<String>? = nil, statusInterval: TimeInterval? = SyncStatusPublisher.defaultInterval
        ) {
            self.retryBase = retryBase; self.jitter = jitter; self.heartbeat = heartbeat; self.sourceIDs = sourceIDs
            self.statusInterval = statusInterval
        }
    }

    public let store: any SyncStore
    public let sourceSync: SourceSync
    public let gate: SourceWriteGate
    public let clock: any SyncClock
    public let options: Options
    /// Every progress step of every run, as it happens (one consumer; the newest 1000 kept when slow);
    /// it ends when the scheduler stops.
    public nonisolated let progressUpdates: AsyncStream<SyncProgress>

    private let sleeper: any SyncSchedulerSleeper
    private let random: @Sendable () -> Double
    private let identity: (pid: Int32, host: String)
    private let progressContinuation: AsyncStream<SyncProgress>.Continuation
    private let onProgress: @Sendable (SyncProgress) -> Void
    private let onRun: @Sendable (SyncRun) -> Void
    private let status: SyncStatusPublisher?

    private var entries: [String: SyncSchedulerEntry] = [:]
    private var archivedNextRunAt: Date?
    private var running: [String: Task<Void, Never>] = [:]
    private var loop: Task<Void, Never>?
    private var sleeping: Task<Void, Error>?
    private var wakePending = false
    private var stopping = false
    private var stopInProgress = false
    private var stopWaiters: [CheckedContinuation<Void, Never>] = []
    private var leaseKeeper: SyncLeaseKeeper?
    private let actions: OperatorActionApplier?
    private var actionRunner: OperatorActionRunner?
    /// `interrupt()` was called: the runs ending meanwhile are reported once closed as interrupted.
    private var interrupting = false
    private var leaseWasLost = false
    private var endedWhileInterrupting: [SyncRun] = []
    /// The runs due or running since the scheduler was last idle (nil while idle).
    private var round: SyncLiveStatus.Round?
    private static let archivedJob = "\u{1F}archived"

    /// - Parameters:
    ///   - random: a number in 0…1 for the jitter (injected so tests know the bounds they get).
    ///   - identity: who holds the lease (this process by default; tests play two processes).
    ///   - actions: applies the operator actions queued while this holds the lease (nil: none).
    ///   - onProgress: called with every progress step (the CLI's lines), besides `progressUpdates`.
    ///   - onRun: called with every finished run.
    public init(
        store: any SyncStore, sourceSync: SourceSync, gate: SourceWriteGate = SourceWriteGate(),
        clock: any SyncClock = SystemClock(), sleeper: any SyncSchedulerSleeper = SystemSyncSleeper(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) },
        options: Options = Options(), identity: (pid: Int32, host: String) = SyncLeaseHolder.currentProcess,
        actions: OperatorActionApplier? = nil,
        onProgress: @escaping @Sendable (SyncProgress) -> Void = { _ in },
        onRun: @escaping @Sendable (SyncRun) -> Void = { _ in }
    ) {
        self.store = store; self.sourceSync = sourceSync; self.gate = gate; self.clock = clock
        self.sleeper = sleeper; self.random = random; self.options = options; self.identity = identity
        self.onProgress = onProgress; self.onRun = onRun; self.actions = actions
        self.status = options.statusInterval.map { SyncStatusPublisher(store: store, identity: identity, clock: clock, interval: $0) }
        (progressUpdates, progressContinuation) = AsyncStream.makeStream(of: SyncProgress.self, bufferingPolicy: .bufferingNewest(1000))
    }

    // MARK: - Control

    /// Takes the workspace's sync lease and starts syncing in the background. Throws
    /// `SyncCoordinator.Refusal` (naming the holder's pid, host and since when) if another process syncs.
    public func start() async throws {
        guard loop == nil else { return }
        if let holder = try store.acquireSyncLease(pid: identity.pid, host: identity.host, now: clock.now()) {
            throw SyncCoordinator.Refusal(
                description: "the workspace is being synced by pid \(holder.pid) on \(holder.host) "
                    + "(since \(holder.acquiredAt.formatted(.iso8601)))")
        }
        _ = try store.closeInterruptedRuns(at: clock.now())
        leaseKeeper = SyncLeaseKeeper(store: store, identity: identity, interval: options.heartbeat, clock: clock) { holder in
            Task { await self.leaseLost(to: holder) }
        }
        stopping = false
        loop = Task { await self.runLoop() }
        if let actions {
            let runner = OperatorActionRunner(store: actions.queue, applier: actions, identity: identity) { [weak self] sourceID in
                guard let self else { throw SyncCoordinator.Refusal(description: "the scheduler has stopped") }
                return try await self.syncNowAction(sourceID)
            }
            actionRunner = runner
            await runner.start()
        }
    }

    /// A queued `syncNow` action: the source (every source when nil) runs now.
    private func syncNowAction(_ sourceID: String?) throws -> String {
        guard !stopping else { throw SyncCoordinator.Refusal(description: "the scheduler is stopping") }
        if let sourceID {
            try syncNow(sourceID: sourceID)
            return "sync of source \(sourceID) started (pid \(identity.pid))"
        }
        syncAllNow()
        return "sync of every source started (pid \(identity.pid))"
    }

    /// Another process took the lease (this one was stopped past the stale limit): stop writing.
    private func leaseLost(to holder: SyncLeaseHolder) {
        post(
            SyncProgress(
                sourceID: "*", runID: nil, phase: .fetch, step: .failed,
                message: "the sync lease was taken by pid \(holder.pid) on \(holder.host): stopping"))
        leaseWasLost = true
        for task in running.values { task.cancel() }
        stopping = true
        wake()
        if !stopInProgress { Task { await self.stop() } }
    }

    /// Stops as `stop()` does, but cancels the runs in flight first: their requests end, and a
    /// cancelled run writes nothing more. Before the lease is given back, the runs they left `running`
    /// are closed as interrupted (as the next start would close them) and passed to `onRun` so
    /// recorded (a run that finished before the cancel reached it, as it finished).
    public func interrupt() async {
        await stop(cancellingRuns: true)
    }

    /// Stops scheduling, lets the runs in flight finish their writes, and gives the lease back.
    /// With `cancellingRuns` (a console's `q`: quit at once), the runs in flight are cancelled instead:
    /// their requests end, each run is recorded as interrupted, and the next run finishes the work
    /// (a create sent meanwhile is found by external id, never made twice).
    public func stop(cancellingRuns: Bool = false) async {
        guard loop != nil || stopInProgress else { return }
        if cancellingRuns {
            interrupting = true
            for task in running.values { task.cancel() }
        }
        stopping = true
        stopInProgress = true
        wake()
        await loop?.value
        loop = nil
        while let (_, task) = running.first {
            await task.value
        }
        guard stopInProgress else { return }  // another stop() finished meanwhile
        // The actions claimed finish before the lease is given back (a half-applied one would be
        // the next holder's to finish).
        await actionRunner?.stop()
        actionRunner = nil
        stopInProgress = false
        if interrupting { closeInterrupted() }
        await status?.stop()
        await leaseKeeper?.stop()
        leaseKeeper = nil
        try? store.releaseSyncLease(pid: identity.pid, host: identity.host)
        progressContinuation.finish()
        let waiters = stopWaiters
        stopWaiters.removeAll()
        for waiter in waiters { waiter.resume() }
    }

    /// The runs that ended after `interrupt()`, passed to `onRun` as recorded: those left `running`
    /// closed as interrupted first (unless the lease was lost: they are the new holder's to close).
    private func closeInterrupted() {
        let now = clock.now()
        let closed = leaseWasLost ? [] : ((try? store.closeInterruptedRuns(at: now)) ?? [])
        var byID: [Int64: SyncRun] = [:]
        for run in closed { if let id = run.id { byID[id] = run } }
        for run in endedWhileInterrupting {
            guard let id = run.id else { continue }  // cancelled before it was recorded: nothing happened
            onRun(byID[id] ?? run)  // as `closeInterruptedRuns` wrote it, when it closed it
        }
        endedWhileInterrupting.removeAll()
        interrupting = false
    }

    /// Returns once `stop()` has finished (e.g. called from a signal handler): the runs in flight are
    /// done and the lease is given back. Returns at once when the scheduler was never started.
    public func waitUntilStopped() async {
        guard loop != nil || stopInProgress else { return }
        await withCheckedContinuation { stopWaiters.append($0) }
    }

    /// Runs one source now, outside its schedule (no effect while it is running).
    public func syncNow(sourceID: String) throws {
        let known = try entries[sourceID] != nil || store.source(id: sourceID).map { !$0.isArchived } == true
        guard known, options.sourceIDs?.contains(sourceID) ?? true else {
            throw SyncCoordinator.Refusal(description: "unknown or deleted source \"\(sourceID)\"")
        }
        let now = clock.now()
        entries[sourceID, default: SyncSchedulerEntry(sourceID: sourceID, nextRunAt: now)].nextRunAt = now
        wake()
    }

    /// Runs every source now (and the deleted sources' placements), outside the schedule.
    public func syncAllNow() {
        let now = clock.now()
        for id in entries.keys { entries[id]?.nextRunAt = now }
        archivedNextRunAt = now
        wake()
    }

    /// Where each source stands, by source id (the console's countdowns).
    public func schedule() -> [SyncSchedulerEntry] {
        entries.values.sorted { $0.sourceID < $1.sourceID }
    }

    /// When each source runs next.
    public func nextRunTimes() -> [String: Date] {
        entries.mapValues(\.nextRunAt)
    }

    public var isRunning: Bool { loop != nil && !stopping }

    /// Why the scheduler stopped by itself, when the workspace's database file went away under it
    /// (checked after each run): the runs since then were written to an unlinked file.
    public private(set) var workspaceProblem: WorkspaceProblem?

    // MARK: - The loop

    private func runLoop() async {
        while !stopping {
            let now = clock.now()
            let settings: SyncSettings
            let sources: [Source]
            do {
                settings = try store.syncSettings()
                sources = try store.sources().filter { options.sourceIDs?.contains($0.id) ?? true }
            } catch {
                post(
                    SyncProgress(
                        sourceID: "*", runID: nil, phase: .fetch, step: .failed,
                        message: "reading the workspace failed: \(error); retrying"))
                await pause(until: now.addingTimeInterval(options.retryBase))
                continue
            }
            // Sources enter the schedule when due (see `firstRunAt`); deleted or unnamed ones leave it.
            let ids = Set(sources.map(\.id))
            for id in entries.keys where !ids.contains(id) && running[id] == nil { entries[id] = nil }
            for source in sources where entries[source.id] == nil {
                entries[source.id] = SyncSchedulerEntry(sourceID: source.id, nextRunAt: Self.firstRunAt(source, settings: settings, now: now))
            }
            if archivedNextRunAt == nil { archivedNextRunAt = now }

            var slots = max(1, settings.sourceConcurrency) - running.filter { $0.key != Self.archivedJob }.count
            for source in sources.sorted(by: { entries[$0.id]!.nextRunAt < entries[$1.id]!.nextRunAt })
            where slots > 0 && running[source.id] == nil && entries[source.id]!.nextRunAt <= now {
                launch(source, settings: settings)
                slots -= 1
            }
            if options.sourceIDs == nil, running[Self.archivedJob] == nil, let due = archivedNextRunAt, due <= now {
                launchArchived(settings: settings)
            }
            countRound(now: now)
            publishSchedule()

            // Looked at again at least this often: sources `apply` added meanwhile are picked up.
            var deadline = now.addingTimeInterval(options.heartbeat)
            for entry in entries.values where running[entry.sourceID] == nil { deadline = min(deadline, entry.nextRunAt) }
            if running[Self.archivedJob] == nil, let due = archivedNextRunAt { deadline = min(deadline, due) }
            await pause(until: deadline)
        }
        // Stopped from inside (the lease was lost): finish as `stop()` does, so waiters return.
        if !stopInProgress { Task { await self.stop() } }
    }

    /// A round starts when a source is due or running after the scheduler was idle, counts every run due
    /// or running until it is idle again, and ends then.
    private func countRound(now: Date) {
        let active = running.keys.filter { $0 != Self.archivedJob }.count
        let due = entries.values.filter { !$0.isRunning && $0.nextRunAt <= now }.count
        guard active + due > 0 else {
            round = nil
            return
        }
        var counted = round ?? SyncLiveStatus.Round(done: 0, total: 0)
        counted.total = max(counted.total, counted.done + active + due)
        round = counted
    }

    private func publishSchedule() {
        status?.schedule(Array(entries.values), round: round)
    }

    /// Sleeps until `deadline`, or until `wake()`.
    private func pause(until deadline: Date) async {
        guard !wakePending, !stopping else {
            wakePending = false
            return
        }
        let sleeper = self.sleeper, clock = self.clock
        let task = Task { try await sleeper.sleep(until: deadline, clock: clock) }
        sleeping = task
        _ = try? await task.value
        sleeping = nil
        wakePending = false
    }

    private func wake() {
        wakePending = true
        sleeping?.cancel()
    }

    private func launch(_ source: Source, settings: SyncSettings) {
        entries[source.id]?.isRunning = true
        let sourceSync = self.sourceSync, gate = self.gate
        let progress: @Sendable (SyncProgress) -> Void = { [weak self] step in self?.post(step) }
        running[source.id] = Task {
            let run = await gate.withSources([source.id]) {
                await sourceSync.run(source, settings: settings, progress: progress)
            }
            self.finished(source, run: run, settings: settings)
        }
    }

    private func launchArchived(settings: SyncSettings) {
        guard let reconciler = sourceSync.reconciler else {
            archivedNextRunAt = clock.now().addingTimeInterval(jittered(settings.pollInterval))
            return
        }
        let gate = self.gate
        let archived = ((try? store.sources(includeArchived: true)) ?? []).filter(\.isArchived).map(\.id)
        let progress: @Sendable (SyncProgress) -> Void = { [weak self] step in self?.post(step) }
        running[Self.archivedJob] = Task {
            _ = await gate.withSources(archived) { await reconciler.reconcileArchivedSources(progress: progress) }
            self.finishedArchived(settings: settings)
        }
    }

    private func finished(_ source: Source, run: SyncRun, settings: SyncSettings) {
        running[source.id] = nil
        let now = clock.now()
        let interval = source.config.pollInterval ?? settings.pollInterval
        round?.done += 1
        if var entry = entries[source.id] {
            entry.isRunning = false
            entry.lastRun = run
            if run.status == .failed || run.status == .partial {
                // A partial run's failed writes are retried like a failed run, not a whole poll later.
                entry.consecutiveFailures += 1
                entry.nextRunAt = now.addingTimeInterval(retryDelay(failures: entry.consecutiveFailures, interval: interval))
            } else {
                entry.consecutiveFailures = 0
                entry.nextRunAt = now.addingTimeInterval(jittered(interval))
            }
            entries[source.id] = entry
        }
        publishSchedule()
        if interrupting { endedWhileInterrupting.append(run) } else { onRun(run) }
        do {
            try store.checkPresent()
        } catch {
            workspaceProblem = error
            post(SyncProgress(sourceID: "*", runID: nil, phase: run.phase, step: .failed, message: "\(error): stopping"))
            stopping = true
        }
        wake()
    }

    private func finishedArchived(settings: SyncSettings) {
        running[Self.archivedJob] = nil
        archivedNextRunAt = clock.now().addingTimeInterval(jittered(settings.pollInterval))
        wake()
    }

    /// The poll interval moved by up to ± `jitter` of it.
    /// When a source that enters the schedule runs first: when it is due, not at once. A source whose
    /// last fetch succeeded runs its poll interval after that fetch started (another process's run
    /// counts: a console opened beside the service, or a restart, does not fetch every source again
    /// against the advertisers' rate limits); one that never ran or is failing runs now.
    static func firstRunAt(_ source: Source, settings: SyncSettings, now: Date) -> Date {
        guard source.state.status != .invalid, source.state.failure == nil,
            let started = source.state.lastFetchStartAt, let succeeded = source.state.lastSuccessAt, succeeded >= started
        else { return now }
        return max(now, started.addingTimeInterval(source.config.pollInterval ?? settings.pollInterval))
    }

    func jittered(_ interval: TimeInterval) -> TimeInterval {
        interval * (1 + options.jitter * (2 * min(max(random(), 0), 1) - 1))
    }

    /// `retryBase` doubled per failure in a row after the first, never more than the poll interval
    /// (so a poll shorter than `retryBase` retries at the poll).
    func retryDelay(failures: Int, interval: TimeInterval) -> TimeInterval {
        min(options.retryBase * pow(2, Double(min(max(failures, 1) - 1, 30))), interval)
    }

    private nonisolated func post(_ step: SyncProgress) {
        status?.progress(step)
        onProgress(step)
        progressContinuation.yield(step)
    }
}
