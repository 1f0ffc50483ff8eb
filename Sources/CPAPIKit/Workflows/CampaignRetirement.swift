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
}
