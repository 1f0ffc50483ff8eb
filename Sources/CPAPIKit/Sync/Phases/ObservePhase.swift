import Foundation

/// The observe phase: reads back the platform offers of the placements in play, excludes those
/// deleted, detached or disabled by hand there (rules 3-4), finds by external offer id the offer
/// of a create whose answer was lost (rule 9) instead of letting the push create a second one, and
/// adopts the offers a lost workspace made (`ExistingOfferAdoption`) from the platform's inventory.
struct ObservePhase: Sendable {
    let store: any SyncStore
    let platform: any Platform
    let concurrency: Int
    let batchSize: Int
    /// Campaigns whose new placements are checked against the platform's inventory in this run (not
    /// yet checked on this platform and source: `PlatformInventoryRecord`).
    var inventoryCampaigns: Set<String> = []

    /// What observe did.
    struct Result: Sendable {
        /// Placements to record now: exclusions with their events, adoptions, changed observations.
        var changes: [PlacementChange] = []
        var read = 0
        var excluded = 0
        /// Lost creates found by external offer id.
        var adopted = 0
        /// Offers already in the platform (made by a lost workspace) taken over by new placements.
        var adoptedExisting = 0
        /// Placements neither adopted nor created because the offers in the platform cannot be told apart.
        var ambiguous = 0
        /// The campaigns whose new placements were checked against the platform's inventory, once
        /// the changes are written (nil when no inventory was taken or it failed).
        var inventoried: Set<String>?
        /// Placements left out of this run because their read failed.
        var failed = 0
        /// The first read failure, in words.
        var failure: String?
        /// The first read the platform refused for its credentials.
        var credentialsRefused: PlatformError?
    }

    /// Observes `works` and the `settled` placements (by row id, with the state that confirms each).
    /// A settled placement whose platform offer is not in that state is read in full with `reload`
    /// and observed like the others (appended to `works`).
    func observe(
        _ works: inout [PlacementWork], settled: [Int64: PlatformOfferState], now: Date, events: ReconcilerEvents,
        reload: @Sendable (Set<Int64>) async throws -> [PlacementWork]
    ) async -> Result {
        var result = Result()
        await lookUpLostCreates(&works, now: now, events: events, result: &result)
        // The adopted offers were just listed: their states are known without another read.
        let known = await adoptFromInventory(&works, now: now, events: events, result: &result)

        let inPlay = works.compactMap { $0.placement.state == .excluded ? nil : $0.placement.platformOfferID }
        let ids = Set(inPlay).union(settled.values.map(\.id)).subtracting(known.keys).sorted()
        var read = await states(of: ids)
        read.seen.merge(known) { listed, _ in listed }
        if let failure = read.failure { result.failure = failure }
        if let refusal = read.credentialsRefused { result.credentialsRefused = refusal }

        // Settled placements: confirmed, left out of this run (unreadable), or planned in full after all.
        var unsettled = Set<Int64>()
        for (placementID, expected) in settled {
            if read.unreadable.contains(expected.id) {
                result.failed += 1
            } else if read.seen[expected.id] == expected {
                result.read += 1
            } else {
                unsettled.insert(placementID)
            }
        }
        do {
            if !unsettled.isEmpty { works += try await reload(unsettled) }
        } catch {
            result.failed += unsettled.count
            if result.failure == nil { result.failure = "reading placements whose platform offer changed failed: \(error)" }
        }

        for index in works.indices where works[index].placement.platformOfferID != nil && works[index].placement.state != .excluded {
            var work = works[index]
            let id = work.placement.platformOfferID!
            if read.unreadable.contains(id) {
                work.skipped = result.failure
                result.failed += 1
                works[index] = work
                continue
            }
            result.read += 1
            let state = read.seen[id]
            if let reason = ExclusionJudge.exclusion(of: work.placement, observed: state) {
                work.placement.state = .excluded
                work.placement.reason = reason
                work.placement.excludedAt = now
                if let state {
                    work.placement.lastObserved = state.fields
                    work.placement.lastObservedAt = now
                }
                result.excluded += 1
                result.changes.append(
                    PlacementChange(
                        placement: work.placement,
                        events: [events.event(.excluded, work, id, "excluded for ever: \(reason)")]))
            } else if let state {
                // Only a drift from what the sync pushed is kept: a platform holding exactly what was
                // pushed needs no record, so a run over an unchanged feed and platform writes nothing.
                let drift = state == PlatformOfferState(id: id, pushed: work.placement.lastPushed) ? nil : state.fields
                if drift != work.placement.lastObserved {
                    work.placement.lastObserved = drift
                    work.placement.lastObservedAt = drift == nil ? nil : now
                    work.observationChanged = true
                } else if drift != nil {
                    // The same drift as last seen: fresh as of now for the plan, not rewritten in the store.
                    work.placement.lastObservedAt = now
                }
            }
            works[index] = work
        }
        return result
    }

