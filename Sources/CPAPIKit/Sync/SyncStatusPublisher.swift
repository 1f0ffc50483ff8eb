import Foundation
import Synchronization

/// Publishes the lease holder's live status (`SyncLiveStatus`) to the store for the consoles of other
/// processes, at a cost the holder does not notice: a phase that advances (a push of 100k writes reports
/// every thousand) is written at most once per `interval`, a phase change or a change of the schedule at
/// once; a status equal to the last written is not written again. A step held back by the interval is
/// written when the interval is over (a push that stalls at 1,000 of 5,000 says 1,000, not the count
/// of its last write). One write is in flight at a time, on a task of its own, and only the newest
/// status waits behind it: the runs never wait for a write. The time comes from the scheduler's clock;
/// only the held-back write waits, on a task of its own.
public final class SyncStatusPublisher: Sendable {
    /// The least time between two writes of an advancing phase.
    public static let defaultInterval: TimeInterval = 0.5

    private struct State {
        var sources: [String: SyncLiveStatus.SourceStatus] = [:]
        var round: SyncLiveStatus.Round?
        /// The last status handed to the writer, and when.
        var last: SyncLiveStatus?
        var lastAt: Date?
        /// A held-back step waits for the interval to end (`flushLater`).
        var flushScheduled = false
        var ended = false
    }

    private let store: any SyncStore
    private let identity: (pid: Int32, host: String)
    private let clock: any SyncClock
    private let interval: TimeInterval
    private let state = Mutex(State())
    private let writes: AsyncStream<SyncLiveStatus>.Continuation
    private let writer: Task<Void, Never>

    public init(
        store: any SyncStore, identity: (pid: Int32, host: String), clock: any SyncClock,
        interval: TimeInterval = SyncStatusPublisher.defaultInterval
    ) {
        self.store = store; self.identity = identity; self.clock = clock; self.interval = interval
        let (stream, continuation) = AsyncStream.makeStream(of: SyncLiveStatus.self, bufferingPolicy: .bufferingNewest(1))
        writes = continuation
        writer = Task.detached {
            for await status in stream {
                // A failed write (a busy disk) is only a stale line in another console: the next one replaces it.
                _ = try? await store.publishSyncStatus(status)
            }
        }
    }

    /// A step of a running source's run (called as the run reports it).
    public func progress(_ step: SyncProgress) {
        guard step.sourceID != "*" else { return }  // the scheduler's own notices
        publish(force: step.step != .advanced) { state in
            // A scheduled source's (not a deleted source's placements), until its end: the schedule says so next.
            guard var source = state.sources[step.sourceID], step.phase != .done else { return }
            source.phase = step.phase
            source.runID = step.runID
            source.isQueued = false
            source.counts = step.counts
            source.done = step.done
            source.total = step.total
            state.sources[step.sourceID] = source
        }
    }

    /// The schedule as it stands: every source's next run, failures in a row and whether it runs, and the round.
    public func schedule(_ entries: [SyncSchedulerEntry], round: SyncLiveStatus.Round?) {
        let now = clock.now()
        publish(force: true) { state in
            var sources: [String: SyncLiveStatus.SourceStatus] = [:]
            for entry in entries {
                var source = state.sources[entry.sourceID] ?? SyncLiveStatus.SourceStatus(sourceID: entry.sourceID)
                if !entry.isRunning {
                    source.phase = nil; source.runID = nil; source.done = nil; source.total = nil
                    source.counts = entry.lastRun?.counts ?? SyncCounts()
                }
                source.isQueued = !entry.isRunning && entry.nextRunAt <= now
                source.nextRunAt = entry.nextRunAt
                source.consecutiveFailures = entry.consecutiveFailures
                source.lastError = entry.consecutiveFailures > 0 ? entry.lastRun?.error : nil
                sources[entry.sourceID] = source
            }
            state.sources = sources
            state.round = round
        }
    }

    /// Changes the state, then hands the status to the writer unless it is unchanged, or only advanced
    /// within a phase less than `interval` after the last write (`force`: a phase or schedule change).
    private func publish(force: Bool, _ change: (inout State) -> Void) {
        let now = clock.now()
        var flushAfter: TimeInterval?
        let status: SyncLiveStatus? = state.withLock { state in
            guard !state.ended else { return nil }
            change(&state)
            var status = SyncLiveStatus(
                pid: identity.pid, host: identity.host, updatedAt: now, round: state.round,
                sources: state.sources.values.sorted { $0.sourceID < $1.sourceID })
            if var last = state.last {
                last.updatedAt = now
                if last == status { return nil }
            }
            if !force, let at = state.lastAt, now.timeIntervalSince(at) < interval {
                if !state.flushScheduled {
                    state.flushScheduled = true
                    flushAfter = interval - now.timeIntervalSince(at)
                }
                return nil
            }
            status.updatedAt = now
            state.last = status
            state.lastAt = now
            return status
        }
        if let status { writes.yield(status) }
        if let flushAfter { flushLater(after: flushAfter) }
    }

    /// Writes the newest status once `delay` is over, unless a write came first with the same status.
    private func flushLater(after delay: TimeInterval) {
        Task { [weak self] in
            try? await Task.sleep(for: .seconds(max(delay, 0.01)))
            guard let self else { return }
            self.publish(force: true) { $0.flushScheduled = false }
        }
    }

    /// The status last handed to the writer (tests).
    var lastPublished: SyncLiveStatus? { state.withLock { $0.last } }

    /// Stops publishing: the last status is written, then the row removed (the holder gives the lease back next).
    public func stop() async {
        state.withLock { $0.ended = true }
        writes.finish()
        await writer.value
        try? await store.clearSyncStatus(pid: identity.pid, host: identity.host)
    }

    deinit {
        writes.finish()
    }
}
