import Foundation

/// The sync engine after a source's store phase: match → observe → plan → push over the placements of
/// one source, each phase a file of `Phases/` (docs/RULES.md maps the rules to the functions deciding them).
///
/// 1. Match (`MatchPhase`): the active campaigns' placements of the source are loaded, with a new `pending`
///    placement for every newly matched offer in the feed (stored by the push, as its create is sent).
/// 2. Observe (`ObservePhase`): the platform offers of the placements in play are read back in batches; one deleted,
///    detached or disabled by hand is excluded (with its event) before anything is pushed. A placement
///    whose create may have been lost is first looked up by external offer id and adopts what it finds.
///    The first time a campaign's placements of the source meet a platform, the platform's offers of
///    its advertiser are listed once and its new placements adopt those a lost workspace made
///    (`ExistingOfferAdoption`; recorded in `PlatformInventoryRecord` so later runs skip the listing).
/// 3. Plan (`PlanPhase`, `PlacementPlanner`): each placement's write, or the change of state it needs.
/// 4. Push (`PushPhase`): each placement's plan is applied with bounded concurrency (status-only changes batched into
///    mass updates). Every result is recorded on the placement with its events in one transaction.
///
/// Level-triggered and idempotent: a run re-derives everything from the store and the platform, so an
/// interrupted run is finished by the next one, without duplicates. Placements of disabled or deleted
/// campaigns are not even read (frozen).
public struct Reconciler: FeedReconciler {
    public let store: any SyncStore
    public let platform: any Platform
    public let clock: any SyncClock
    /// Platform calls in flight at once (the platform's `concurrency`).
    public let concurrency: Int
    /// Offer ids per observe read (Affise lists at most 500 a page).
    public var observeBatchSize = 500
    /// Offers per mass status update.
    public var statusBatchSize = 100
    /// Push results recorded per transaction (and progress reported as often): fewer commits of more
    /// rows write fewer pages in all.
    var recordBatchSize = 1000
    /// Offers its campaigns cover but do not match, not read again while they stay as judged.
    public let unmatchedOffers = UnmatchedOffers()

    public init(store: any SyncStore, platform: any Platform, clock: any SyncClock = SystemClock(), concurrency: Int = 8) {
        self.store = store; self.platform = platform; self.clock = clock; self.concurrency = max(1, concurrency)
    }

    // MARK: - Entry points

    /// `FeedReconciler`: called by `SourceSync` after the source's fetch was stored.
    public func reconcile(
        run: SyncRun, source: Source, fetched: [DemandOffer],
        progress: @escaping @Sendable (SyncProgress) -> Void
    ) async -> ReconcileOutcome {
        var current = run
        let report = ReconcileReport { [current] phase, step, message, tally in
            progress(
                SyncProgress(
                    sourceID: source.id, runID: current.id, phase: phase, step: step, counts: current.counts,
                    done: tally?.done, total: tally?.total, message: message))
        }
        return await reconcile(source: source, runID: run.id, fetched: fetched, report: report) { phase in
            current.phase = phase
            let recorded = current
            try? await store.recordRun(recorded)
        }
    }

