import Foundation

/// The operator's actions on one placed offer, one call each (the CLI's `offer …` and the console):
/// pause / resume (an operator hold), exclude (the seed's three steps), duplicate and detach.
///
/// A reference (`SOURCE:ID`) names an offer; with several campaigns placing it, the campaign must be
/// named (else `WorkflowError.ambiguous` lists them). Each action checks `availability(of:for:campaign:)`
/// first, runs with `WorkflowAccess` (no race with a sync of the same source), makes its platform
/// calls, and records the placement's new state with its events in one transaction.
public struct OfferWorkflows: Sendable {
    public let store: any WorkflowStore
    public let platform: any Platform
    public let clock: any SyncClock
    let access: WorkflowAccess

    /// - Parameter gate: shared with the scheduler of this process (`WorkspaceEngine` wires both).
    public init(
        store: any WorkflowStore, platform: any Platform, clock: any SyncClock = SystemClock(),
        gate: SourceWriteGate = SourceWriteGate()
    ) {
        self.store = store; self.platform = platform; self.clock = clock
        self.access = WorkflowAccess(store: store, gate: gate, clock: clock)
    }

    /// The external offer id a copy carries while it is made, so a copy whose create answer was lost
    /// is found again instead of made twice. Unique per original offer in the platform.
    public static func copyMarker(ofPlatformOffer id: Int) -> String { "cpapi-copy-of-\(id)" }

    // MARK: - Which placement, and can it be done

    /// The placement `key` names, of `campaignID` when given.
    public func placement(for key: OfferKey, campaignID: String? = nil) throws(WorkflowError) -> Placement {
        let all: [Placement]
        do { all = try store.placements(for: key) } catch { throw .store(WorkspaceInspection.words(for: error, storePath: store.path)) }
        if let campaignID {
            if let found = all.first(where: { $0.campaignID == campaignID }) { return found }
            if (try? store.campaign(id: campaignID)) == nil { throw .unknownCampaign(campaignID) }
            throw .notPlaced(key, campaignID: campaignID)
        }
        switch all.count {
        case 1: return all[0]
        case 0:
            if (try? store.offer(key)) == nil { throw .unknownOffer(key) }
            throw .notPlaced(key, campaignID: nil)
        default: throw .ambiguous(key, campaignIDs: all.map(\.campaignID))
        }
    }

    /// Why `action` cannot apply to `placement` now, or nil when it can. Pure: the console shows the
    /// reason in its hint bar. `campaign` is the placement's campaign (nil if it is gone).
    public static func availability(of action: OfferAction, for placement: Placement, campaign: Campaign?) -> String? {
        availability(of: action, for: PlacementFacts(placement, campaign: campaign))
    }

    /// Why `action` cannot apply to the placement `facts` describe, or nil when it can.
    public static func availability(of action: OfferAction, for facts: PlacementFacts) -> String? {
        if facts.state == .excluded {
            return "already excluded" + (facts.reason.map { " (\($0))" } ?? "")
        }
        guard facts.platformOfferID != nil else {
            return "not in the platform yet (" + (facts.reason ?? "created by the next sync") + ")"
        }
        if facts.excludeInProgress && action != .exclude {
            return "an exclude of this offer is half done: run exclude again to finish it"
        }
        switch action {
        case .pause, .resume:
            switch facts.campaign {
            case .gone: return "its campaign \(facts.campaignID) no longer exists"
            case .deleted, .disabled:
                return "campaign \(facts.campaignID) is \(facts.campaign == .deleted ? "deleted" : "disabled"): its offers are frozen"
            case .active: break
            }
            if action == .pause, facts.state == .held { return "already held" }
            if action == .resume, facts.state != .held { return "not held (it is \(facts.state.rawValue))" }
            return nil
        case .exclude, .duplicate, .detach:
            return nil
        }
    }

    // MARK: - Actions

