/// How one window of a reversals download ended.
public struct ReversalWindowOutcome: Sendable, Equatable {
    public var window: ReportWindow
    /// False when it was already stored and skipped.
    public var fetched: Bool
    /// Reversals the API listed for it (0 when skipped).
    public var received: Int
    /// Of those, how many were not stored before.
    public var added: Int

    public init(window: ReportWindow, fetched: Bool, received: Int, added: Int) {
        self.window = window; self.fetched = fetched; self.received = received; self.added = added
    }
}
