import Foundation

/// The sync engine after a source's store phase: plan → observe → push over the placements of one
/// source (ARCHITECTURE.md, "The sync engine"; the rules in `PlacementPlanner` and `ExclusionJudge`).
///
/// 1. Plan (match): the active campaigns' placements of the source are loaded, with a new `pending`
///    placement for every newly matched offer in the feed (stored by the push, as its create is sent).
/// 2. Observe: the platform offers of the placements in play are read back in batches; one deleted,
///    detached or disabled by hand is excluded (with its event) before anything is pushed. A placement
///    whose create may have been lost is first looked up by external offer id and adopts what it finds.
///    The first time a campaign's placements of the source meet a platform, the platform's offers of
///    its advertiser are listed once and its new placements adopt those a lost workspace made
///    (`ExistingOfferAdoption`; recorded in `PlatformInventoryRecord` so later runs skip the listing).
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
    /// Push results recorded per transaction (and progress reported as often): fewer commits of more
    /// rows write fewer pages in all.
    var recordBatchSize = 1000
    /// Offers its campaigns cover but do not match, not read again while they stay as judged.
    public let unmatchedOffers = UnmatchedOffers()

    public init(store: WorkspaceStore, platform: any Platform, clock: any SyncClock = SystemClock(), concurrency: Int = 8) {
        self.store = store; self.platform = platform; self.clock = clock; self.concurrency = max(1, concurrency)
    }

    // MARK: - Entry points

    /// `FeedReconciler`: called by `SourceSync` after the source's fetch was stored.
    public func reconcile(run: SyncRun, source: Source, fetched: [DemandOffer],
                          progress: @escaping @Sendable (SyncProgress) -> Void) async -> ReconcileOutcome {
        var current = run
        let report: @Sendable (SyncPhase, SyncProgress.Step, String) -> Void = { [current] phase, step, message in
            progress(SyncProgress(sourceID: source.id, runID: current.id, phase: phase, step: step, counts: current.counts,
                                  message: message))
        }
        return await reconcile(source: source, runID: run.id, fetched: fetched, report: report) { phase in
            current.phase = phase
            let recorded = current
            try? await store.pool.write { db in try WorkspaceStore.updateRun(recorded, db: db) }
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
            outcomes[source.id] = await reconcile(source: source, runID: nil, fetched: [], report: report, phaseChanged: { _ in })
        }
        return outcomes
    }

    /// One pass over one source's placements; `fetched`: the offers its fetch just stored, if any.
    func reconcile(source: Source, runID: Int64?, fetched: [DemandOffer], report: @escaping @Sendable (SyncPhase, SyncProgress.Step, String) -> Void,
                   phaseChanged: (SyncPhase) async -> Void) async -> ReconcileOutcome {
        var outcome = ReconcileOutcome()
        let now = clock.now()
        let events = ReconcilerEvents(at: now, runID: runID, sourceID: source.id)

        // Plan: load and match.
        report(.plan, .started, "matching offers of \(source.id) to campaigns")
        let settings: SyncSettings
        var works: [PlacementWork]
        var load: PlanLoad
        let inputs: PlanInputs
        let inventoryCampaigns: Set<String>
        do {
            settings = try store.syncSettings()
            (load, inputs) = try await loadWork(source: source, fetched: fetched)
            works = load.works
            load.works = []  // one owner: observe's writes to the works must not copy them all
            let record = try await store.platformInventoryRecord() ?? PlatformInventoryRecord(platform: platform.identity)
            inventoryCampaigns = source.isArchived ? []
                : record.campaignsToInventory(inputs.campaigns.map(\.id), sourceID: source.id, platform: platform.identity)
        } catch {
            report(.plan, .failed, "reading the store failed: \(error)")
            return ReconcileOutcome(status: .failed, error: "reading the store for the plan failed: \(error)")
        }
        let pending = works.filter { $0.placement.platformOfferID == nil && $0.placement.state != .excluded }.count
        report(.plan, .finished, "\(works.count + load.settled.count) placements, \(load.settled.count) in step since their "
               + "last run, \(pending) not in the platform yet")

        // Observe.
        await phaseChanged(.observe)
        var observer = PlacementObserver(store: store, platform: platform, concurrency: concurrency, batchSize: observeBatchSize)
        observer.inventoryCampaigns = inventoryCampaigns
        report(.observe, .started, "reading back the platform's offers")
        let observed = await observer.observe(&works, settled: load.settled, now: now, events: events) { ids in
            try await loadWork(placementIDs: ids, inputs: inputs)
        }
        outcome.excluded += observed.excluded
        outcome.adopted += observed.adopted + observed.adoptedExisting
        do {
            try await PlacementChange.write(observed.changes, store: store, at: now)
            if let inventoried = observed.inventoried {
                // Only once what it decided is stored: a run killed before takes the inventory again.
                try await store.recordInventoryTaken(campaignIDs: inventoried, sourceID: source.id, platform: platform.identity)
            }
        } catch {
            report(.observe, .failed, "recording what observe saw failed: \(error)")
            return ReconcileOutcome(excluded: 0, status: .failed, error: "recording what observe saw failed: \(error)")
        }
        if let failure = observed.failure {
            outcome.error = failure
        }
        report(.observe, .finished, "\(observed.read) read back, \(observed.excluded) excluded, \(observed.adopted) found by external id, "
               + "\(observed.adoptedExisting) already in the platform adopted, \(observed.ambiguous) left alone (ambiguous)")

        // Plan each placement, then push.
        await phaseChanged(.push)
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
        let writes = planned.count
        report(.push, .started, "\(writes) writes to the platform")
        // Handed over, not shared: the push stores new placements' ids in it, which would copy every work.
        let pushed = await pusher.push(consume planned, now: now, events: events) { done in
            report(.push, .advanced, "\(done) of \(writes) writes")
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
        let counts = "\(outcome.created) created, \(outcome.adopted) adopted, \(outcome.updated) updated, \(outcome.paused) paused, "
            + "\(outcome.excluded) excluded, \(outcome.failed) failed"
        // A failed push leads with its cause ("recording the writes failed: disk full"), then the counts.
        report(.push, outcome.status == .failed ? .failed : .finished,
               outcome.status == .failed ? "\(outcome.error ?? "failed") (\(counts))" : counts)
        return outcome
    }

    // MARK: - Plan (load and match)

    /// The source's placements of active campaigns, with a new `pending` placement for every offer in
    /// the feed that an active campaign matches and has no placement for. The new ones are not stored
    /// here: the push stores them as their creates are sent, marked attempted in that same write.
    ///
    /// A light pass over the placements comes first: a settled one (live, its offer in the feed, its
    /// `PlanFingerprint` unchanged since it was left in step, no drift or error) is not decoded or
    /// planned, only confirmed by observe. The others and the new matches are read in full; an offer
    /// a campaign was found not to match is not read again until it or the campaign changes.
    ///
    /// Everything is read in one read transaction (asynchronously: no thread waits on the reader
    /// pool), so decoding a source's offers and placements never holds the workspace's single writer
    /// while other sources store their feeds. Only this source's run adds its placements, and the
    /// table's uniqueness refuses a duplicate if that changed.
    ///
    /// An offer `fetched` holds with the content hash stored for it is taken from there: the plan
    /// reads nothing but its content (and the store has just written it from that very value).
    func loadWork(source: Source, fetched: [DemandOffer] = []) async throws -> (load: PlanLoad, inputs: PlanInputs) {
        let (found, unplaced, inputs) = try await store.read { db -> (PlanLoad, [(campaignID: String, key: OfferKey, offer: Shared<DemandOffer?>)], PlanInputs) in
            let inputs = PlanInputs(campaigns: try WorkspaceStore.campaigns(includeDeleted: false, db: db).filter(\.isActive),
                                    source: source)
            guard !inputs.campaigns.isEmpty else { return (PlanLoad(), [], inputs) }
            var load = PlanLoad()
            var toPlan = Set<Int64>()
            var wanted = Set<String>()
            var storedHash: [String: String] = [:]  // of the wanted offers
            var placed: [String: Set<String>] = [:]  // external ids placed, by campaign id
            let digests = try WorkspaceStore.placementDigests(sourceID: source.id, db: db)
            for digest in digests where inputs.isActive(campaignID: digest.campaignID) {
                placed[digest.campaignID, default: []].insert(digest.externalID)
                // Excluded for ever (rules 3-4): it only keeps its campaign from placing the offer again.
                guard !digest.isExcluded else { continue }
                let fingerprint = inputs.fingerprint(campaignID: digest.campaignID, offerContentHash: digest.offerContentHash)
                if !source.isArchived, let state = digest.settledState(fingerprint: fingerprint) {
                    load.settled[digest.id] = state
                } else {
                    toPlan.insert(digest.id)
                    wanted.insert(digest.externalID)
                    storedHash[digest.externalID] = digest.offerContentHash
                }
            }
            // By index into `covering`: a campaign copied per candidate showed at 100k offers.
            var candidates: [(campaign: Int, externalID: String, fingerprint: String?)] = []
            let covering = source.isArchived ? [] : inputs.campaigns.filter {
                $0.sources.contains(source.id) || $0.offers.contains(where: { $0.sourceID == source.id })
            }
            if !covering.isEmpty {
                for (externalID, contentHash) in try WorkspaceStore.offersInFeed(sourceID: source.id, db: db) {
                    for (index, campaign) in covering.enumerated() where placed[campaign.id]?.contains(externalID) != true {
                        let fingerprint = inputs.fingerprint(campaignID: campaign.id, offerContentHash: contentHash)
                        let key = OfferKey(sourceID: source.id, externalID: externalID)
                        guard !unmatchedOffers.isKnown(campaignID: campaign.id, key, fingerprint: fingerprint) else { continue }
                        candidates.append((index, externalID, fingerprint))
                        wanted.insert(externalID)
                        storedHash[externalID] = contentHash
                    }
                }
            }
            // Each offer boxed once: every work of it shares the box.
            var offerByID: [String: Shared<DemandOffer?>] = [:]
            offerByID.reserveCapacity(wanted.count)
            for offer in fetched where storedHash[offer.key.externalID] == offer.contentHash {
                offerByID[offer.key.externalID] = Shared(offer)
                wanted.remove(offer.key.externalID)
            }
            for offer in try WorkspaceStore.offersToPlan(sourceID: source.id, externalIDs: wanted, db: db) {
                offerByID[offer.key.externalID] = Shared(offer)
            }
            let noOffer = Shared<DemandOffer?>(nil)
            load.works = try WorkspaceStore.placements(sourceID: source.id, ids: toPlan, total: digests.count, db: db)
                .compactMap { inputs.work($0, offer: offerByID[$0.offerKey.externalID] ?? noOffer) }
            var unplaced: [(campaignID: String, key: OfferKey, offer: Shared<DemandOffer?>)] = []
            var unmatched: [(campaignID: String, key: OfferKey, fingerprint: String)] = []
            for candidate in candidates {
                guard let shared = offerByID[candidate.externalID], let offer = shared.value else { continue }
                let campaign = covering[candidate.campaign]
                if CampaignMatcher.verdict(campaign, offer).isMatch {
                    unplaced.append((campaign.id, offer.key, shared))
                } else if let fingerprint = candidate.fingerprint {
                    unmatched.append((campaign.id, offer.key, fingerprint))
                }
            }
            unmatchedOffers.record(unmatched: unmatched, matched: unplaced.map { ($0.campaignID, $0.key) })
            return (load, unplaced, inputs)
        }
        guard !unplaced.isEmpty else { return (found, inputs) }
        var load = consume found  // one owner: appending must not copy every work
        // Not stored yet: the push stores them as their creates are sent, marked attempted in the same write.
        load.works += unplaced.compactMap { item in
            inputs.work(Placement(campaignID: item.campaignID, offerKey: item.key, state: .pending), offer: item.offer)
        }
        return (load, inputs)
    }

    /// Settled placements whose platform offer turned out different: read in full for the full path.
    func loadWork(placementIDs: Set<Int64>, inputs: PlanInputs) async throws -> [PlacementWork] {
        guard !placementIDs.isEmpty else { return [] }
        return try await store.read { db in
            let placements = try WorkspaceStore.placements(sourceID: inputs.source.id, ids: placementIDs, total: nil, db: db)
            let offers = try WorkspaceStore.offersToPlan(sourceID: inputs.source.id,
                                                         externalIDs: Set(placements.map(\.offerKey.externalID)), db: db)
            let offerByID = Dictionary(offers.map { ($0.key.externalID, Shared<DemandOffer?>($0)) }, uniquingKeysWith: { first, _ in first })
            let noOffer = Shared<DemandOffer?>(nil)
            return placements.compactMap { inputs.work($0, offer: offerByID[$0.offerKey.externalID] ?? noOffer) }
        }
    }

    /// The record of a plan that writes nothing to the platform: a change of state or flag (with its
    /// event), or nil when nothing changed at all (an unchanged feed writes nothing).
    static func changeWithoutWrite(_ work: PlacementWork, _ plan: PlacementPlan, events: ReconcilerEvents,
                                   outcome: inout ReconcileOutcome) -> PlacementChange? {
        // A new match is stored with its create; one without a create is simply matched again next run.
        guard work.placement.id != nil else { return nil }
        var placement = work.placement
        placement.state = plan.state
        placement.outOfFilter = plan.outOfFilter
        placement.reason = PlacementPusher.storedReason(plan)
        if plan.state == .live, !plan.outOfFilter, placement.platformOfferID != nil, let fingerprint = work.fingerprint {
            // In step with these inputs: the next run can skip it while they and the platform stay as they are.
            placement.lastPushedHash = fingerprint
        }
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
