/// Reversals on one day (zero included), for a sparkline.
public struct ReversalDayCount: Sendable, Equatable {
    public var day: ReportDay
    public var count: Int
    public var amount: Double

    public init(day: ReportDay, count: Int, amount: Double) {
        self.day = day; self.count = count; self.amount = amount
    }
}
