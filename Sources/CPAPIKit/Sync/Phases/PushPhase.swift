import Foundation

/// The push phase: applies each placement's plan to the platform with bounded concurrency and records
/// every result on its placement, with its events, in the same transaction (a batch of results per
/// transaction). Status-only changes go out as mass updates; a failed mass update is retried offer by
/// offer so that one bad offer does not fail the others.
///
/// Creates go out in batches (`Platform.createOffers`: one transaction each on the local platform,
/// single calls side by side on Affise). A create is recorded as attempted (`createAttemptedAt`)
/// before it is sent: if its answer is lost, the next run's observe looks the offer up by external id
/// instead of creating a second one. A new match's placement is first stored by that same write.
struct PushPhase: Sendable {
    let store: any SyncStore
    let platform: any Platform
    let concurrency: Int
    let statusBatchSize: Int
    let recordBatchSize: Int
    /// Offers per `createOffers` call: one transaction on the local platform. Each commit rewrites
    /// the pages it touched (the indexes' above all), so fewer, larger ones write less in all.
    var createBatchSize = 500

    /// What push did.
    struct Result: Sendable {
        var created = 0, updated = 0, paused = 0, excluded = 0, failed = 0
        /// The first failed write, in words.
        var firstError: String?
        /// Recording results in the store failed (the platform writes happened; the next run re-derives them).
        var recordFailure: String?
        /// The first write the platform refused for its credentials (`PlatformError.refusesCredentials`).
        var credentialsRefused: PlatformError?
        /// Writes that reached their end in the platform (created, updated, status set, excluded).
        var succeeded: Int { created + updated + paused + excluded }
    }

    /// How one platform write ended.
    enum Outcome: Sendable {
        case created(Int)
        case done
        case failed(PlatformError)
    }

    enum Job: Sendable {
        /// The planned indices and, in the same order, the fields to create (kept apart: the fields
        /// go to the platform as they are, not copied out of pairs).
        case create(indices: [Int], fields: [PlatformOfferFields])
        case update(Int, platformID: Int, PlatformOfferFields)
        case status(PlatformStatus, [(index: Int, platformID: Int)])
    }

    func push(
        _ planned: consuming [(work: PlacementWork, plan: PlacementPlan)], now: Date, events: ReconcilerEvents,
        advanced: (Int) -> Void
    ) async -> Result {
        var result = Result()
        guard !planned.isEmpty else { return result }
        var planned = consume planned  // the caller hands it over: storing ids in it copies nothing

        // Creates are recorded as attempted before any is sent.
        var jobs: [Job] = []
        let size = max(1, createBatchSize)
        var creates: [Int] = []
        var createFields: [[PlatformOfferFields]] = []  // in batches of `size`, as they go to the platform
        var statusGroups: [PlatformStatus: [(index: Int, platformID: Int)]] = [:]
        // By index: a copy of each planned work (a score of references) showed at 100k creates.
        for index in planned.indices {
            switch planned[index].plan.write {
            case .create(let fields):
                if creates.count % size == 0 { createFields.append([]) }
                creates.append(index)
                createFields[createFields.count - 1].append(fields)
            case .update(let fields):
                jobs.append(.update(index, platformID: planned[index].work.placement.platformOfferID!, fields))
            case .setStatus(let status):
                statusGroups[status, default: []].append((index, planned[index].work.placement.platformOfferID!))
            case nil:
                break
            }
        }
        do {
            let stored = creates.compactMap { planned[$0].work.placement.id }
            let newMatches = creates.filter { planned[$0].work.placement.id == nil }
            let inserted = try await store.recordCreatesAttempted(
                placementIDs: stored, newMatches: newMatches.map { (planned[$0].work.placement.campaignID, planned[$0].work.key) }, at: now)
            for (index, placement) in zip(newMatches, inserted) { planned[index].work.placement = placement }
            for (batch, fields) in createFields.enumerated() {
                jobs.append(.create(indices: Array(creates[(batch * size)..<(batch * size + fields.count)]), fields: fields))
            }
        } catch {
            result.recordFailure = "recording the creates as attempted failed: \(error)"
        }
        for status in PlatformStatus.allCases {
            guard let group = statusGroups[status] else { continue }
            for start in stride(from: 0, to: group.count, by: statusBatchSize) {
                jobs.append(.status(status, Array(group[start..<min(start + statusBatchSize, group.count)])))
            }
        }

        let platform = self.platform
        var pendingChanges: [PlacementChange] = []
        var done = 0
        await ReconcilerJobs.run(
            jobs, width: concurrency, { job in await Self.perform(job, on: platform) },
            onResult: { outcomes in
                for (index, outcome) in outcomes {
                    pendingChanges.append(Self.record(planned[index].work, planned[index].plan, outcome, now: now, events: events, result: &result))
                }
                done += outcomes.count
                if pendingChanges.count >= recordBatchSize {
                    await flush(&pendingChanges, now: now, result: &result)
                    advanced(done)
                }
            })
        await flush(&pendingChanges, now: now, result: &result)
        advanced(done)
        return result
    }

