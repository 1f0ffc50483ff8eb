import Foundation

/// The phases of one run over one source, in the order they run: fetch the feed, store it (and mark
/// what is missing), match its offers to campaigns, observe the platform, plan each placement, push.
public enum SyncPhase: String, Sendable, Codable, CaseIterable {
    case fetch, store, match, observe, plan, push, done
}

/// How a run ended.
public enum SyncRunStatus: String, Sendable, Codable {
    case running
    case succeeded
    /// The fetch and store worked, some writes to the platform failed (retried next run).
    case partial
    case failed
}

/// Full (every offer) or incremental (`updated_since`).
public enum FetchKind: String, Sendable, Codable {
    case full, incremental
}

/// What a run counted.
public struct SyncCounts: Sendable, Codable, Equatable {
    public var fetched = 0, new = 0, changed = 0, unchanged = 0, invalid = 0, missing = 0, returned = 0
    public var created = 0, updated = 0, paused = 0, excluded = 0, failed = 0
    public init() {}
}

/// One run over one source.
public struct SyncRun: Sendable, Codable, Equatable {
    public var id: Int64?
    public var sourceID: String
    public var kind: FetchKind
    public var startedAt: Date
    public var endedAt: Date?
    public var phase: SyncPhase
    public var status: SyncRunStatus
    public var counts: SyncCounts
    /// One line: why the run failed.
    public var error: String?
    /// Why offers missing from the fetch were not marked (cut short, too many, incremental…), if so.
    public var missingNote: String?

    public init(
        id: Int64? = nil, sourceID: String, kind: FetchKind, startedAt: Date, endedAt: Date? = nil,
        phase: SyncPhase = .fetch, status: SyncRunStatus = .running, counts: SyncCounts = SyncCounts(),
        error: String? = nil, missingNote: String? = nil
    ) {
        self.id = id; self.sourceID = sourceID; self.kind = kind; self.startedAt = startedAt; self.endedAt = endedAt
        self.phase = phase; self.status = status; self.counts = counts; self.error = error; self.missingNote = missingNote
    }
}
