import CPAPIKit
import Foundation

/// What the Reports view shows of one source and range: the reversals per offer (with the offers'
/// titles from the stored feed), per day for the source and for each offer, the days downloaded,
/// and when the Reversals API may next be called.
public struct ReversalReport: Sendable {
    public var sourceID: String
    public var range: ReportWindow
    /// Most reversed first.
    public var offers: [ReversedOffer]
    /// Every day of the range, zero included.
    public var sourceDays: [ReversalDayCount]
    /// Per offer (nil: reversals that named none), only the days that had some.
    public var offerDays: [String?: [ReversalDayCount]]
    public var coverage: ReversalCoverage
    /// The Reversals API's next allowed call (nil or past: free now).
    public var nextCallAt: Date?

    public init(
        sourceID: String, range: ReportWindow, offers: [ReversedOffer], sourceDays: [ReversalDayCount],
        offerDays: [String?: [ReversalDayCount]], coverage: ReversalCoverage, nextCallAt: Date?
    ) {
        self.sourceID = sourceID; self.range = range; self.offers = offers; self.sourceDays = sourceDays
        self.offerDays = offerDays; self.coverage = coverage; self.nextCallAt = nextCallAt
    }

    public var totalCount: Int { offers.reduce(0) { $0 + $1.count } }
    public var totalAmount: Double { offers.reduce(0) { $0 + $1.amount } }

    /// The currency every listed offer shares, nil when they differ or none is known.
    public var commonCurrency: String? {
        let currencies = Set(offers.map(\.currency))
        return currencies.count == 1 ? currencies.first ?? nil : nil
    }

    /// Counts per day of the range for one offer, zero included.
    public func days(ofOffer offerID: String?) -> [Int] {
        let counts = Dictionary((offerDays[offerID] ?? []).map { ($0.day, $0.count) }, uniquingKeysWith: +)
        return sourceDays.map { counts[$0.day] ?? 0 }
    }
}