    private func flush(_ changes: inout [PlacementChange], now: Date, result: inout Result) async {
        do {
            try await store.recordPlacementChanges(changes, at: now)
        } catch {
            if result.recordFailure == nil { result.recordFailure = "\(error)" }
        }
        changes.removeAll(keepingCapacity: true)
    }

    static func perform(_ job: Job, on platform: any Platform) async -> [(Int, Outcome)] {
        switch job {
        case .create(let indices, let fields):
            let answers = await platform.createOffers(fields)
            return zip(indices, answers).map { index, answer in
                switch answer {
                case .success(let id): return (index, .created(id))
                case .failure(let error): return (index, .failed(error))
                }
            }
        case .update(let index, let id, let fields):
            do throws(PlatformError) { try await platform.editOffer(id: id, fields); return [(index, .done)] } catch {
                return [(index, .failed(error))]
            }
        case .status(let status, let members):
            do throws(PlatformError) {
                try await platform.setStatus(status, offerIDs: members.map(\.platformID))
                return members.map { ($0.index, .done) }
            } catch {
                guard members.count > 1 else { return [(members[0].index, .failed(error))] }
                // One offer may have failed the whole call (deleted meanwhile): retry each on its own.
                var outcomes: [(Int, Outcome)] = []
                for member in members {
                    do throws(PlatformError) {
                        try await platform.setStatus(status, offerIDs: [member.platformID])
                        outcomes.append((member.index, .done))
                    } catch {
                        outcomes.append((member.index, .failed(error)))
                    }
                }
                return outcomes
            }
        }
    }

    /// The placement after its write, with the events that say what happened.
    static func record(
        _ work: PlacementWork, _ plan: PlacementPlan, _ outcome: Outcome, now: Date, events: ReconcilerEvents,
        result: inout Result
    ) -> PlacementChange {
        var placement = work.placement
        guard let write = plan.write else { return PlacementChange(placement: placement, events: []) }
        if write.isCreate {
            // Marked attempted in the store before it was sent (`push`); kept unless the create surely ended.
            placement.createAttemptedAt = now
        }
        let sent: PlatformOfferFields
        switch write {
        case .create(let fields), .update(let fields): sent = fields
        case .setStatus(let status): sent = PlatformOfferFields(status: status)
        }
        let createdID: Int?
        switch outcome {
        case .created(let id): createdID = id
        case .done: createdID = nil
        case .failed(let error): return failed(work, placement, write, sent, error, now: now, events: events, result: &result)
        }
        var recorded: [SyncEvent] = []
        if let id = createdID {
            placement.platformOfferID = id
            placement.createAttemptedAt = nil
            result.created += 1
            recorded.append(events.event(.created, work, id, "created offer \(id)" + Self.statusNote(sent.status)))
        } else {
            if case .setStatus(let status) = write {
                let words = PushEventWording.text(
                    from: PlacementPlanner.currentStatus(work.placement), to: status, plan: plan, offer: work.offer, at: now)
                recorded.append(events.event(.statusPushed, work, placement.platformOfferID, words))
            } else {
                recorded.append(
                    events.event(
                        .updated, work, placement.platformOfferID,
                        "updated \(Self.fieldNames(sent, before: work.placement.lastPushed).joined(separator: ", "))"))
            }
            if plan.state != work.placement.state, [.pausedMissing, .pausedSourceGone].contains(plan.state) {
                result.paused += 1
            } else {
                result.updated += 1
            }
        }
        placement.lastPushed = (placement.lastPushed ?? PlatformOfferFields()).overlaid(with: sent)
        placement.lastPushedAt = now
        if sent.status != nil, let observed = placement.lastObserved,
            observed.externalOfferID == PlatformOfferState(id: 0, pushed: placement.lastPushed).externalOfferID
        {
            // The drift observe kept was of the status, which this push has just set: the platform
            // holds what was pushed again, and the store says so now rather than after the next run.
            placement.lastObserved = nil
            placement.lastObservedAt = nil
        }
        placement.lastPushedHash = work.fingerprint
        placement.lastError = nil
        placement.state = plan.state
        placement.outOfFilter = plan.outOfFilter
        placement.reason = Self.storedReason(plan)
        if let kind = plan.event {
            recorded.append(events.event(kind, work, placement.platformOfferID, plan.reason))
        }
        return PlacementChange(placement: placement, events: recorded)
    }

