import Foundation
import Logging

/// The log lines of a scheduled sync: one per finished run, one per failure outside a run (the
/// workspace unreadable, the lease taken, a deleted source's placements), one per alert. Each line's
/// `event` says which: `run`, `failure`, `alert`, `recovered`.
public enum SyncRunLog {
    /// A finished run: info when it succeeded, warning when partial or interrupted, error when failed.
    public static func log(_ run: SyncRun, to logger: Logger) {
        logger.log(level: level(of: run), "\(message(of: run))", metadata: metadata(of: run))
    }

    /// A failure no run carries (`progress.runID` nil): logged at error level.
    public static func logFailure(_ progress: SyncProgress, to logger: Logger) {
        logger.error(
            "\(progress.sourceID) \(progress.phase.rawValue) failed: \(progress.message)",
            metadata: [
                "event": "failure", "source": .string(progress.sourceID), "phase": .string(progress.phase.rawValue),
                "error": .string(progress.message)
            ])
    }

    /// An alert: error level, its kind in `alert`.
    public static func log(_ alert: SyncAlert, to logger: Logger) {
        var metadata: Logger.Metadata = ["event": "alert", "alert": .string(alert.kind.rawValue), "source": .string(alert.sourceID)]
        if let runID = alert.runID { metadata["run_id"] = .stringConvertible(runID) }
        logger.error("\(alert.message)", metadata: metadata)
    }

    /// A source alerted as failing that succeeded again: notice level.
    public static func logRecovered(sourceID: String, after seconds: TimeInterval, to logger: Logger) {
        logger.notice(
            "\(sourceID) is syncing again after failing for \(ConfigDuration.text(seconds: seconds))",
            metadata: ["event": "recovered", "source": .string(sourceID), "failing_s": .stringConvertible(rounded(seconds))])
    }

    public static func level(of run: SyncRun) -> Logger.Level {
        switch run.status {
        case .succeeded, .running: return .info
        case .partial: return .warning
        case .failed: return isInterrupted(run) ? .warning : .error
        }
    }

    /// Closed because the sync stopped under it (`SyncScheduler.interrupt()`, or a killed process).
    public static func isInterrupted(_ run: SyncRun) -> Bool {
        run.status == .failed && run.error?.hasPrefix("interrupted") == true
    }

    /// `alpha succeeded: 5 fetched, 5 created, 0 updated, 0 paused, 0 excluded, 0 failed (error)`.
    public static func message(of run: SyncRun) -> String {
        let c = run.counts
        return "\(run.sourceID) \(run.status.rawValue): \(c.fetched) fetched, \(c.created) created, \(c.updated) updated, "
            + "\(c.paused) paused, \(c.excluded) excluded, \(c.failed) failed" + (run.error.map { " (\($0))" } ?? "")
    }

    /// `event`, `source`, `run_id`, `status`, `phase`, `kind`, `counts`, `started_at`, `duration_s`,
    /// and `error` and `missing_note` when the run has them.
    public static func metadata(of run: SyncRun) -> Logger.Metadata {
        let c = run.counts
        let counts: [(String, Int)] = [
            ("fetched", c.fetched), ("new", c.new), ("changed", c.changed), ("unchanged", c.unchanged),
            ("invalid", c.invalid), ("missing", c.missing), ("returned", c.returned),
            ("created", c.created), ("updated", c.updated), ("paused", c.paused),
            ("excluded", c.excluded), ("failed", c.failed)
        ]
        var metadata: Logger.Metadata = [
            "event": "run", "source": .string(run.sourceID), "status": .string(run.status.rawValue),
            "phase": .string(run.phase.rawValue), "kind": .string(run.kind.rawValue),
            "counts": .dictionary(Logger.Metadata(uniqueKeysWithValues: counts.map { ($0.0, .stringConvertible($0.1)) })),
            "started_at": .string(StructuredLogHandler.timestamp(run.startedAt))
        ]
        if let id = run.id { metadata["run_id"] = .stringConvertible(id) }
        if let ended = run.endedAt { metadata["duration_s"] = .stringConvertible(rounded(ended.timeIntervalSince(run.startedAt))) }
        if let error = run.error { metadata["error"] = .string(error) }
        if let note = run.missingNote { metadata["missing_note"] = .string(note) }
        return metadata
    }

    /// Seconds to the millisecond.
    static func rounded(_ seconds: TimeInterval) -> Double {
        (max(seconds, 0) * 1000).rounded() / 1000
    }
}
