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
    /// The matcher's verdict for every campaign (not deleted) whose scope covers the offer.
    public var campaignChecks: [CampaignCheck]

    public init(
        offer: DemandOffer, sourceTitle: String, builtTrackingURL: String?, placements: [PlacementDetail], events: [SyncEvent],
        reversals: Result<OfferReversalFigures, ConsoleFailure>? = nil, campaignChecks: [CampaignCheck] = []
    ) {
        self.offer = offer; self.sourceTitle = sourceTitle; self.builtTrackingURL = builtTrackingURL
        self.placements = placements; self.events = events; self.reversals = reversals; self.campaignChecks = campaignChecks
    }
}

/// What the kit's `CampaignMatcher` says of the offer for one campaign whose scope covers it.
public struct CampaignCheck: Sendable, Equatable {
    public var campaignID: String
    public var enabled: Bool
    public var verdict: CampaignMatcher.Verdict

    public init(campaignID: String, enabled: Bool, verdict: CampaignMatcher.Verdict) {
        self.campaignID = campaignID; self.enabled = enabled; self.verdict = verdict
    }

    /// The checks of `offer` against `campaigns`: those not deleted whose scope covers it, by id.
    public static func all(_ offer: DemandOffer, campaigns: some Sequence<Campaign>) -> [CampaignCheck] {
        campaigns.filter { $0.deletedAt == nil && CampaignMatcher.covers($0, offer.key) }
            .sorted { $0.id < $1.id }
            .map { CampaignCheck(campaignID: $0.id, enabled: $0.enabled, verdict: CampaignMatcher.verdict($0, offer)) }
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

    public init(
        placement: Placement, campaignTitle: String, campaignEnabled: Bool, campaignDeleted: Bool = false,
        statusDefault: StatusDefault
    ) {
        self.placement = placement; self.campaignTitle = campaignTitle; self.campaignEnabled = campaignEnabled
        self.campaignDeleted = campaignDeleted; self.statusDefault = statusDefault
    }
}
