/// One step of a run's progress, for the CLI's lines and the console's live view.
public struct SyncProgress: Sendable, Equatable {
    /// Where the phase stands.
    public enum Step: String, Sendable, Equatable {
        case started
        /// Part of the phase is done (`fraction` says how much, when known).
        case advanced
        case finished
        case failed
    }

    public var sourceID: String
    public var runID: Int64?
    public var phase: SyncPhase
    public var step: Step
    /// The run's counts so far.
    public var counts: SyncCounts
    /// 0…1 within the phase, when known.
    public var fraction: Double?
    /// How many of the phase's `total` items are done, when it counts them (the push's writes).
    public var done: Int?
    public var total: Int?
    /// One line for the operator.
    public var message: String

    public init(
        sourceID: String, runID: Int64?, phase: SyncPhase, step: Step, counts: SyncCounts = SyncCounts(),
        fraction: Double? = nil, done: Int? = nil, total: Int? = nil, message: String
    ) {
        self.sourceID = sourceID; self.runID = runID; self.phase = phase; self.step = step; self.counts = counts
        self.done = done; self.total = total
        self.fraction = fraction ?? done.flatMap { d in total.flatMap { $0 > 0 ? min(1, Double(d) / Double($0)) : nil } }
        self.message = message
    }
}
