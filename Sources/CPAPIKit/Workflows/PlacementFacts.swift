import Foundation

/// What `OfferWorkflows.availability(of:for:)` needs to know of a placement and its campaign: the
/// stored `Placement` in the workflows, the console's `PlacementBrief` in its hints. One rule, read
/// from either, so the console never words a reason of its own.
public struct PlacementFacts: Sendable, Equatable {
    /// Whether the placement's campaign writes to the platform.
    public enum CampaignStanding: Sendable, Equatable {
        case active, disabled, deleted
        /// The campaign no longer exists at all.
        case gone
    }

    public var campaignID: String
    public var state: PlacementState
    public var platformOfferID: Int?
    /// The placement's reason (why it is not created yet, why it was excluded).
    public var reason: String?
    /// An exclude of it was interrupted before it finished.
    public var excludeInProgress: Bool
    public var campaign: CampaignStanding

    public init(
        campaignID: String, state: PlacementState, platformOfferID: Int?, reason: String? = nil,
        excludeInProgress: Bool = false, campaign: CampaignStanding
    ) {
        self.campaignID = campaignID; self.state = state; self.platformOfferID = platformOfferID
        self.reason = reason; self.excludeInProgress = excludeInProgress; self.campaign = campaign
    }

    /// The facts of a stored placement; `campaign` is its campaign (nil when it is gone).
    public init(_ placement: Placement, campaign: Campaign?) {
        let standing: CampaignStanding
        if let campaign {
            standing = campaign.deletedAt != nil ? .deleted : (campaign.enabled ? .active : .disabled)
        } else {
            standing = .gone
        }
        self.init(
            campaignID: placement.campaignID, state: placement.state, platformOfferID: placement.platformOfferID,
            reason: placement.reason, excludeInProgress: ExcludeStep.isInProgress(placement.workflowStep),
            campaign: standing)
    }
}

extension ExcludeStep {
    /// Whether a placement's `workflowStep` is an exclude that has not finished.
    public static func isInProgress(_ workflowStep: String?) -> Bool {
        workflowStep.flatMap(ExcludeStep.init(rawValue:)).map { $0 != .done } ?? false
    }
}
