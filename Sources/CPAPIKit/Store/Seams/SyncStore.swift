import Foundation

/// What the sync engine needs of the store: one source's run (fetch → store → match → observe → plan →
/// push), the schedule and the workspace's sync lease. `WorkspaceStore` (SQLite) implements it; a
/// second store implements this, `WorkflowStore`, `ActionQueueStore`, `ConsoleStore`, `ConfigStore`
/// and `LocalPlatformStore`. Every method is one transaction or one consistent read.
public protocol SyncStore: SyncLeaseStore {
    /// Where the workspace is, for messages.
    var path: String { get }
    func syncSettings() throws -> SyncSettings
    func sources(includeArchived: Bool) throws -> [Source]
    func source(id: String) throws -> Source?
    /// Throws when the workspace went away under the process (its file removed or replaced).
    func checkPresent() throws(WorkspaceProblem)

    // The lease: one syncing process per workspace.
    func acquireSyncLease(pid: Int32, host: String, now: Date, staleAfter: TimeInterval) throws -> SyncLeaseHolder?
    func renewSyncLease(pid: Int32, host: String, now: Date) async throws -> Bool
    func releaseSyncLease(pid: Int32, host: String) throws
    func syncLeaseHolder() throws -> SyncLeaseHolder?
    /// The holder's live status for other processes' consoles (`SyncStatusPublisher`): written only while
    /// the lease names its publisher (false otherwise), removed when the lease is given back.
    func publishSyncStatus(_ status: SyncLiveStatus) async throws -> Bool
    func clearSyncStatus(pid: Int32, host: String) async throws

    // A run and its source.
    func closeInterruptedRuns(at date: Date) throws -> [SyncRun]
    func beginRun(_ run: SyncRun) async throws -> SyncRun
    func recordRun(_ run: SyncRun, events: [SyncEvent]) async throws
    func markSourceInvalid(id: String, failure: FetchFailure) async throws
    /// The entries of the source's feed a fetch may pass over unparsed (`FetchRequest.knownEntries`).
    func knownEntries(sourceID: String) async throws -> [Int64: String]
    /// The store phase: a fetch's offers upserted (nothing written for an unchanged one), missing marking.
    func storeFetch(
        sourceID: String, result: FetchResult, policy: MissingMarkingPolicy,
        runID: Int64?, startedAt: Date, now: Date
    ) async throws -> FeedStoreOutcome

    // Match, observe, plan, push.
    func readSnapshot<T: Sendable>(_ body: @escaping @Sendable (any SyncSnapshot) throws -> T) async throws -> T
    func placementsHolding(platformOfferIDs ids: [Int]) async throws -> [Int: Int64]
    func insertPendingPlacements(_ pairs: [(campaignID: String, key: OfferKey)], at date: Date) async throws -> [Placement]
    func recordCreatesAttempted(
        placementIDs: [Int64], newMatches: [(campaignID: String, key: OfferKey)],
        at date: Date
    ) async throws -> [Placement]
    func recordPlacementChanges(_ changes: [PlacementChange], at date: Date) async throws
    func platformInventoryRecord() async throws -> PlatformInventoryRecord?
    func recordInventoryTaken(campaignIDs: Set<String>, sourceID: String, platform: String) async throws
}

extension WorkspaceStore: SyncStore {}

extension SyncStore {
    public func sources() throws -> [Source] { try sources(includeArchived: false) }
    public func recordRun(_ run: SyncRun) async throws { try await recordRun(run, events: []) }
}
