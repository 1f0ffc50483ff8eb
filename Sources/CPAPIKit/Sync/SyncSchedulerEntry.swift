import Foundation

/// Where one source stands in the scheduler (the console's countdown and status glyphs).
public struct SyncSchedulerEntry: Sendable, Equatable {
    public var sourceID: String
    /// When it runs next (in the past while it runs or is due).
    public var nextRunAt: Date
    public var isRunning: Bool
    /// Failed or partial runs in a row (0 after a success); such a source is retried with backoff.
    public var consecutiveFailures: Int
    /// The last run the scheduler made of it.
    public var lastRun: SyncRun?

    public init(sourceID: String, nextRunAt: Date, isRunning: Bool = false, consecutiveFailures: Int = 0, lastRun: SyncRun? = nil) {
        self.sourceID = sourceID; self.nextRunAt = nextRunAt; self.isRunning = isRunning
        self.consecutiveFailures = consecutiveFailures; self.lastRun = lastRun
    }
}
