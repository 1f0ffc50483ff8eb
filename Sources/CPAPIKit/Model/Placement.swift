import Foundation

/// Where a placement stands in the sync (docs/RULES.md: which rule moves it where).
public enum PlacementState: String, Sendable, Codable, CaseIterable {
    /// Matched, not created in the platform yet (or its create failed and will be retried).
    case pending
    case live
    /// Gone from the feed longer than the grace: paused in the platform.
    case pausedMissing = "paused_missing"
    /// Its source was deleted longer than the grace ago: paused in the platform.
    case pausedSourceGone = "paused_source_gone"
    /// Paused by the operator in this tool; sticky until resumed.
    case held
    /// Disabled / deleted / detached in the platform, or taken out by the operator: never written again.
    case excluded
}

/// The link between one campaign and one demand offer, and the platform offer it made.
public struct Placement: Sendable, Codable, Equatable {
    public var id: Int64?
    public var campaignID: String
    public var offerKey: OfferKey
    public var platformOfferID: Int?
    public var state: PlacementState
    /// What this placement last wrote, field by field (status included), accumulated over writes.
    public var lastPushed: PlatformOfferFields?
    /// `PlanFingerprint` of the campaign, offer and source it was last brought in step with (by a push,
    /// or a run that found nothing to push); nil when unknown. A run skips a live placement whose
    /// inputs still have this fingerprint while the platform holds what was pushed.
    public var lastPushedHash: String?
    public var lastPushedAt: Date?
    /// What the platform reported at the last observe, when it differs from what the sync pushed
    /// (a drift: a pause or an edit by hand, the platform's own defaults); nil while the platform
    /// holds exactly what was pushed, or before the first observe.
    public var lastObserved: PlatformOfferFields?
    /// When observe first saw the current drift (nil without one).
    public var lastObservedAt: Date?
    /// Why it is excluded / paused / held, in words.
    public var reason: String?
    public var excludedAt: Date?
    /// The last write's error, cleared by a successful write.
    public var lastError: String?
    /// A create was sent and its answer may be lost: look the offer up by external id before creating again.
    public var createAttemptedAt: Date?
    /// The matched offer no longer passes the campaign's filters (left as it is, shown as "out of filter").
    public var outOfFilter: Bool
    /// The operator's copy made by `offer exclude` / `offer duplicate`.
    public var copyPlatformOfferID: Int?
    /// Progress of an interrupted `offer exclude` (e.g. `copied`, `copy_detached`, `done`), or
    /// `adoption_ambiguous` (`ExistingOfferAdoption.ambiguousStep`) on a placement not created because
    /// the platform holds offers of its external id that cannot be told apart: looked up each run.
    public var workflowStep: String?
    public var createdAt: Date?
    public var updatedAt: Date?

    public init(
        id: Int64? = nil, campaignID: String, offerKey: OfferKey, platformOfferID: Int? = nil,
        state: PlacementState = .pending, lastPushed: PlatformOfferFields? = nil,
        lastPushedHash: String? = nil, lastPushedAt: Date? = nil, lastObserved: PlatformOfferFields? = nil,
        lastObservedAt: Date? = nil, reason: String? = nil, excludedAt: Date? = nil,
        lastError: String? = nil, createAttemptedAt: Date? = nil, outOfFilter: Bool = false,
        copyPlatformOfferID: Int? = nil, workflowStep: String? = nil,
        createdAt: Date? = nil, updatedAt: Date? = nil
    ) {
        self.id = id; self.campaignID = campaignID; self.offerKey = offerKey; self.platformOfferID = platformOfferID
        self.state = state; self.lastPushed = lastPushed; self.lastPushedHash = lastPushedHash
        self.lastPushedAt = lastPushedAt; self.lastObserved = lastObserved; self.lastObservedAt = lastObservedAt
        self.reason = reason; self.excludedAt = excludedAt; self.lastError = lastError
        self.createAttemptedAt = createAttemptedAt; self.outOfFilter = outOfFilter
        self.copyPlatformOfferID = copyPlatformOfferID; self.workflowStep = workflowStep
        self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}
