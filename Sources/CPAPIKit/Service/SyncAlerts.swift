import Foundation

/// Something an operator of a scheduled sync must look at (logged at error level, counted in metrics).
public struct SyncAlert: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// A source's runs have failed for longer than `SyncAlerts.invalidAfter`.
        case sourceInvalid = "source_invalid"
        /// A safety guard stopped missing-marking: more offers gone than `max_missing_share`, or an
        /// answer that may be cut short (`MissingMarkingPolicy`).
        case missingMarkingStopped = "missing_marking_stopped"
        /// A run whose every write to the platform failed.
        case everyWriteFailed = "every_write_failed"
    }

    public var kind: Kind
    public var sourceID: String
    public var runID: Int64?
    /// One line for the operator.
    public var message: String

    public init(kind: Kind, sourceID: String, runID: Int64?, message: String) {
        self.kind = kind; self.sourceID = sourceID; self.runID = runID; self.message = message
    }
}

/// Turns finished runs into alerts. A source failing is alerted once per streak of failed runs (checked
/// as each of its runs ends), once the streak is older than `invalidAfter`; a success ends the streak.
/// Runs closed as interrupted (the sync stopped under them) neither start nor end a streak.
public struct SyncAlerts: Sendable {
    public var invalidAfter: TimeInterval
    /// When each failing source's streak began.
    public private(set) var failingSince: [String: Date] = [:]
    private var alerted: Set<String> = []

    public init(invalidAfter: TimeInterval) {
        self.invalidAfter = invalidAfter
    }

    /// Sources already invalid when the sync starts: failing since their last success (else since
    /// their recorded failure).
    public mutating func seed(_ sources: [Source]) {
        for source in sources where source.state.status == .invalid {
            if let since = source.state.lastSuccessAt ?? source.state.failure?.at { failingSince[source.id] = since }
        }
    }

    /// What ended: the alerts `run` raises, and the streak it ends (when it had been alerted), in seconds.
    public mutating func alerts(after run: SyncRun) -> (alerts: [SyncAlert], recoveredAfter: TimeInterval?) {
        var alerts: [SyncAlert] = []
        let end = run.endedAt ?? run.startedAt
        if let note = run.missingNote, Self.isGuardNote(note) {
            alerts.append(
                SyncAlert(
                    kind: .missingMarkingStopped, sourceID: run.sourceID, runID: run.id,
                    message: "\(run.sourceID): a safety guard stopped missing-marking: \(note)"))
        }
        if run.status == .failed, let error = run.error, error.hasPrefix("every write failed") {
            alerts.append(
                SyncAlert(
                    kind: .everyWriteFailed, sourceID: run.sourceID, runID: run.id,
                    message: "\(run.sourceID): every write to the platform failed: \(error)"))
        }
        var recovered: TimeInterval?
        switch run.status {
        case .failed where SyncRunLog.isInterrupted(run), .running:
            break
        case .failed:
            let since = failingSince[run.sourceID] ?? run.startedAt
            failingSince[run.sourceID] = since
            let failing = end.timeIntervalSince(since)
            if failing >= invalidAfter, !alerted.contains(run.sourceID) {
                alerted.insert(run.sourceID)
                alerts.append(
                    SyncAlert(
                        kind: .sourceInvalid, sourceID: run.sourceID, runID: run.id,
                        message: "\(run.sourceID) has been failing for \(ConfigDuration.text(seconds: failing)) "
                            + "(longer than \(ConfigDuration.text(seconds: invalidAfter))): \(run.error ?? "no reason recorded")"))
            }
        case .succeeded, .partial:
            if let since = failingSince.removeValue(forKey: run.sourceID), alerted.remove(run.sourceID) != nil {
                recovered = end.timeIntervalSince(since)
            }
        }
        return (alerts, recovered)
    }

    /// A `missingNote` of a guard, not of an incremental fetch (which never marks, by design).
    /// The words are `MissingMarkingPolicy`'s.
    static func isGuardNote(_ note: String) -> Bool {
        note.contains("max_missing_share") || note.contains("may be cut short")
    }
}