    /// The platform offers' states in batches, at most `concurrency` batches in flight.
    private func states(of ids: [Int]) async
        -> (seen: [Int: PlatformOfferState], unreadable: Set<Int>, failure: String?, credentialsRefused: PlatformError?)
    {
        let batches = stride(from: 0, to: ids.count, by: batchSize).map { Array(ids[$0..<min($0 + batchSize, ids.count)]) }
        let platform = self.platform
        var seen: [Int: PlatformOfferState] = [:]
        seen.reserveCapacity(ids.count)
        var unreadable = Set<Int>()
        var failure: String?
        var credentialsRefused: PlatformError?
        func note(_ error: PlatformError, _ words: String) {
            if failure == nil { failure = words }
            if error.refusesCredentials && credentialsRefused == nil { credentialsRefused = error }
        }
        await ReconcilerJobs.run(
            batches, width: concurrency,
            { (batch: [Int]) async -> ([Int], Swift.Result<[PlatformOfferState], PlatformError>) in
                (batch, await .of { () async throws(PlatformError) in try await platform.offerStates(ids: batch) })
            },
            onResult: { batch, read in
                switch read {
                case .success(let states):
                    for state in states { seen[state.id] = state }
                case .failure(let error):
                    unreadable.formUnion(batch)
                    note(error, "reading back platform offers failed: \(error)")
                }
            })
        // Absent from a list is not proof of deletion (a list can leave offers out: Affise's status
        // filter, a page boundary that moved): each absent offer is asked for by id before it counts as gone.
        let absent = ids.filter { seen[$0] == nil && !unreadable.contains($0) }
        await ReconcilerJobs.run(
            absent, width: concurrency,
            { (id: Int) async -> (Int, Swift.Result<PlatformOffer?, PlatformError>) in
                (id, await .of { () async throws(PlatformError) in try await platform.offer(id: id) })
            },
            onResult: { id, lookup in
                switch lookup {
                case .success(let offer?): seen[id] = PlatformOfferState(offer)
                case .success(nil): break
                case .failure(let error):
                    unreadable.insert(id)
                    note(error, "confirming that platform offer \(id) is gone failed: \(error)")
                }
            })
        return (seen, unreadable, failure, credentialsRefused)
    }

