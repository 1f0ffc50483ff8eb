import Foundation

/// One campaign's placement of an offer, as much as the table and the actions need.
public struct PlacementBrief: Sendable, Equatable {
    public var campaignID: String
    public var state: PlacementState
    public var platformOfferID: Int?
    /// What the platform last reported (or what was last pushed when nothing was observed yet).
    public var platformStatus: PlatformStatus?
    /// Whether the campaign is on (an off campaign's placements are frozen).
    public var campaignEnabled: Bool
    /// The placement's reason, kept only while it is not in the platform or is excluded (what the
    /// actions' reasons quote, `OfferWorkflows.availability`).
    public var reason: String?
    /// An exclude of it was interrupted before it finished.
    public var excludeInProgress: Bool

    public init(
        campaignID: String, state: PlacementState, platformOfferID: Int? = nil,
        platformStatus: PlatformStatus? = nil, campaignEnabled: Bool = true, reason: String? = nil,
        excludeInProgress: Bool = false
    ) {
        self.campaignID = campaignID; self.state = state; self.platformOfferID = platformOfferID
        self.platformStatus = platformStatus; self.campaignEnabled = campaignEnabled
        self.reason = reason; self.excludeInProgress = excludeInProgress
    }
}
