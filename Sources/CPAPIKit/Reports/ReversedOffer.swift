/// An offer's reversals over a range of days, with what the stored feed says of the offer: whether
/// it holds the offer, its title and payout currency (nil when the feed does not hold the offer, or
/// the reversals named none).
public struct ReversedOffer: Sendable, Equatable {
    /// The offer as the API named it; nil for reversals that named none.
    public var offerID: String?
    /// The stored feed holds the offer (current or missing since).
    public var isStored: Bool
    public var count: Int
    /// The sum of the amounts given (reversals without an amount add nothing).
    public var amount: Double
    public var title: String?
    /// The offer's payout currency in the stored feed: the currency its leads were paid, and reversed, in.
    public var currency: String?

    public init(offerID: String?, count: Int, amount: Double, isStored: Bool = false, title: String? = nil, currency: String? = nil) {
        self.offerID = offerID; self.count = count; self.amount = amount; self.isStored = isStored; self.title = title
        self.currency = currency
    }
}
