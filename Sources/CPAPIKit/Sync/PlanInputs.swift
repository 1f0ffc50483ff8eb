/// The campaigns and the source one run plans a source's placements with, read once per run, and the
/// `PlanFingerprint` of each placement's inputs under them.
struct PlanInputs: Sendable {
    let source: Source
    /// The active campaigns, in the store's order.
    let campaigns: [Campaign]
    private let campaignByID: [String: Shared<Campaign>]
    private let digestByCampaignID: [String: String]

    init(campaigns: [Campaign], source: Source) {
        self.source = source
        self.campaigns = campaigns
        campaignByID = Dictionary(campaigns.map { ($0.id, Shared($0)) }, uniquingKeysWith: { first, _ in first })
        digestByCampaignID = campaignByID.mapValues { PlanFingerprint.campaignDigest($0.value) }
    }

    /// Whether the campaign with this id is active (a disabled or deleted one's placements are frozen).
    /// Asked per stored placement: answered without copying the campaign out of its box.
    func isActive(campaignID: String) -> Bool { campaignByID[campaignID] != nil }

    /// The fingerprint of a placement of `campaignID` for an offer with this content; nil when either is unknown.
    func fingerprint(campaignID: String, offerContentHash: String?) -> String? {
        guard let digest = digestByCampaignID[campaignID], let offerContentHash, !offerContentHash.isEmpty else { return nil }
        return PlanFingerprint.of(
            campaignDigest: digest, offerContentHash: offerContentHash,
            trackingParams: source.config.trackingParams)
    }

    /// The work for a placement of an active campaign (nil for another) and its stored offer.
    func work(_ placement: Placement, offer: Shared<DemandOffer?>) -> PlacementWork? {
        guard let campaign = campaignByID[placement.campaignID] else { return nil }
        return PlacementWork(
            campaign: campaign, offer: offer, placement: placement,
            fingerprint: fingerprint(campaignID: placement.campaignID, offerContentHash: offer.value?.contentHash))
    }
}
