import CPAPIKit
import Foundation

/// What the details screen of one source shows (`i` in Sources): its state with the failed call
/// (code, headers and body, as the store keeps them: redacted and size-capped), when it is tried
/// next and with what backoff, and its last runs with their counts.
public struct SourceDetails: Sendable {
    public var source: Source
    /// The poll interval in force: the source's own, else the workspace's `[sync] poll_interval`.
    public var pollInterval: TimeInterval
    /// The latest runs, newest first.
    public var runs: [SyncRun]
    public var schedule: SourceSchedule

    public init(source: Source, pollInterval: TimeInterval, runs: [SyncRun], schedule: SourceSchedule) {
        self.source = source; self.pollInterval = pollInterval; self.runs = runs; self.schedule = schedule
    }

    /// Failed or partial runs in a row, newest first (what the scheduler's backoff counts).
    public var failuresInARow: Int {
        runs.prefix { $0.status == .failed || $0.status == .partial }.count
    }
}

/// When a source is synced next, as far as this console knows.
public enum SourceSchedule: Sendable, Equatable {
    /// This console's scheduler syncs it: its entry, and the first retry delay the backoff doubles.
    case here(SyncSchedulerEntry, retryBase: TimeInterval)
    /// Another process holds the sync lease ("pid 4242 on host") and schedules it: where the source
    /// stands in the status it publishes (nil when it publishes none for the source).
    case elsewhere(String, SyncLiveStatus.SourceStatus?)
    /// Nothing syncs the workspace now.
    case unscheduled
}
