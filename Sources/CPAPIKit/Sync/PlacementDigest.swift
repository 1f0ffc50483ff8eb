/// One placement of a source as a run's first, light read sees it: enough to tell whether it is
/// settled (nothing to plan unless the platform differs from the push) without decoding its JSON
/// columns or its offer.
struct PlacementDigest: Sendable {
    let id: Int64
    let campaignID: String
    let externalID: String
    let platformOfferID: Int?
    /// Live and in filter, without a drift, an error, an unanswered create or a workflow midway.
    let isQuiet: Bool
    /// `PlanFingerprint` of the inputs it was last brought in step with.
    let fingerprint: String?
    /// The status and external offer id it last pushed.
    let pushedStatus: PlatformStatus?
    let pushedExternalID: String?
    /// The stored offer's content hash (nil when the offer is not stored), and whether it is in the feed.
    let offerContentHash: String?
    let offerInFeed: Bool
    /// Taken out of the sync for ever: a run never reads, plans or writes it again.
    let isExcluded: Bool

    /// The platform offer's state if nothing happened to it in the platform since the push, when the
    /// placement is settled: quiet, its offer in the feed, and planned from these very inputs.
    func settledState(fingerprint expected: String?) -> PlatformOfferState? {
        guard isQuiet, offerInFeed, let platformOfferID, let fingerprint, fingerprint == expected,
              let pushedExternalID, !pushedExternalID.isEmpty else { return nil }
        return PlatformOfferState(id: platformOfferID, externalOfferID: pushedExternalID, status: pushedStatus ?? .stopped)
    }
}