    /// Holds the offer: pushes `suspended` now and keeps it suspended across syncs until `resume`.
    public func pause(_ key: OfferKey, campaignID: String? = nil) async throws(WorkflowError) -> OfferWorkflowResult {
        try await perform(.pause, key, campaignID) { placement, now in
            let id = placement.platformOfferID!
            try await call("pausing offer \(id)") { () throws(PlatformError) in try await platform.setStatus(.suspended, offerIDs: [id]) }
            var held = placement
            held.state = .held
            held.reason = "held by the operator"
            held.lastPushed = (held.lastPushed ?? PlatformOfferFields()).overlaid(with: PlatformOfferFields(status: .suspended))
            held.lastPushedAt = now
            held.lastError = nil
            let result = OfferWorkflowResult(placement: held, message: "held \(key) (\(held.campaignID)): offer \(id) suspended")
            try record(held, now, [event(.held, held, id, "held by the operator: offer \(id) suspended until resumed")], completing: result)
            return result
        }
    }

    /// Releases a hold: the campaign's rules decide again at once (the status they want is pushed now).
    public func resume(_ key: OfferKey, campaignID: String? = nil) async throws(WorkflowError) -> OfferWorkflowResult {
        try await perform(.resume, key, campaignID) { placement, now in
            let (campaign, offer, source, settings) = try context(of: placement)
            var released = placement
            released.state = .live
            released.reason = nil
            let desired = offer.map {
                DesiredOfferBuilder.desired(campaign: campaign, offer: $0, trackingParams: source.config.trackingParams)
            }
            var plan = PlacementPlanner.plan(
                campaign: campaign, offer: offer, placement: released, desired: desired,
                settings: settings, now: now, source: source.state)
            // The hold's `suspended` was ours: undo it even when the status rule leaves the status alone
            // (as the sync does when an offer comes back from a missing pause).
            if plan.state == .live, plan.pushedStatus == nil, let target = desired?.status, target != placement.knownPlatformStatus {
                switch plan.write {
                case nil: plan.write = .setStatus(target)
                case .update(var fields): fields.status = target; plan.write = .update(fields)
                case .create, .setStatus: break
                }
            }
            let work = PlacementWork(campaign: campaign, offer: offer, placement: released)
            let events = ReconcilerEvents(at: now, runID: nil, sourceID: placement.offerKey.sourceID)
            var change: PlacementChange
            if let write = plan.write {
                let job: PushPhase.Job
                switch write {
                case .create: throw WorkflowError.unavailable(action: "resume", reason: "the offer is not in the platform")
                case .update(let fields): job = .update(0, platformID: placement.platformOfferID!, fields)
                case .setStatus(let status): job = .status(status, [(0, placement.platformOfferID!)])
                }
                let outcome = await PushPhase.perform(job, on: platform)[0].1
                if case .failed(let error) = outcome { throw WorkflowError.platform(error, step: "resuming (\(write.verb))") }
                var result = PushPhase.Result()
                change = PushPhase.record(work, plan, outcome, now: now, events: events, result: &result)
            } else {
                released.state = plan.state
                released.outOfFilter = plan.outOfFilter
                released.reason = PushPhase.storedReason(plan)
                change = PlacementChange(placement: released, events: [])
            }
            let status = change.placement.knownPlatformStatus?.rawValue ?? "unknown"
            change.events.insert(
                event(
                    .released, change.placement, placement.platformOfferID,
                    "released by the operator: \(change.placement.state.rawValue), status \(status)"), at: 0)
            let result = OfferWorkflowResult(
                placement: change.placement,
                message: "resumed \(key) (\(placement.campaignID)): \(change.placement.state.rawValue), status \(status)")
            try record(change.placement, now, change.events, completing: result)
            return result
        }
    }

