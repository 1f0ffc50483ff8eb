import Foundation

/// One offer of the local platform as the console's `:platform` table lists it, with the synced
/// offer and campaign it belongs to (through the placement that made it): small values only, so
/// 100k of them stay compact (`WorkspaceStore.localPlatformOfferRows`).
public struct PlatformOfferRow: Sendable, Equatable {
    public var id: Int
    public var externalOfferID: String?
    public var title: String
    public var status: PlatformStatus?
    /// The first payment's revenue and currency.
    public var payout: Double?
    public var currency: String
    /// The synced offer whose placement made this platform offer; nil for a copy or one made by hand.
    public var offer: OfferKey?
    public var campaignID: String?

    public init(
        id: Int, externalOfferID: String? = nil, title: String = "", status: PlatformStatus? = nil, payout: Double? = nil,
        currency: String = "", offer: OfferKey? = nil, campaignID: String? = nil
    ) {
        self.id = id; self.externalOfferID = externalOfferID; self.title = title; self.status = status
        self.payout = payout; self.currency = currency; self.offer = offer; self.campaignID = campaignID
    }
}
