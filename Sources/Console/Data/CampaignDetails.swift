import CPAPIKit

/// What the details screen of one campaign shows (`i` in Campaigns): its settings, filters and sync
/// rules as stored, and how many of its placements are in each state.
public struct CampaignDetails: Sendable {
    public var campaign: Campaign
    public var counts: WorkspaceStore.PlacementCounts

    public init(campaign: Campaign, counts: WorkspaceStore.PlacementCounts) {
        self.campaign = campaign; self.counts = counts
    }
}