    /// Placements whose create was sent but whose answer never came back, and those whose adoption
    /// was left ambiguous (`ExistingOfferAdoption.ambiguousStep`): look each external id up once (two
    /// campaigns' placements of one offer share the lookup), read which of the offers found other
    /// placements hold in one read, and let `LostCreateAdoption` or `ExistingOfferAdoption` decide.
    /// Nothing found: the push creates it (again). Linear in those placements: a resume after a kill
    /// mid-create of thousands costs about what their lookups cost.
    private func lookUpLostCreates(_ works: inout [PlacementWork], now: Date, events: ReconcilerEvents, result: inout Result) async {
        let lost = works.indices.filter {
            let placement = works[$0].placement
            return placement.platformOfferID == nil && placement.state != .excluded
                && (placement.createAttemptedAt != nil || placement.workflowStep == ExistingOfferAdoption.ambiguousStep)
        }
        guard !lost.isEmpty else { return }
        let platform = self.platform
        let externalIDs = Array(Set(lost.map { works[$0].key.externalID })).sorted()
        var found: [String: Swift.Result<[PlatformOffer], PlatformError>] = [:]
        await ReconcilerJobs.run(
            externalIDs, width: concurrency,
            { (externalID: String) async -> (String, Swift.Result<[PlatformOffer], PlatformError>) in
                (externalID, await .of { () async throws(PlatformError) in try await platform.offers(externalOfferID: externalID) })
            }, onResult: { found[$0.0] = $0.1 })

        let candidateIDs = Array(Set(found.values.flatMap { (try? $0.get()) ?? [] }.map(\.id)))
        let holders: [Int: Int64]
        do {
            holders = try await store.placementsHolding(platformOfferIDs: candidateIDs)
        } catch {
            for index in lost {
                works[index].skipped = "reading which offers are claimed failed: \(error)"
                result.failed += 1
            }
            if result.failure == nil { result.failure = "reading which offers are claimed failed: \(error)" }
            return
        }
        // Offers this run's placements hold, and those it adopts as it goes, are taken too.
        var takenThisRun = Set(works.compactMap(\.placement.platformOfferID))
        let campaignsByKey = Self.campaignsByKey(works)

        for index in lost {
            var work = works[index]
            let isLostCreate = work.placement.createAttemptedAt != nil
            switch found[work.key.externalID] ?? .success([]) {
            case .failure(let error):
                work.skipped =
                    isLostCreate
                    ? "looking up a create whose answer was lost failed: \(error)"
                    : "looking up the offers already in the platform failed: \(error)"
                if error.refusesCredentials && result.credentialsRefused == nil { result.credentialsRefused = error }
                result.failed += 1
                if result.failure == nil { result.failure = work.skipped }
            case .success(let candidates):
                let taken = Self.taken(candidates, by: work.placement.id, thisRun: takenThisRun, holders: holders)
                let shared = (campaignsByKey[work.key]?.count ?? 1) > 1
                let verdict =
                    isLostCreate
                    ? LostCreateAdoption.verdict(
                        campaign: work.campaign, candidates: candidates, taken: taken,
                        sharedWithOtherCampaigns: shared)
                    : ExistingOfferAdoption.verdict(
                        campaign: work.campaign, externalID: work.key.externalID,
                        candidates: candidates, taken: taken, sharedWithOtherCampaigns: shared)
                switch verdict {
                case .notFound where isLostCreate:
                    break
                case .notFound:
                    // The offers it could not tell apart are gone (deleted by the operator): created as new.
                    work.placement.workflowStep = nil
                    work.placement.reason = nil
                    work.placement.lastError = nil
                    result.changes.append(PlacementChange(placement: work.placement, events: []))
                case .ambiguous(let why) where isLostCreate:
                    work.skipped = "the create's answer was lost and " + why
                    work.placement.lastError = work.skipped
                    result.failed += 1
                    if result.failure == nil { result.failure = work.skipped }
                    result.changes.append(
                        PlacementChange(
                            placement: work.placement,
                            events: [
                                events.event(
                                    .writeFailed, work, nil, work.skipped!)
                            ]))
                case .ambiguous(let why):
                    leaveAmbiguous(&work, why, events: events, result: &result)
                case .adopt(let id) where isLostCreate:
                    let adopted = candidates.first { $0.id == id }!
                    takenThisRun.insert(id)
                    work.placement.platformOfferID = adopted.id
                    work.placement.lastPushed = adopted.fields
                    work.placement.lastPushedAt = now
                    work.placement.lastObserved = adopted.fields
                    work.placement.lastObservedAt = now
                    work.placement.createAttemptedAt = nil
                    work.placement.lastError = nil
                    work.placement.state = .live
                    result.adopted += 1
                    result.changes.append(
                        PlacementChange(
                            placement: work.placement,
                            events: [
                                events.event(
                                    .foundExisting, work, adopted.id,
                                    "the create's answer was lost; found offer \(adopted.id) by external offer id and took it over")
                            ]))
                case .adopt(let id):
                    let adopted = candidates.first { $0.id == id }!
                    takenThisRun.insert(id)
                    let event = Self.adopt(&work, adopted, now: now, events: events)
                    result.adoptedExisting += 1
                    result.changes.append(PlacementChange(placement: work.placement, events: [event]))
                }
            }
            works[index] = work
        }
    }

