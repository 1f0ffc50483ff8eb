import CPAPIKit
import Foundation
import Logging

/// What a scheduled sync tells the operator besides its progress: a log line per finished run and per
/// failure outside a run, the alerts, the metrics and the health answer. The scheduler's callbacks hand
/// their events over (`progress`, `run`); one task takes them in order (`run()`), so reading the
/// store after a run never holds the scheduler up.
final class SyncMonitor: Sendable {
    private enum Event {
        case progress(SyncProgress, at: ContinuousClock.Instant)
        case run(SyncRun)
    }

    private let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    private let store: WorkspaceStore
    private let logger: Logger
    private let metrics: SyncMetrics?
    let health: SyncHealth
    private let invalidAfter: TimeInterval

    init(store: WorkspaceStore, logger: Logger, metrics: SyncMetrics?, health: SyncHealth, invalidAfter: TimeInterval) {
        self.store = store; self.logger = logger; self.metrics = metrics; self.health = health; self.invalidAfter = invalidAfter
        (events, continuation) = AsyncStream.makeStream(of: Event.self)
    }

    /// The scheduler's `onProgress`.
    func progress(_ step: SyncProgress) {
        continuation.yield(.progress(step, at: .now))
    }

    /// The scheduler's `onRun`.
    func run(_ run: SyncRun) {
        continuation.yield(.run(run))
    }

    /// No more events: `run()` returns once it has handled those given.
    func finish() {
        continuation.finish()
    }

    /// Handles the events until `finish()`. `sources`: the sources synced, as they stand at the start.
    func run(sources: [Source]) async {
        var alerts = SyncAlerts(invalidAfter: invalidAfter)
        alerts.seed(sources)
        for source in sources { metrics?.prepareAlerts(sourceID: source.id) }
        // By run id (a deleted source's pass has none: by its source).
        var pushStarted: [String: ContinuousClock.Instant] = [:]
        for await event in events {
            switch event {
            case .progress(let step, let at):
                if step.runID == nil, step.step == .failed {
                    SyncRunLog.logFailure(step, to: logger)
                    metrics?.recordFailure(sourceID: step.sourceID, phase: step.phase)
                }
                guard step.phase == .push else { continue }
                let runID = step.runID.map { "\($0)" } ?? "deleted:\(step.sourceID)"
                switch step.step {
                case .started: pushStarted[runID] = at
                case .finished, .failed:
                    if let started = pushStarted.removeValue(forKey: runID) {
                        let elapsed = at - started
                        metrics?.recordPush(
                            sourceID: step.sourceID,
                            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
                    }
                case .advanced: break
                }
            case .run(let run):
                if let id = run.id { pushStarted["\(id)"] = nil }
                SyncRunLog.log(run, to: logger)
                metrics?.recordRun(run)
                health.record(run)
                let (raised, recovered) = alerts.alerts(after: run)
                for alert in raised {
                    SyncRunLog.log(alert, to: logger)
                    metrics?.recordAlert(alert)
                }
                if let recovered { SyncRunLog.logRecovered(sourceID: run.sourceID, after: recovered, to: logger) }
                if let metrics, let counts = try? store.placementCounts() { metrics.setPlacements(counts) }
            }
        }
    }
}