    /// The seed's three steps: copy the platform offer (same fields, no external id), then disable the
    /// original; the placement becomes excluded and records the copy. Each step is recorded before and
    /// after its call (`workflowStep`), so running it again after an interruption finishes the job
    /// without a second copy.
    public func exclude(_ key: OfferKey, campaignID: String? = nil) async throws(WorkflowError) -> OfferWorkflowResult {
        try await perform(.exclude, key, campaignID) { placement, now in
            var current = placement
            let originalID = placement.platformOfferID!
            var step = current.workflowStep.flatMap(ExcludeStep.init(rawValue:))
            if step == nil || step == .copying {
                if step == nil {
                    current.workflowStep = ExcludeStep.copying.rawValue
                    try record(current, now, [])
                }
                let copyID = try await makeMarkedCopy(of: originalID)
                current.copyPlatformOfferID = copyID
                current.workflowStep = ExcludeStep.copied.rawValue
                try record(current, now, [event(.duplicated, current, copyID, "exclude, step 1 of 3: copied offer \(originalID) to \(copyID)")])
                step = .copied
            }
            if step == .copied, let copyID = current.copyPlatformOfferID {
                try await call("removing the external id of copy \(copyID)") { () throws(PlatformError) in
                    try await platform.editOffer(id: copyID, PlatformOfferFields(externalOfferID: ""))
                }
                current.workflowStep = ExcludeStep.copyDetached.rawValue
                try record(
                    current, now,
                    [
                        event(
                            .detached, current, copyID,
                            "exclude, step 2 of 3: removed the external offer id of copy \(copyID)")
                    ])
                step = .copyDetached
            }
            let copyID = current.copyPlatformOfferID
            do throws(PlatformError) {
                try await platform.setStatus(.stopped, offerIDs: [originalID])
            } catch {
                // Deleted meanwhile: the original is out of the sync anyway.
                guard case .notFound = error else { throw WorkflowError.platform(error, step: "disabling offer \(originalID)") }
            }
            current.state = .excluded
            current.excludedAt = now
            current.reason = "excluded by the operator" + (copyID.map { ": copy \($0) is the operator's to run" } ?? "")
            current.lastPushed = (current.lastPushed ?? PlatformOfferFields()).overlaid(with: PlatformOfferFields(status: .stopped))
            current.lastPushedAt = now
            current.lastError = nil
            current.workflowStep = ExcludeStep.done.rawValue
            let result = OfferWorkflowResult(
                placement: current, copyPlatformOfferID: copyID,
                message: "excluded \(key) (\(placement.campaignID)): offer \(originalID) disabled"
                    + (copyID.map { ", copy \($0) has no external id" } ?? ""))
            try record(
                current, now,
                [
                    event(
                        .excluded, current, originalID,
                        "exclude, step 3 of 3: disabled offer \(originalID); excluded for ever"
                            + (copyID.map { ", copy \($0) is the operator's" } ?? ""))
                ], completing: result)
            return result
        }
    }

    /// A copy of the platform offer with the same fields and no external offer id; the original and
    /// its placement are left as they are. Answers the copy's id.
    public func duplicate(_ key: OfferKey, campaignID: String? = nil) async throws(WorkflowError) -> OfferWorkflowResult {
        try await perform(.duplicate, key, campaignID) { placement, now in
            let originalID = placement.platformOfferID!
            let copyID = try await makeMarkedCopy(of: originalID)
            try await call("removing the external id of copy \(copyID)") { () throws(PlatformError) in
                try await platform.editOffer(id: copyID, PlatformOfferFields(externalOfferID: ""))
            }
            let result = OfferWorkflowResult(
                placement: placement, copyPlatformOfferID: copyID,
                message: "copied offer \(originalID) of \(key) (\(placement.campaignID)) to \(copyID)")
            try record(
                nil, now, [event(.duplicated, placement, copyID, "copied offer \(originalID) to \(copyID) (no external id)")],
                completing: result)
            return result
        }
    }

    /// Removes the external offer id of the placement's platform offer: the offer stays as it is in
    /// the platform, the operator's to run by hand, and the placement is excluded.
    public func detach(_ key: OfferKey, campaignID: String? = nil) async throws(WorkflowError) -> OfferWorkflowResult {
        try await perform(.detach, key, campaignID) { placement, now in
            let id = placement.platformOfferID!
            try await call("removing the external id of offer \(id)") { () throws(PlatformError) in
                try await platform.editOffer(id: id, PlatformOfferFields(externalOfferID: ""))
            }
            var detached = placement
            detached.state = .excluded
            detached.excludedAt = now
            detached.reason = "detached by the operator: offer \(id) stays in the platform as it is"
            detached.lastPushed = (detached.lastPushed ?? PlatformOfferFields()).overlaid(with: PlatformOfferFields(externalOfferID: ""))
            detached.lastPushedAt = now
            detached.lastError = nil
            let result = OfferWorkflowResult(
                placement: detached, message: "detached \(key) (\(placement.campaignID)): offer \(id) is no longer synced")
            try record(
                detached, now, [event(.detached, detached, id, "detached by the operator: external offer id removed; excluded for ever")],
                completing: result)
            return result
        }
    }

    // MARK: - Steps

