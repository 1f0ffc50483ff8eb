import CPAPIKit

/// Live progress of one source's sync, as the scheduler reports it: the Sync strip draws one line
/// per activity and the Sources pane its glyph.
public struct SyncActivity: Sendable, Equatable {
    public var sourceID: String
    /// Nil while the source waits its turn.
    public var phase: SyncPhase?
    /// 0…1 within the phase, when known.
    public var fraction: Double?
    /// How many of the phase's `total` items are done, when it counts them (the push's writes).
    public var done: Int?
    public var total: Int?
    public var counts: SyncCounts
    /// The latest progress line ("stored 480 of 500 offers").
    public var message: String

    public init(
        sourceID: String, phase: SyncPhase?, fraction: Double? = nil, done: Int? = nil, total: Int? = nil,
        counts: SyncCounts = SyncCounts(), message: String = ""
    ) {
        self.sourceID = sourceID; self.phase = phase; self.fraction = fraction; self.done = done; self.total = total
        self.counts = counts; self.message = message
    }

    /// The activity a kit progress report describes.
    public init(_ progress: SyncProgress) {
        self.init(
            sourceID: progress.sourceID, phase: progress.phase, fraction: progress.fraction, done: progress.done,
            total: progress.total, counts: progress.counts, message: progress.message)
    }

    public var isQueued: Bool { phase == nil }
}
