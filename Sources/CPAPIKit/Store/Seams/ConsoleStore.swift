import Foundation

/// What the operator's console reads of the store: its panes' rows (sources, campaigns with their
/// placement counts, the Offers rows, runs and events), one offer's details, who syncs and how far
/// its runs are. The console runs no SQL of its own; its actions go through the workflows (`WorkflowStore`).
public protocol ConsoleStore: Sendable {
    var path: String { get }
    func sources(includeArchived: Bool) throws -> [Source]
    func source(id: String) throws -> Source?
    func campaigns(includeDeleted: Bool) throws -> [Campaign]
    func campaign(id: String) throws -> Campaign?
    func placementCounts() throws -> [String: WorkspaceStore.PlacementCounts]
    /// The Campaigns pane's counts, by what the platform runs (`CampaignRunCounts`).
    func campaignRunCounts() throws -> [String: CampaignRunCounts]
    /// The Offers rows: the first `limit` offers in key order (nil: every offer), with their placements.
    func offerRows(limit: Int?, activeCampaigns: Set<String>) async throws -> OfferRowReader.Read
    func offer(_ key: OfferKey) throws -> DemandOffer?
    func placements(for key: OfferKey) throws -> [Placement]
    func events(for key: OfferKey, limit: Int) throws -> [SyncEvent]
    func recentEvents(limit: Int, afterID: Int64?) throws -> [SyncEvent]
    func recentRuns(sourceID: String?, limit: Int) throws -> [SyncRun]
    func platformConfig() throws -> PlatformConfig?
    /// `:platform`'s rows: every local platform offer with the offer and campaign it belongs to.
    func localPlatformOfferRows() async throws -> [PlatformOfferRow]
    func uiSettings() throws -> UISettings
    /// `[sync]` as applied (a source's details show the poll interval in force).
    func syncSettings() throws -> SyncSettings
    func syncLeaseHolder() throws -> SyncLeaseHolder?
    /// What the lease holder last published of its runs and schedule (`SyncLiveStatus`).
    func syncLiveStatus() async throws -> SyncLiveStatus?
}

extension ConsoleStore {
    public func sources() throws -> [Source] { try sources(includeArchived: false) }
    public func campaigns() throws -> [Campaign] { try campaigns(includeDeleted: false) }
    public func recentEvents(limit: Int) throws -> [SyncEvent] { try recentEvents(limit: limit, afterID: nil) }
    public func recentRuns(limit: Int) throws -> [SyncRun] { try recentRuns(sourceID: nil, limit: limit) }
}

extension WorkspaceStore: ConsoleStore {}
