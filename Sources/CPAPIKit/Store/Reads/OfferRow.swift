import Foundation

/// One offer as the console's Offers table lists it: small strings and flags only, so 100k of them
/// stay compact in memory (`WorkspaceStore.offerRows`, the console's read). The console formats only
/// the rows on screen.
public struct OfferRow: Sendable, Equatable {
    public var key: OfferKey
    public var title: String
    public var payout: Double?
    public var currency: String
    /// Country codes as sent, already sorted.
    public var countries: [String]
    public var devices: [String]
    public var isValid: Bool
    public var inFeed: Bool
    /// One entry per campaign that placed this offer.
    public var placements: [PlacementBrief]

    public init(
        key: OfferKey, title: String, payout: Double?, currency: String, countries: [String],
        devices: [String], isValid: Bool, inFeed: Bool, placements: [PlacementBrief] = []
    ) {
        self.key = key; self.title = title; self.payout = payout; self.currency = currency
        self.countries = countries; self.devices = devices; self.isValid = isValid; self.inFeed = inFeed
        self.placements = placements
    }
}