    /// New placements (no platform offer, no create sent) of the campaigns not yet checked against
    /// this platform take over the offers a lost workspace made instead of creating them again: the
    /// platform's offers of their advertisers are listed once (`Platform.offers(advertisers:externalOfferIDs:)`),
    /// indexed by external offer id, and `ExistingOfferAdoption` decides for each placement whose
    /// external id is among them. An ambiguous one is left alone, neither adopted nor created, and
    /// looked up again on later runs. A failed listing leaves every such placement out of the run:
    /// creating them blind could double the platform. Answers the adopted offers' states as listed.
    private func adoptFromInventory(
        _ works: inout [PlacementWork], now: Date, events: ReconcilerEvents,
        result: inout Result
    ) async -> [Int: PlatformOfferState] {
        guard !inventoryCampaigns.isEmpty else { return [:] }
        let fresh = works.indices.filter {
            let placement = works[$0].placement
            return inventoryCampaigns.contains(placement.campaignID) && placement.platformOfferID == nil
                && placement.createAttemptedAt == nil && placement.workflowStep == nil && placement.state != .excluded
                && works[$0].skipped == nil
        }
        guard !fresh.isEmpty else { return [:] }
        let named = fresh.map { works[$0].campaign.defaults.advertiser }
        // A campaign without an advertiser may have made an offer of any: every offer is listed then.
        let advertisers = named.contains(nil) ? nil : Array(Set(named.compactMap { $0 })).sorted()
        func leaveOut(_ why: String) {
            for index in fresh { works[index].skipped = why }
            result.failed += fresh.count
            if result.failure == nil { result.failure = why }
        }
        let wanted = Set(fresh.map { works[$0].key.externalID })
        let listed: [PlatformOffer]
        switch await Swift.Result.of({ () async throws(PlatformError) in
            try await platform.offers(advertisers: advertisers, externalOfferIDs: wanted)
        }) {
        case .success(let offers): listed = offers
        case .failure(let error):
            if error.refusesCredentials && result.credentialsRefused == nil { result.credentialsRefused = error }
            leaveOut("listing the platform's offers (to adopt those already made, not create them twice) failed: \(error)")
            return [:]
        }
        var byExternalID: [String: [PlatformOffer]] = [:]
        for offer in listed {
            guard let externalID = offer.externalOfferID, wanted.contains(externalID) else { continue }
            byExternalID[externalID, default: []].append(offer)
        }
        let candidateIDs = byExternalID.values.flatMap { $0.map(\.id) }
        let holders: [Int: Int64]
        do {
            holders =
                candidateIDs.isEmpty
                ? [:]
                : try await store.placementsHolding(platformOfferIDs: candidateIDs)
        } catch {
            leaveOut("reading which platform offers are claimed failed: \(error)")
            return [:]
        }
        var takenThisRun = Set(works.compactMap(\.placement.platformOfferID))
        let campaignsByKey = Self.campaignsByKey(works)

        var known: [Int: PlatformOfferState] = [:]
        var decided: [(index: Int, events: [SyncEvent])] = []
        var noted = Result()  // the adoptions and ambiguities, added to `result` once stored
        for index in fresh {
            guard let candidates = byExternalID[works[index].key.externalID] else { continue }
            var work = works[index]
            let taken = Self.taken(candidates, by: work.placement.id, thisRun: takenThisRun, holders: holders)
            switch ExistingOfferAdoption.verdict(
                campaign: work.campaign, externalID: work.key.externalID,
                candidates: candidates, taken: taken,
                sharedWithOtherCampaigns: (campaignsByKey[work.key]?.count ?? 1) > 1)
            {
            case .notFound:
                continue
            case .adopt(let id):
                let adopted = candidates.first { $0.id == id }!
                takenThisRun.insert(id)
                known[id] = PlatformOfferState(adopted)
                decided.append((index, [Self.adopt(&work, adopted, now: now, events: events)]))
                noted.adoptedExisting += 1
            case .ambiguous(let why):
                let before = noted.changes.count
                leaveAmbiguous(&work, why, events: events, result: &noted)
                decided.append((index, noted.changes[before...].flatMap(\.events)))
            }
            works[index] = work
        }
        guard !decided.isEmpty else {
            result.inventoried = Set(fresh.map { works[$0].placement.campaignID })
            return [:]
        }
        // New matches are stored here, as adopted or left alone (a create would store them as attempted).
        let unstored = decided.map(\.index).filter { works[$0].placement.id == nil }
        let pairs = unstored.map { (campaignID: works[$0].placement.campaignID, key: works[$0].key) }
        do {
            let inserted = try await store.insertPendingPlacements(pairs, at: now)
            for (index, placement) in zip(unstored, inserted) {
                works[index].placement.id = placement.id
                works[index].placement.createdAt = placement.createdAt
                works[index].placement.updatedAt = placement.updatedAt
            }
        } catch {
            // Nothing recorded: the next run takes the inventory again and decides anew.
            let why = "storing the placements that adopt offers already in the platform failed: \(error)"
            for (index, _) in decided { works[index].skipped = why }
            result.failed += decided.count
            if result.failure == nil { result.failure = why }
            return [:]
        }
        for (index, recorded) in decided {
            result.changes.append(PlacementChange(placement: works[index].placement, events: recorded))
        }
        result.adoptedExisting += noted.adoptedExisting
        result.ambiguous += noted.ambiguous
        result.failed += noted.failed
        if result.failure == nil { result.failure = noted.failure }
        result.inventoried = Set(fresh.map { works[$0].placement.campaignID })
        return known
    }

