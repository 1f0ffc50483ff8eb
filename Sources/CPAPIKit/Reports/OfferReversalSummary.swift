/// Reversals of one offer over a range of days: how many, and how much they were worth.
public struct OfferReversalSummary: Sendable, Equatable {
    /// The offer as the API named it; nil for reversals that named none.
    public var offerID: String?
    public var count: Int
    /// The sum of the amounts given (reversals without an amount add nothing).
    public var amount: Double

    public init(offerID: String?, count: Int, amount: Double) {
        self.offerID = offerID; self.count = count; self.amount = amount
    }
}
