/// The phases after the store phase of a run: plan, observe and push (the sync engine implements it).
///
/// Called once per run after the source's fetch was stored successfully, with the run as recorded
/// so far and the offers the fetch returned (stored now: a reconciler may plan from them rather than
/// decode them from the store again). It posts its own phases' progress, updates the run's phase in
/// the store as it goes if it wants it shown, and returns its counts; the caller records the run's end.
public protocol FeedReconciler: Sendable {
    func reconcile(
        run: SyncRun, source: Source, fetched: [DemandOffer],
        progress: @escaping @Sendable (SyncProgress) -> Void
    ) async -> ReconcileOutcome

    /// Reconciles the placements of deleted (archived) sources, which are no longer fetched (rule 6).
    /// Called once per sync round over every source; outcomes by source id.
    func reconcileArchivedSources(progress: @escaping @Sendable (SyncProgress) -> Void) async -> [String: ReconcileOutcome]
}

extension FeedReconciler {
    /// A reconciler that keeps no placements has nothing to do for deleted sources.
    public func reconcileArchivedSources(progress: @escaping @Sendable (SyncProgress) -> Void) async -> [String: ReconcileOutcome] {
        [:]
    }
}
