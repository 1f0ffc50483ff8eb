/// One placement of a source as a run's first, light read sees it: enough to tell whether it is
/// settled (nothing to plan unless the platform differs from the push) without decoding its JSON
/// columns or its offer.
public struct PlacementDigest: Sendable {
    public let id: Int64
    public let campaignID: String
    public let externalID: String
    public let platformOfferID: Int?
    /// Live and in filter, without a drift, an error, an unanswered create or a workflow midway.
    public let isQuiet: Bool
    /// `PlanFingerprint` of the inputs it was last brought in step with.
    public let fingerprint: String?
    /// The status and external offer id it last pushed.
    public let pushedStatus: PlatformStatus?
    public let pushedExternalID: String?
    /// The stored offer's content hash (nil when the offer is not stored), and whether it is in the feed.
    public let offerContentHash: String?
    public let offerInFeed: Bool
    /// Taken out of the sync for ever: a run never reads, plans or writes it again.
    public let isExcluded: Bool

    public init(
        id: Int64, campaignID: String, externalID: String, platformOfferID: Int?, isQuiet: Bool, fingerprint: String?,
        pushedStatus: PlatformStatus?, pushedExternalID: String?, offerContentHash: String?, offerInFeed: Bool,
        isExcluded: Bool
    ) {
        self.id = id; self.campaignID = campaignID; self.externalID = externalID; self.platformOfferID = platformOfferID
        self.isQuiet = isQuiet; self.fingerprint = fingerprint; self.pushedStatus = pushedStatus
        self.pushedExternalID = pushedExternalID; self.offerContentHash = offerContentHash; self.offerInFeed = offerInFeed
        self.isExcluded = isExcluded
    }

    /// The platform offer's state if nothing happened to it in the platform since the push, when the
    /// placement is settled: quiet, its offer in the feed, and planned from these very inputs.
    public func settledState(fingerprint expected: String?) -> PlatformOfferState? {
        guard isQuiet, offerInFeed, let platformOfferID, let fingerprint, fingerprint == expected,
            let pushedExternalID, !pushedExternalID.isEmpty
        else { return nil }
        return PlatformOfferState(id: platformOfferID, externalOfferID: pushedExternalID, status: pushedStatus ?? .stopped)
    }
}
