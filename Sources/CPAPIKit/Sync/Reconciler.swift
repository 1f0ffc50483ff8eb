import Foundation

/// The sync engine after a source's store phase: plan → observe → push over the placements of one
/// source (ARCHITECTURE.md, "The sync engine"; the rules in `PlacementPlanner` and `ExclusionJudge`).
///
/// 1. Plan (match): the active campaigns' placements of the source are loaded; a `pending` placement
///    is recorded for every newly matched offer in the feed.
/// 2. Observe: the platform offers of the placements in play are read back in batches; one deleted,
///    detached or disabled by hand is excluded (with its event) before anything is pushed. A placement
///    whose create may have been lost is first looked up by external offer id and adopts what it finds.
/// 3. Push: each placement's plan is applied with bounded concurrency (status-only changes batched into
///    mass updates). Every result is recorded on the placement with its events in one transaction.
///
/// Level-triggered and idempotent: a run re-derives everything from the store and the platform, so an
/// interrupted run is finished by the next one, without duplicates. Placements of disabled or deleted
/// campaigns are not even read (frozen).
public struct Reconciler: FeedReconciler {
    public let store: WorkspaceStore
    public let platform: any Platform
    public let clock: any SyncClock
    /// Platform calls in flight at once (the platform's `concurrency`).
    public let concurrency: Int
    /// Offer ids per observe read (Affise lists at most 500 a page).
    public var observeBatchSize = 500
    /// Offers per mass status update.
    public var statusBatchSize = 100
    /// Push results recorded per transaction.
    var recordBatchSize = 256

    public init(store: WorkspaceStore, platform: any Platform, clock: any SyncClock = SystemClock(), concurrency: Int = 8) {
        self.store = store; self.platform = platform; self.clock = clock; self.concurrency = max(1, concurrency)
    }

    // MARK: - Entry points

    /// `FeedReconciler`: called by `SourceSync` after the source's fetch was stored.
    public func reconcile(run: SyncRun, source: Source, progress: @escaping @Sendable (SyncProgress) -> Void) async -> ReconcileOutcome {
        var current = run
        let report: @Sendable (SyncPhase, SyncProgress.Step, String) -> Void = { [current] phase, step, message in
            progress(SyncProgress(sourceID: source.id, runID: current.id, phase: phase, step: step, counts: current.counts,
                                  message: message))
        }
        return await reconcile(source: source, runID: run.id, report: report) { phase in
            current.phase = phase
            try? store.updateRun(current)
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
            let report: @Sendable (SyncPhase, SyncProgress.Step, String) -> Void = { phase, step, message in
                progress(SyncProgress(sourceID: source.id, runID: nil, phase: phase, step: step, message: message))
            }
            outcomes[source.id] = await reconcile(source: source, runID: nil, report: report, phaseChanged: { _ in })
        }
        return outcomes
    }

    /// One pass over one source's placements.
    func reconcile(source: Source, runID: Int64?, report: @escaping @Sendable (SyncPhase, SyncProgress.Step, String) -> Void,
                   phaseChanged: (SyncPhase) -> Void) async -> ReconcileOutcome {
        var outcome = ReconcileOutcome()
        let now = clock.now()
        let events = ReconcilerEvents(at: now, runID: runID, sourceID: source.id)

        // Plan: load and match.
        report(.plan, .started, "matching offers of \(source.id) to campaigns")
        let settings: SyncSettings
        var works: [PlacementWork]
        do {
            settings = try store.syncSettings()
            works = try await loadWork(source: source, now: now)
        } catch {
            report(.plan, .failed, "reading the store failed: \(error)")
            return ReconcileOutcome(status: .failed, error: "reading the store for the plan failed: \(error)")
        }
        let pending = works.filter { $0.placement.platformOfferID == nil && $0.placement.state != .excluded }.count
        report(.plan, .finished, "\(works.count) placements, \(pending) not in the platform yet")

        // Observe.
        phaseChanged(.observe)
        let observer = PlacementObserver(store: store, platform: platform, concurrency: concurrency, batchSize: observeBatchSize)
        report(.observe, .started, "reading back the platform's offers")
        let observed = await observer.observe(&works, now: now, events: events)
        outcome.excluded += observed.excluded
        do {
            try await PlacementChange.write(observed.changes, store: store, at: now)
        } catch {
            report(.observe, .failed, "recording what observe saw failed: \(error)")
            return ReconcileOutcome(excluded: 0, status: .failed, error: "recording what observe saw failed: \(error)")
        }
        if let failure = observed.failure {
            outcome.error = failure
        }
        report(.observe, .finished, "\(observed.read) read back, \(observed.excluded) excluded, \(observed.adopted) found by external id")

        // Plan each placement, then push.
        phaseChanged(.push)
        let pusher = PlacementPusher(store: store, platform: platform, concurrency: concurrency,
                                     statusBatchSize: statusBatchSize, recordBatchSize: recordBatchSize)
        var planned: [(work: PlacementWork, plan: PlacementPlan)] = []
        var quiet: [PlacementChange] = []
        for work in works where work.skipped == nil && work.placement.state != .excluded {
            let desired = work.offer.map {
                DesiredOfferBuilder.desired(campaign: work.campaign, offer: $0, trackingParams: source.config.trackingParams)
            }
            let plan = PlacementPlanner.plan(campaign: work.campaign, offer: work.offer, placement: work.placement,
                                             desired: desired, settings: settings, now: now, source: source.state)
            if plan.write != nil {
                planned.append((work, plan))
            } else if let change = Self.changeWithoutWrite(work, plan, events: events, outcome: &outcome) {
                quiet.append(change)
            }
        }
        do {
            try await PlacementChange.write(quiet, store: store, at: now)
        } catch {
            report(.push, .failed, "recording the plan failed: \(error)")
            return ReconcileOutcome(status: .failed, error: "recording the plan failed: \(error)")
        }
        report(.push, .started, "\(planned.count) writes to the platform")
        let pushed = await pusher.push(planned, now: now, events: events) { done in
            report(.push, .advanced, "\(done) of \(planned.count) writes")
        }
        outcome.created += pushed.created
        outcome.updated += pushed.updated
        outcome.paused += pushed.paused
        outcome.excluded += pushed.excluded
        outcome.failed += pushed.failed + observed.failed
        if let failure = pushed.recordFailure {
            outcome.status = .failed
            outcome.error = "recording the writes failed: \(failure)"
        } else if outcome.failed > 0 || outcome.error != nil {
            outcome.status = .partial
            outcome.error = outcome.error ?? pushed.firstError.map { "\(outcome.failed) writes failed, the first: \($0)" }
        }
        report(.push, outcome.status == .failed ? .failed : .finished,
               "\(outcome.created) created, \(outcome.updated) updated, \(outcome.paused) paused, "
               + "\(outcome.excluded) excluded, \(outcome.failed) failed")
        return outcome
    }

