import CPAPIKit
import Foundation
import Prometheus

/// The scheduled sync's Prometheus metrics (`--metrics ADDR`, `GET /metrics`):
///
/// - `cpapi_sync_runs_total{source,status}`: finished runs (`status` as recorded: succeeded, partial, failed).
/// - `cpapi_sync_failures_total{source,phase}`: failed runs by the phase they failed in, and failures
///   outside a run (`source="*"` for the workspace itself).
/// - `cpapi_sync_alerts_total{alert,source}`: alerts (`source_invalid`, `missing_marking_stopped`,
///   `every_write_failed`).
/// - `cpapi_sync_push_duration_seconds{source}`: how long each run's push phase took.
/// - `cpapi_sync_last_success_timestamp_seconds{source}`: Unix time of the source's last succeeded run.
/// - `cpapi_placements{campaign,state}`: placements by campaign and state, read from the store after each run.
/// - `cpapi_sync_lease_held`: 1 while this process holds the workspace's sync lease.
final class SyncMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()

    static let pushBuckets: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300]

    func recordRun(_ run: SyncRun) {
        registry.makeCounter(descriptor: Self.runs, labels: [("source", run.sourceID), ("status", run.status.rawValue)]).increment()
        if run.status == .failed {
            recordFailure(sourceID: run.sourceID, phase: run.phase)
        }
        if run.status == .succeeded, let ended = run.endedAt {
            setLastSuccess(sourceID: run.sourceID, at: ended)
        }
    }

    func recordFailure(sourceID: String, phase: SyncPhase) {
        registry.makeCounter(descriptor: Self.failures, labels: [("source", sourceID), ("phase", phase.rawValue)]).increment()
    }

    func recordAlert(_ alert: SyncAlert) {
        registry.makeCounter(descriptor: Self.alerts, labels: [("alert", alert.kind.rawValue), ("source", alert.sourceID)]).increment()
    }

    /// Every alert of `sourceID` at 0, so that a rate over them is defined before the first one.
    func prepareAlerts(sourceID: String) {
        for kind in SyncAlert.Kind.allCases {
            _ = registry.makeCounter(descriptor: Self.alerts, labels: [("alert", kind.rawValue), ("source", sourceID)])
        }
    }

    func recordPush(sourceID: String, seconds: Double) {
        registry.makeValueHistogram(descriptor: Self.push, labels: [("source", sourceID)], buckets: Self.pushBuckets)
            .record(max(seconds, 0))
    }

    func setLastSuccess(sourceID: String, at date: Date) {
        registry.makeGauge(descriptor: Self.lastSuccess, labels: [("source", sourceID)]).set(to: date.timeIntervalSince1970)
    }

    /// Every state of every campaign given (0 for a state it has none in).
    func setPlacements(_ counts: [String: WorkspaceStore.PlacementCounts]) {
        for (campaign, count) in counts {
            for state in PlacementState.allCases {
                let n: Int
                switch state {
                case .pending: n = count.pending
                case .live: n = count.live
                case .pausedMissing: n = count.pausedMissing
                case .pausedSourceGone: n = count.pausedSourceGone
                case .held: n = count.held
                case .excluded: n = count.excluded
                }
                registry.makeGauge(descriptor: Self.placements, labels: [("campaign", campaign), ("state", state.rawValue)]).set(to: Double(n))
            }
        }
    }

    func setLeaseHeld(_ held: Bool) {
        registry.makeGauge(descriptor: Self.lease).set(to: held ? 1 : 0)
    }

    /// The exposition text (`text/plain; version=0.0.4`).
    func render() -> String {
        registry.emitToString()
    }

    // MARK: - Names (made on each use: a descriptor is not Sendable)

    private static var runs: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "cpapi", subsystem: "sync", metricName: "runs", unitName: "total",
            helpText: "Finished sync runs by source and status.")
    }
    private static var failures: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "cpapi", subsystem: "sync", metricName: "failures", unitName: "total",
            helpText: "Failed runs by the phase they failed in, and failures outside a run.")
    }
    private static var alerts: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "cpapi", subsystem: "sync", metricName: "alerts", unitName: "total",
            helpText: "Alerts raised, by kind and source.")
    }
    private static var push: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "cpapi", subsystem: "sync", metricName: "push_duration", unitName: "seconds",
            helpText: "How long each run's push phase took.")
    }
    private static var lastSuccess: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "cpapi", subsystem: "sync", metricName: "last_success_timestamp",
            unitName: "seconds", helpText: "Unix time of the source's last succeeded run.")
    }
    private static var placements: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "cpapi", metricName: "placements", unitName: "",
            helpText: "Placements by campaign and state, read after each run.")
    }
    private static var lease: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "cpapi", subsystem: "sync", metricName: "lease_held", unitName: "",
            helpText: "1 while this process holds the workspace's sync lease.")
    }
}
