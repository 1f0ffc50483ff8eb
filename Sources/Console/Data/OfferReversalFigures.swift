import CPAPIKit

/// One offer's stored reversals, for its details screen.
///
/// The Reversals API lists bad leads but no lead count, so a reversal rate in the usual sense
/// (reversed leads ÷ leads) cannot be known from the workspace. What it can say honestly is how
/// often the offer gets reversed: its reversals per day over the days the downloads cover, and its
/// share of the source's reversals over the same days.
public struct OfferReversalFigures: Sendable, Equatable {
    /// The days of the source's downloaded windows; empty when nothing was downloaded.
    public var coverage: ReversalCoverage
    /// This offer's stored reversals.
    public var count: Int
    public var amount: Double
    /// The source's stored reversals, every offer.
    public var sourceCount: Int

    public init(coverage: ReversalCoverage, count: Int, amount: Double, sourceCount: Int) {
        self.coverage = coverage; self.count = count; self.amount = amount; self.sourceCount = sourceCount
    }

    /// Reversals per covered day; nil when nothing was downloaded.
    public var perDay: Double? {
        coverage.days > 0 ? Double(count) / Double(coverage.days) : nil
    }
}