    // MARK: - Plan (load and match)

    /// The source's placements of active campaigns, with a new `pending` placement for every offer in
    /// the feed that an active campaign matches and has no placement for (recorded in one transaction).
    ///
    /// Everything is read and matched in a read transaction (asynchronously: no thread waits on the
    /// reader pool), so decoding a source's offers and placements never holds the workspace's single
    /// writer while other sources store their feeds; only the new placements are written. Only this
    /// source's run adds its placements, and the table's uniqueness refuses a duplicate if that changed.
    func loadWork(source: Source, now: Date) async throws -> [PlacementWork] {
        let (found, unplaced) = try await store.read { db -> ([PlacementWork], [(Campaign, DemandOffer)]) in
            let campaigns = try WorkspaceStore.campaigns(includeDeleted: false, db: db).filter(\.isActive)
            guard !campaigns.isEmpty else { return ([], []) }
            let offers = try WorkspaceStore.offers(sourceID: source.id, db: db)
            var offerByKey: [OfferKey: DemandOffer] = [:]
            offerByKey.reserveCapacity(offers.count)
            for offer in offers { offerByKey[offer.key] = offer }
            let campaignByID = Dictionary(campaigns.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })

            var works: [PlacementWork] = []
            var placed = Set<String>()
            for placement in try WorkspaceStore.placements(sourceID: source.id, db: db) {
                guard let campaign = campaignByID[placement.campaignID] else { continue }
                placed.insert(Self.pairKey(campaign.id, placement.offerKey))
                works.append(PlacementWork(campaign: campaign, offer: offerByKey[placement.offerKey], placement: placement))
            }
            guard !source.isArchived else { return (works, []) }
            var unplaced: [(Campaign, DemandOffer)] = []
            for campaign in campaigns {
                let coversSource = campaign.sources.contains(source.id)
                guard coversSource || campaign.offers.contains(where: { $0.sourceID == source.id }) else { continue }
                for offer in offers where offer.inFeed && !placed.contains(Self.pairKey(campaign.id, offer.key)) {
                    guard CampaignMatcher.verdict(campaign, offer).isMatch else { continue }
                    unplaced.append((campaign, offer))
                }
            }
            return (works, unplaced)
        }
        guard !unplaced.isEmpty else { return found }
        let inserted = try await store.pool.write { db in
            var dates = DatabaseDates()
            return try unplaced.map { campaign, offer in
                PlacementWork(campaign: campaign, offer: offer, placement: try WorkspaceStore.insertPlacement(
                    Placement(campaignID: campaign.id, offerKey: offer.key, state: .pending), at: now, db: db, dates: &dates))
            }
        }
        return found + inserted
    }

    static func pairKey(_ campaignID: String, _ key: OfferKey) -> String {
        "\(campaignID)\u{1F}\(key.sourceID)\u{1F}\(key.externalID)"
    }

    /// The record of a plan that writes nothing to the platform: a change of state or flag (with its
    /// event), or nil when nothing changed at all (an unchanged feed writes nothing).
    static func changeWithoutWrite(_ work: PlacementWork, _ plan: PlacementPlan, events: ReconcilerEvents,
                                   outcome: inout ReconcileOutcome) -> PlacementChange? {
        var placement = work.placement
        placement.state = plan.state
        placement.outOfFilter = plan.outOfFilter
        placement.reason = PlacementPusher.storedReason(plan)
        guard placement != work.placement || work.observationChanged else { return nil }
        var recorded: [SyncEvent] = []
        if let kind = plan.event {
            recorded.append(events.event(kind, work, placement.platformOfferID, plan.reason))
        }
        if plan.state != work.placement.state, [.pausedMissing, .pausedSourceGone].contains(plan.state) {
            outcome.paused += 1
        }
        return PlacementChange(placement: placement, events: recorded)
    }
}