    /// Reconciles the placements of every archived source (rule 6: paused once `missing_grace` has
    /// passed since the source was deleted). The coordinator fetches only live sources, so call this
    /// once per sync round. Outcomes by source id; sources without placements are skipped.
    public func reconcileArchivedSources(progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }) async -> [String: ReconcileOutcome] {
        let archived: [Source]
        do {
            archived = try store.sources(includeArchived: true).filter(\.isArchived)
        } catch {
            return [:]
        }
        var outcomes: [String: ReconcileOutcome] = [:]
        for source in archived {
            let report = ReconcileReport { phase, step, message, tally in
                progress(
                    SyncProgress(
                        sourceID: source.id, runID: nil, phase: phase, step: step, done: tally?.done,
                        total: tally?.total, message: message))
            }
            outcomes[source.id] = await reconcile(source: source, runID: nil, fetched: [], report: report, phaseChanged: { _ in })
        }
        return outcomes
    }

    /// A store error in words (a damaged workspace named as such, in one line).
    private func words(_ error: any Error) -> String {
        WorkspaceInspection.words(for: error, storePath: store.path)
    }

    /// One pass over one source's placements; `fetched`: the offers its fetch just stored, if any.
    func reconcile(
        source: Source, runID: Int64?, fetched: [DemandOffer], report: ReconcileReport,
        phaseChanged: (SyncPhase) async -> Void
    ) async -> ReconcileOutcome {
        var outcome = ReconcileOutcome()
        let now = clock.now()
        let events = ReconcilerEvents(at: now, runID: runID, sourceID: source.id)

        // Match: the placements in play, and a new pending placement for each new match.
        await phaseChanged(.match)
        report(.match, .started, "matching offers of \(source.id) to campaigns")
        let match = MatchPhase(store: store, unmatchedOffers: unmatchedOffers)
        let settings: SyncSettings
        var works: [PlacementWork]
        var load: PlanLoad
        let inputs: PlanInputs
        let inventoryCampaigns: Set<String>
        do {
            settings = try store.syncSettings()
            (load, inputs) = try await match.run(source: source, fetched: fetched)
            works = load.works
            load.works = []  // one owner: observe's writes to the works must not copy them all
            let record = try await store.platformInventoryRecord() ?? PlatformInventoryRecord(platform: platform.identity)
            inventoryCampaigns =
                source.isArchived
                ? []
                : record.campaignsToInventory(inputs.campaigns.map(\.id), sourceID: source.id, platform: platform.identity)
        } catch {
            report(.match, .failed, "reading the store failed: \(words(error))")
            return ReconcileOutcome(status: .failed, error: "reading the store to match offers failed: \(words(error))")
        }
        let pending = works.filter { $0.placement.platformOfferID == nil && $0.placement.state != .excluded }.count
        report(
            .match, .finished,
            "\(works.count + load.settled.count) placements, \(load.settled.count) in step since their "
                + "last run, \(pending) not in the platform yet")

        // Observe: read back the platform's offers; exclusions by hand, lost creates, adoptions.
        await phaseChanged(.observe)
        var observer = ObservePhase(store: store, platform: platform, concurrency: concurrency, batchSize: observeBatchSize)
        observer.inventoryCampaigns = inventoryCampaigns
        report(.observe, .started, "reading back the platform's offers")
        let observed = await observer.observe(&works, settled: load.settled, now: now, events: events) { ids in
            try await match.reload(placementIDs: ids, inputs: inputs)
        }
        outcome.excluded += observed.excluded
        outcome.adopted += observed.adopted + observed.adoptedExisting
        do {
            try await store.recordPlacementChanges(observed.changes, at: now)
            if let inventoried = observed.inventoried {
                // Only once what it decided is stored: a run killed before takes the inventory again.
                try await store.recordInventoryTaken(campaignIDs: inventoried, sourceID: source.id, platform: platform.identity)
            }
        } catch {
            report(.observe, .failed, "recording what observe saw failed: \(words(error))")
            return ReconcileOutcome(excluded: 0, status: .failed, error: "recording what observe saw failed: \(words(error))")
        }
        if let failure = observed.failure {
            outcome.error = failure
        }
        report(
            .observe, .finished,
            "\(observed.read) read back, \(observed.excluded) excluded, \(observed.adopted) found by external id, "
                + "\(observed.adoptedExisting) already in the platform adopted, \(observed.ambiguous) left alone (ambiguous)")

        // Plan: each placement's write, or the change of state it needs without one.
        await phaseChanged(.plan)
        report(.plan, .started, "planning \(works.count) placements")
        let (planned, quiet) = PlanPhase.plan(works, source: source, settings: settings, now: now, events: events, outcome: &outcome)
        works = []
        do {
            try await store.recordPlacementChanges(quiet, at: now)
        } catch {
            report(.plan, .failed, "recording the plan failed: \(words(error))")
            return ReconcileOutcome(status: .failed, error: "recording the plan failed: \(words(error))")
        }
        report(.plan, .finished, "\(planned.count) writes to the platform, \(quiet.count) changes without one")

        // Push: the writes, with bounded concurrency; each result recorded with its events.
        await phaseChanged(.push)
        let pusher = PushPhase(
            store: store, platform: platform, concurrency: concurrency,
            statusBatchSize: statusBatchSize, recordBatchSize: recordBatchSize)
        let writes = planned.count
        report(.push, .started, "\(writes) writes to the platform", tally: (0, writes))
        // Handed over, not shared: the push stores new placements' ids in it, which would copy every work.
        let pushed = await pusher.push(consume planned, now: now, events: events) { done in
            report(.push, .advanced, "\(done) of \(writes) writes", tally: (done, writes))
        }
        outcome.created += pushed.created
        outcome.updated += pushed.updated
        outcome.paused += pushed.paused
        outcome.excluded += pushed.excluded
        outcome.failed += pushed.failed + observed.failed
        if let failure = pushed.recordFailure {
            outcome.status = .failed
            outcome.error = "recording the writes failed: \(failure)"
        } else if let refusal = pushed.credentialsRefused ?? observed.credentialsRefused {
            // Nothing will work until the key is fixed: a failure, not a partial run retried quietly.
            outcome.status = .failed
            outcome.error = "the platform refused the API key (\(refusal)); \(outcome.failed) writes or reads failed"
        } else if writes > 0 && pushed.succeeded == 0 && pushed.failed > 0 {
            outcome.status = .failed
            outcome.error = "every write failed (\(writes)), the first: " + (pushed.firstError ?? "unknown")
        } else if outcome.failed > 0 || outcome.error != nil {
            outcome.status = .partial
            outcome.error = outcome.error ?? pushed.firstError.map { "\(outcome.failed) writes failed, the first: \($0)" }
        }
        let counts =
            "\(outcome.created) created, \(outcome.adopted) adopted, \(outcome.updated) updated, \(outcome.paused) paused, "
            + "\(outcome.excluded) excluded, \(outcome.failed) failed"
        // A failed push leads with its cause ("recording the writes failed: disk full"), then the counts.
        report(
            .push, outcome.status == .failed ? .failed : .finished,
            outcome.status == .failed ? "\(outcome.error ?? "failed") (\(counts))" : counts)
        return outcome
    }
}
