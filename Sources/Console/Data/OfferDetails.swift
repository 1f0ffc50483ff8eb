import CPAPIKit

/// What the details screen of one offer shows: the offer as the source sent it, the tracking URL
/// the platform receives, every placement with its campaign, the offer's event history and reversals.
public struct OfferDetails: Sendable {
    public var offer: DemandOffer
    public var sourceTitle: String
    /// The source's tracking link with the source's tracking params appended (what is pushed).
    public var builtTrackingURL: String?
    public var placements: [PlacementDetail]
    /// Oldest first.
    public var events: [SyncEvent]
    /// The offer's stored reversals (or why they could not be read); nil when the console has no reports.
    public var reversals: Result<OfferReversalFigures, ConsoleFailure>?

    public init(offer: DemandOffer, sourceTitle: String, builtTrackingURL: String?, placements: [PlacementDetail], events: [SyncEvent],
                reversals: Result<OfferReversalFigures, ConsoleFailure>? = nil) {
        self.offer = offer; self.sourceTitle = sourceTitle; self.builtTrackingURL = builtTrackingURL
        self.placements = placements; self.events = events; self.reversals = reversals
    }
}

/// One placement of the offer and the campaign facts that explain it.
public struct PlacementDetail: Sendable {
    public var placement: Placement
    public var campaignTitle: String
    public var campaignEnabled: Bool
    public var campaignDeleted: Bool
    /// The campaign's status default (`source`, `active`, `paused`, `disabled`).
    public var statusDefault: StatusDefault

    public init(placement: Placement, campaignTitle: String, campaignEnabled: Bool, campaignDeleted: Bool = false,
                statusDefault: StatusDefault) {
        self.placement = placement; self.campaignTitle = campaignTitle; self.campaignEnabled = campaignEnabled
        self.campaignDeleted = campaignDeleted; self.statusDefault = statusDefault
    }
}
