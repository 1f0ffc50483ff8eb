import Foundation

/// What the operator's workflows need of the store (pause, resume, exclude, duplicate, detach; campaign
/// enable, disable, delete, retire): read a placement and what its rules need, write it with its
/// events in one transaction (finishing the queued action that ran it, if any: `OperatorActionQueue`),
/// and the lease a workflow in another process takes for its duration.
public protocol WorkflowStore: Sendable {
    /// The database file, for messages.
    var path: String { get }
    func placement(id: Int64) throws -> Placement?
    func placements(for key: OfferKey) throws -> [Placement]
    func placements(campaignID: String) throws -> [Placement]
    func campaign(id: String) throws -> Campaign?
    func offer(_ key: OfferKey) throws -> DemandOffer?
    func source(id: String) throws -> Source?
    func syncSettings() throws -> SyncSettings
    func platformConfig() throws -> PlatformConfig?
    func recordPlacements(_ changes: [(placement: Placement, events: [SyncEvent])], at date: Date) throws
    func recordEvents(_ events: [SyncEvent]) throws
    func changeCampaign(id: String, at date: Date, what: String, _ edit: (inout Campaign) throws -> Void) throws -> Campaign
    /// A queued action's last write: the same, finishing the action (`completing`) in its transaction.
    func recordPlacements(
        _ changes: [(placement: Placement, events: [SyncEvent])], at date: Date,
        completing: OperatorActionCompletion?) throws
    func recordEvents(_ events: [SyncEvent], at date: Date, completing: OperatorActionCompletion?) throws
    func changeCampaign(
        id: String, at date: Date, what: String, completing: OperatorActionCompletion?,
        _ edit: (inout Campaign) throws -> Void
    ) throws -> Campaign
    /// `source delete`: false when there is no such source.
    func archiveSource(id: String, at date: Date, completing: OperatorActionCompletion?) throws -> Bool

    func acquireSyncLease(pid: Int32, host: String, now: Date, staleAfter: TimeInterval) throws -> SyncLeaseHolder?
    func releaseSyncLease(pid: Int32, host: String) throws
    func syncLeaseHolder() throws -> SyncLeaseHolder?
}

extension WorkspaceStore: WorkflowStore {}

extension WorkflowStore {
    public func acquireSyncLease(pid: Int32, host: String, now: Date) throws -> SyncLeaseHolder? {
        try acquireSyncLease(pid: pid, host: host, now: now, staleAfter: WorkspaceStore.syncLeaseStaleAfter)
    }
}