    /// The campaigns placing each offer among the works.
    private static func campaignsByKey(_ works: [PlacementWork]) -> [OfferKey: Set<String>] {
        var campaigns: [OfferKey: Set<String>] = [:]
        for work in works { campaigns[work.key, default: []].insert(work.campaign.id) }
        return campaigns
    }

    /// The candidates a placement other than `placementID` holds (in the store, or given in this run).
    /// Only the candidates' own ids: a copy of every id taken this run per placement would be quadratic.
    private static func taken(
        _ candidates: [PlatformOffer], by placementID: Int64?, thisRun: Set<Int>,
        holders: [Int: Int64]
    ) -> Set<Int> {
        Set(candidates.lazy.map(\.id).filter { id in thisRun.contains(id) || holders[id].map { $0 != placementID } == true })
    }

    /// Takes `offer` over as the work's platform offer, as if this placement had pushed what it holds;
    /// answers the event that says so. An offer `stopped` where this campaign pushes a status that is
    /// not `stopped` was disabled by hand in its first life: it is taken over with the campaign's
    /// status as pushed, so observe excludes it (rule 3) rather than the plan enabling it again.
    private static func adopt(_ work: inout PlacementWork, _ offer: PlatformOffer, now: Date, events: ReconcilerEvents) -> SyncEvent {
        var pushed = offer.fields
        if pushed.status == .stopped, work.campaign.rule(for: .status) != .disabled, let demand = work.offer {
            let own = DesiredOfferBuilder.campaignStatus(work.campaign.defaults.status, offer: demand)
            if own != .stopped { pushed.status = own }
        }
        work.placement.platformOfferID = offer.id
        work.placement.lastPushed = pushed
        work.placement.lastPushedAt = now
        work.placement.lastObserved = nil
        work.placement.lastObservedAt = nil
        work.placement.lastError = nil
        work.placement.reason = nil
        work.placement.workflowStep = nil
        work.placement.state = .live
        return events.event(
            .foundExisting, work, offer.id,
            "adopted offer \(offer.id) already in the platform (same external offer id and advertiser)")
    }

    /// Leaves a placement whose adoption is ambiguous out of the run: not created, marked so that
    /// later runs look it up again, its reason saying why; the event only when the reason is new.
    private func leaveAmbiguous(_ work: inout PlacementWork, _ why: String, events: ReconcilerEvents, result: inout Result) {
        work.skipped = "not created: " + why
        result.ambiguous += 1
        result.failed += 1
        if result.failure == nil { result.failure = work.skipped }
        guard work.placement.reason != why || work.placement.workflowStep != ExistingOfferAdoption.ambiguousStep else { return }
        work.placement.workflowStep = ExistingOfferAdoption.ambiguousStep
        work.placement.reason = why
        result.changes.append(PlacementChange(placement: work.placement, events: [events.event(.writeFailed, work, nil, work.skipped!)]))
    }
}