    /// The placement after a failed write: the error kept for the operator and retried next run, or
    /// excluded when the offer turned out to be deleted in the platform.
    private static func failed(
        _ work: PlacementWork, _ placement: Placement, _ write: PlacementPlan.Write, _ sent: PlatformOfferFields,
        _ error: PlatformError, now: Date, events: ReconcilerEvents, result: inout Result
    ) -> PlacementChange {
        var placement = placement
        switch error {
        case .notFound(let id) where !write.isCreate:
            // Deleted in the platform since observe read it back (rule 4).
            let reason = "offer \(id) was deleted in the platform"
            placement.state = .excluded
            placement.reason = reason
            placement.excludedAt = now
            result.excluded += 1
            return PlacementChange(placement: placement, events: [events.event(.excluded, work, id, "excluded for ever: \(reason)")])
        default:
            result.failed += 1
            if result.firstError == nil { result.firstError = "\(work.key) (\(work.campaign.id)): \(error)" }
            if error.refusesCredentials && result.credentialsRefused == nil { result.credentialsRefused = error }
            placement.lastError = error.description
            switch error {
            case .outcomeUnknown, .badResponse:
                // The write may have happened. A `stopped` we may have sent must not later read as a
                // disable by hand; if it did not happen, observe sees the old status and the plan sends it again.
                if sent.status == .stopped, !write.isCreate {
                    placement.lastPushed = (placement.lastPushed ?? PlatformOfferFields()).overlaid(with: PlatformOfferFields(status: .stopped))
                }
            case .unreachable, .notFound:
                // The create certainly did not happen: no lookup is needed before the next one.
                if write.isCreate { placement.createAttemptedAt = nil }
            case .rejected(let status, _):
                // Refused outright (4xx, `status: 2`): not created. A 5xx may have stored it: keep the lookup.
                if write.isCreate, (status ?? 400) < 500 { placement.createAttemptedAt = nil }
            }
            return PlacementChange(
                placement: placement,
                events: [
                    events.event(
                        .writeFailed, work, placement.platformOfferID, "\(write.verb) failed (retried next run): \(error)")
                ])
        }
    }

    /// The reason kept on the placement: why it is paused, held, excluded, out of filter or not created; none while live.
    static func storedReason(_ plan: PlacementPlan) -> String? {
        switch plan.state {
        case .live: return plan.outOfFilter ? plan.reason : nil
        case .pending, .pausedMissing, .pausedSourceGone, .held, .excluded: return plan.reason
        }
    }

    static func statusNote(_ status: PlatformStatus?) -> String {
        status.map { " (\($0.rawValue))" } ?? ""
    }

    /// The names of the fields a write sets, for the event (the payout with its values before and after).
    static func fieldNames(_ fields: PlatformOfferFields, before: PlatformOfferFields? = nil) -> [String] {
        var names: [String] = []
        if fields.title != nil { names.append("title") }
        if fields.description != nil { names.append("description") }
        if fields.url != nil { names.append("url") }
        if fields.previewURL != nil { names.append("preview") }
        if fields.externalOfferID != nil { names.append("external offer id") }
        if fields.advertiser != nil { names.append("advertiser") }
        if let status = fields.status { names.append("status \(status.rawValue)") }
        if fields.privacy != nil { names.append("privacy") }
        if fields.categories != nil { names.append("categories") }
        if fields.redirectType != nil { names.append("redirect type") }
        if fields.isRedirectOvercap != nil { names.append("overcap") }
        if fields.strictlyCountry != nil { names.append("geo restriction") }
        if fields.logo != nil { names.append("logo") }
        if let payments = fields.payments { names.append(PushEventWording.payments(from: before?.payments, to: payments)) }
        if fields.caps != nil { names.append("caps") }
        return names
    }
}

extension PlacementPlan.Write {
    var isCreate: Bool { if case .create = self { return true } else { return false } }
    var verb: String {
        switch self {
        case .create: return "create"
        case .update: return "update"
        case .setStatus(let status): return "status change to \(status.rawValue)"
        }
    }
}
