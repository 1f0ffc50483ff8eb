import Foundation

/// What the process holding the sync lease says of its schedule while it runs, for the consoles of
/// other processes: each source's run in progress (phase, how far through it, counts), its next run
/// and failures in a row, and the round. Published by `SyncStatusPublisher` (at most every half
/// second while a phase advances, at once when a phase or the schedule changes); one row per
/// workspace, written only while the lease names the publisher, removed when it gives the lease back.
public struct SyncLiveStatus: Sendable, Codable, Equatable {
    public var pid: Int32
    public var host: String
    /// When it was published (its heartbeat is the lease's: `SyncLeaseHolder.heartbeatAt`).
    public var updatedAt: Date
    /// The sources the current round runs: those running or due since the scheduler was last idle.
    public var round: Round?
    /// Every scheduled source, by source id.
    public var sources: [SourceStatus]

    public struct Round: Sendable, Codable, Equatable {
        /// Runs of the round finished.
        public var done: Int
        /// Runs of the round in all: finished, running and due.
        public var total: Int
        public init(done: Int, total: Int) { self.done = done; self.total = total }
    }

    public struct SourceStatus: Sendable, Codable, Equatable {
        public var sourceID: String
        /// Its run in progress: its phase (nil while not running).
        public var phase: SyncPhase?
        public var runID: Int64?
        /// Due, waiting for a free slot.
        public var isQueued: Bool
        /// How far through the phase, when it is counted ("push 2,000/5,000").
        public var done: Int?
        public var total: Int?
        /// The run's counts so far.
        public var counts: SyncCounts
        /// When it runs next (a failed source: its retry).
        public var nextRunAt: Date?
        /// Failed or partial runs in a row.
        public var consecutiveFailures: Int
        /// Why its last run failed, while it is failing.
        public var lastError: String?

        public init(
            sourceID: String, phase: SyncPhase? = nil, runID: Int64? = nil, isQueued: Bool = false, done: Int? = nil,
            total: Int? = nil, counts: SyncCounts = SyncCounts(), nextRunAt: Date? = nil, consecutiveFailures: Int = 0,
            lastError: String? = nil
        ) {
            self.sourceID = sourceID; self.phase = phase; self.runID = runID; self.isQueued = isQueued; self.done = done
            self.total = total; self.counts = counts; self.nextRunAt = nextRunAt; self.consecutiveFailures = consecutiveFailures
            self.lastError = lastError
        }

        public var isRunning: Bool { phase != nil }
    }

    public init(pid: Int32, host: String, updatedAt: Date, round: Round? = nil, sources: [SourceStatus] = []) {
        self.pid = pid; self.host = host; self.updatedAt = updatedAt; self.round = round; self.sources = sources
    }

    /// Whether `holder` is the process that published this.
    public func isPublished(by holder: SyncLeaseHolder) -> Bool { holder.pid == pid && holder.host == host }
}
