import Foundation

/// The observe phase: reads back the platform offers of the placements in play, excludes those
/// deleted, detached or disabled by hand there (rules 3-4), and finds by external offer id the offer
/// of a create whose answer was lost (rule 9) instead of letting the push create a second one.
struct PlacementObserver: Sendable {
    let store: WorkspaceStore
    let platform: any Platform
    let concurrency: Int
    let batchSize: Int

    /// What observe did.
    struct Result: Sendable {
        /// Placements to record now: exclusions with their events, adoptions, changed observations.
        var changes: [PlacementChange] = []
        var read = 0
        var excluded = 0
        var adopted = 0
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
    func observe(_ works: inout [PlacementWork], settled: [Int64: PlatformOfferState], now: Date, events: ReconcilerEvents,
                 reload: @Sendable (Set<Int64>) async throws -> [PlacementWork]) async -> Result {
        var result = Result()
        await lookUpLostCreates(&works, now: now, events: events, result: &result)

        let inPlay = works.compactMap { $0.placement.state == .excluded ? nil : $0.placement.platformOfferID }
        let ids = Set(inPlay).union(settled.values.map(\.id)).sorted()
        let read = await states(of: ids)
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
                result.changes.append(PlacementChange(placement: work.placement,
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
        -> (seen: [Int: PlatformOfferState], unreadable: Set<Int>, failure: String?, credentialsRefused: PlatformError?) {
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
        await ReconcilerJobs.run(batches, width: concurrency, { (batch: [Int]) async -> ([Int], Swift.Result<[PlatformOfferState], PlatformError>) in
            (batch, await .of { () async throws(PlatformError) in try await platform.offerStates(ids: batch) })
        }, onResult: { batch, read in
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
        await ReconcilerJobs.run(absent, width: concurrency, { (id: Int) async -> (Int, Swift.Result<PlatformOffer?, PlatformError>) in
            (id, await .of { () async throws(PlatformError) in try await platform.offer(id: id) })
        }, onResult: { id, lookup in
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

    /// Placements whose create was sent but whose answer never came back: look each external id up
    /// once (two campaigns' lost creates of one offer share the lookup), read which of the offers
    /// found other placements hold in one read, and let `LostCreateAdoption` decide. Nothing found:
    /// the push creates it again. Linear in the lost creates: a resume after a kill mid-create of
    /// thousands costs about what their lookups cost.
    private func lookUpLostCreates(_ works: inout [PlacementWork], now: Date, events: ReconcilerEvents, result: inout Result) async {
        let lost = works.indices.filter {
            works[$0].placement.platformOfferID == nil && works[$0].placement.createAttemptedAt != nil
                && works[$0].placement.state != .excluded
        }
        guard !lost.isEmpty else { return }
        let platform = self.platform
        let externalIDs = Array(Set(lost.map { works[$0].key.externalID })).sorted()
        var found: [String: Swift.Result<[PlatformOffer], PlatformError>] = [:]
        await ReconcilerJobs.run(externalIDs, width: concurrency, { (externalID: String) async -> (String, Swift.Result<[PlatformOffer], PlatformError>) in
            (externalID, await .of { () async throws(PlatformError) in try await platform.offers(externalOfferID: externalID) })
        }, onResult: { found[$0.0] = $0.1 })

        let candidateIDs = Array(Set(found.values.flatMap { (try? $0.get()) ?? [] }.map(\.id)))
        let holders: [Int: Int64]
        do {
            holders = try await store.read { db in try WorkspaceStore.placementsHolding(platformOfferIDs: candidateIDs, db: db) }
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
        var campaignsByKey: [OfferKey: Set<String>] = [:]
        for work in works { campaignsByKey[work.key, default: []].insert(work.campaign.id) }

        for index in lost {
            var work = works[index]
            switch found[work.key.externalID] ?? .success([]) {
            case .failure(let error):
                work.skipped = "looking up a create whose answer was lost failed: \(error)"
                if error.refusesCredentials && result.credentialsRefused == nil { result.credentialsRefused = error }
                result.failed += 1
                if result.failure == nil { result.failure = work.skipped }
            case .success(let candidates):
                // Only the candidates' own ids: a copy of every id taken this run per placement would be quadratic.
                let taken = Set(candidates.lazy.map(\.id).filter { id in
                    takenThisRun.contains(id) || holders[id].map { $0 != work.placement.id } == true
                })
                let shared = (campaignsByKey[work.key]?.count ?? 1) > 1
                switch LostCreateAdoption.verdict(campaign: work.campaign, candidates: candidates, taken: taken,
                                                  sharedWithOtherCampaigns: shared) {
                case .notFound:
                    break
                case .ambiguous(let why):
                    work.skipped = "the create's answer was lost and " + why
                    work.placement.lastError = work.skipped
                    result.failed += 1
                    if result.failure == nil { result.failure = work.skipped }
                    result.changes.append(PlacementChange(placement: work.placement, events: [events.event(
                        .writeFailed, work, nil, work.skipped!)]))
                case .adopt(let id):
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
                    result.changes.append(PlacementChange(placement: work.placement, events: [events.event(
                        .foundExisting, work, adopted.id,
                        "the create's answer was lost; found offer \(adopted.id) by external offer id and took it over")]))
                }
            }
            works[index] = work
        }
    }
}
