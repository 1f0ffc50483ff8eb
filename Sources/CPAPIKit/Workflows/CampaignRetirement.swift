/// What `campaign retire` did.
public struct CampaignRetirement: Sendable, Equatable {
    /// The campaign as it now stands (off once every push succeeded).
    public var campaign: Campaign
    /// The status pushed to its placements.
    public var status: PlatformStatus
    /// Placements whose platform offer got the status.
    public var pushed: Int
    /// Placements left out: excluded, or not in the platform.
    public var skipped: Int

    public init(campaign: Campaign, status: PlatformStatus, pushed: Int, skipped: Int) {
        self.campaign = campaign; self.status = status; self.pushed = pushed; self.skipped = skipped
    }

    /// One line for the operator (the CLI's, the console's, the queue's result).
    public var message: String { Self.message(campaign.id, status: status, pushed: pushed, skipped: skipped) }

    static func message(_ id: String, status: PlatformStatus, pushed: Int, skipped: Int) -> String {
        "retired campaign \(id): \(pushed) offers set to \(status.rawValue), \(skipped) left out "
            + "(excluded or not in the platform); the campaign is off"
    }
}