    /// Resolves the placement, checks the action, and runs `body` with write access, on the placement
    /// as stored once access is granted (a sync may have changed it meanwhile).
    private func perform(
        _ action: OfferAction, _ key: OfferKey, _ campaignID: String?,
        _ body: @escaping (Placement, Date) async throws -> OfferWorkflowResult
    ) async throws(WorkflowError) -> OfferWorkflowResult {
        let resolved = try placement(for: key, campaignID: campaignID)
        do {
            return try await access.run(sources: [key.sourceID]) {
                guard let id = resolved.id, let placement = try store.placement(id: id) else {
                    throw WorkflowError.notPlaced(key, campaignID: resolved.campaignID)
                }
                if let reason = Self.availability(of: action, for: placement, campaign: try store.campaign(id: placement.campaignID)) {
                    throw WorkflowError.unavailable(action: "\(action.rawValue) \(key) (\(placement.campaignID))", reason: reason)
                }
                return try await body(placement, clock.now())
            }
        } catch let error as WorkflowError {
            throw error
        } catch {
            throw .store(WorkspaceInspection.words(for: error, storePath: store.path))
        }
    }

    /// The copy of `originalID` carrying its marker: an earlier copy still marked (an interrupted
    /// duplicate or exclude, or a create whose answer was lost) is taken instead of making another.
    private func makeMarkedCopy(of originalID: Int) async throws -> Int {
        let marker = Self.copyMarker(ofPlatformOffer: originalID)
        let lookUp = { () async throws -> Int? in
            try await call("looking up an earlier copy of offer \(originalID)") { () throws(PlatformError) in
                try await platform.offers(externalOfferID: marker)
            }.map(\.id).max()
        }
        if let earlier = try await lookUp() { return earlier }
        let original = try await call("reading offer \(originalID)") { () throws(PlatformError) in try await platform.offer(id: originalID) }
        guard let original else {
            throw WorkflowError.platform(.notFound(id: originalID), step: "reading offer \(originalID)")
        }
        var fields = original.fields
        fields.externalOfferID = marker
        do {
            return try await platform.createOffer(fields)
        } catch {
            if case .outcomeUnknown = error, let made = try? await lookUp() { return made }
            throw WorkflowError.platform(error, step: "copying offer \(originalID) (run it again: an earlier copy is found, not made twice)")
        }
    }

    private func call<T>(_ step: String, _ body: () async throws(PlatformError) -> T) async throws(WorkflowError) -> T {
        do { return try await body() } catch { throw .platform(error, step: step) }
    }

    /// The campaign, stored offer, source and settings a placement's rules need.
    private func context(of placement: Placement) throws -> (Campaign, DemandOffer?, Source, SyncSettings) {
        guard let campaign = try store.campaign(id: placement.campaignID) else { throw WorkflowError.unknownCampaign(placement.campaignID) }
        guard let source = try store.source(id: placement.offerKey.sourceID) else {
            throw WorkflowError.store("source \(placement.offerKey.sourceID) of offer \(placement.offerKey) is gone")
        }
        return (campaign, try store.offer(placement.offerKey), source, try store.syncSettings())
    }

    /// Writes the placement (when given) and its events in one transaction. The last write of an
    /// action gives its result (`completing`): run from the queue, the action is recorded done in the
    /// same transaction (`OperatorActionContext`), so a crash leaves it either undone or done, never
    /// done but still running.
    private func record(
        _ placement: Placement?, _ now: Date, _ events: [SyncEvent],
        completing result: OfferWorkflowResult? = nil
    ) throws {
        let completion = result.flatMap { OperatorActionContext.completion($0.message, details: $0.details) }
        if let placement {
            try store.recordPlacements([(placement, events)], at: now, completing: completion)
        } else {
            try store.recordEvents(events, at: now, completing: completion)
        }
    }

    private func event(_ kind: SyncEventKind, _ placement: Placement, _ platformOfferID: Int?, _ message: String) -> SyncEvent {
        SyncEvent(
            at: clock.now(), sourceID: placement.offerKey.sourceID, offerExternalID: placement.offerKey.externalID,
            campaignID: placement.campaignID, platformOfferID: platformOfferID, kind: kind,
            message: "\(placement.campaignID) \(placement.offerKey): \(message)")
    }
}
