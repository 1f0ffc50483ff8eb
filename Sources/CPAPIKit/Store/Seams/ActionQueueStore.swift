import Foundation

/// What the operator's action queue needs of the store (`OperatorActionQueue`): any process accepts an
/// action in one transaction; the sync lease's holder claims queued ones (only while it holds the
/// lease, checked in the claim's own transaction) and records how each ended.
public protocol ActionQueueStore: SyncLeaseStore {
    func enqueueOperatorAction(_ request: OperatorActionRequest, requestedBy: String, at date: Date) throws -> OperatorActionRecord
    func operatorAction(id: Int64) throws -> OperatorActionRecord?
    func operatorActions(limit: Int) throws -> [OperatorActionRecord]
    /// A read: whether an action is queued, or left running by a process other than `holder`.
    func hasClaimableOperatorActions(holder: String) async throws -> Bool
    /// Queued actions (only `id` when given), and those left running by another process, become
    /// running for `pid`@`host`, oldest first; none unless it holds the sync lease.
    func claimOperatorActions(pid: Int32, host: String, id: Int64?, limit: Int, at date: Date) async throws -> [OperatorActionRecord]
    /// False when the action was not running for that holder (finished already, or taken over).
    @discardableResult
    func finishOperatorAction(_ completion: OperatorActionCompletion, at date: Date) throws -> Bool
    /// A queued action given up (`--timeout` passed before any holder claimed it): failed with `reason`;
    /// false when it was no longer queued.
    func cancelQueuedOperatorAction(id: Int64, reason: String, at date: Date) throws -> Bool
}

/// The workspace's sync lease alone (`SyncLeaseKeeper`, and whoever takes the lease to apply actions).
public protocol SyncLeaseStore: Sendable {
    func acquireSyncLease(pid: Int32, host: String, now: Date, staleAfter: TimeInterval) throws -> SyncLeaseHolder?
    func renewSyncLease(pid: Int32, host: String, now: Date) async throws -> Bool
    func releaseSyncLease(pid: Int32, host: String) throws
    func syncLeaseHolder() throws -> SyncLeaseHolder?
}

extension SyncLeaseStore {
    public func acquireSyncLease(pid: Int32, host: String, now: Date) throws -> SyncLeaseHolder? {
        try acquireSyncLease(pid: pid, host: host, now: now, staleAfter: WorkspaceStore.syncLeaseStaleAfter)
    }
}

extension WorkspaceStore: ActionQueueStore {}
