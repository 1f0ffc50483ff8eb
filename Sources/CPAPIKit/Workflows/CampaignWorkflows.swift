import Foundation

/// The operator's actions on one campaign, one call each (`cpapi-tui campaign …` and the console).
///
/// Enable, disable and delete change only the campaign: the engine freezes the placements of a
/// disabled or deleted campaign (rule 7) and takes them up again once it is enabled. Retire (seed
/// FAQ 3) sets the status default to paused (or disabled), pushes that status to every placement in
/// the platform now (excluded ones are never written), then turns the campaign off.
public struct CampaignWorkflows: Sendable {
    public let store: any WorkflowStore
    public let platform: any Platform
    public let clock: any SyncClock
    let access: WorkflowAccess
    /// Offers per mass status update.
    var statusBatchSize = 100

    /// - Parameter gate: shared with the scheduler of this process (`WorkspaceEngine` wires both).
    public init(
        store: any WorkflowStore, platform: any Platform, clock: any SyncClock = SystemClock(),
        gate: SourceWriteGate = SourceWriteGate()
    ) {
        self.store = store; self.platform = platform; self.clock = clock
        self.access = WorkflowAccess(store: store, gate: gate, clock: clock)
    }

    /// Why `action` cannot apply to `campaign` now, or nil when it can (for the console's hints).
    public static func availability(of action: CampaignAction, for campaign: Campaign) -> String? {
        switch action {
        case .enable: return campaign.isActive ? "already enabled" : nil
        case .disable:
            if campaign.deletedAt != nil { return "deleted" }
            return campaign.enabled ? nil : "already disabled"
        case .delete: return campaign.deletedAt != nil ? "already deleted" : nil
        case .retire:
            if campaign.deletedAt != nil { return "deleted: its offers are frozen" }
            return campaign.enabled ? nil : "disabled: its offers are frozen (enable it first to retire it)"
        }
    }

    /// Turns the campaign on (a deleted one is restored): the next sync takes its placements up again.
    public func enable(_ id: String) async throws(WorkflowError) -> Campaign {
        try change(id, .enable, "enabled", completing: "enabled campaign \(id)") {
            $0.enabled = true; $0.deletedAt = nil
        }
    }

    /// Turns the campaign off: its placements are frozen as they are.
    public func disable(_ id: String) async throws(WorkflowError) -> Campaign {
        try change(id, .disable, "disabled", completing: "disabled campaign \(id)") { $0.enabled = false }
    }

    /// Deletes the campaign for the operator: its placements stay frozen as they are.
    public func delete(_ id: String) async throws(WorkflowError) -> Campaign {
        try change(id, .delete, "deleted", completing: "deleted campaign \(id)") { [now = clock.now()] in $0.deletedAt = now }
    }

    /// Sets the status default to paused (`disable`: disabled), pushes that status now to every
    /// placement in the platform except excluded ones, then turns the campaign off. When some pushes
    /// fail, the campaign stays on (the next sync keeps pushing the new default) and the error says
    /// how many; running it again finishes the job.
    public func retire(_ id: String, disable: Bool = false) async throws(WorkflowError) -> CampaignRetirement {
        let target: StatusDefault = disable ? .disabled : .paused
        let status: PlatformStatus = disable ? .stopped : .suspended
        _ = try change(id, .retire, "retiring: status default set to \(target.rawValue)") { $0.defaults.status = target }
        let sources: [String]
        do { sources = Array(Set(try store.placements(campaignID: id).map(\.offerKey.sourceID))) } catch {
            throw .store(WorkspaceInspection.words(for: error, storePath: store.path))
        }
        let placements: [Placement], inPlay: [Placement], failures: [String]
        do {
            // Read again with access granted: a sync of these sources may have changed them meanwhile.
            (placements, inPlay, failures) = try await access.run(sources: sources) {
                let placements = try store.placements(campaignID: id)
                let inPlay = placements.filter { $0.state != .excluded && $0.platformOfferID != nil }
                return (placements, inPlay, try await push(status, to: inPlay))
            }
        } catch let error as WorkflowError {
            throw error
        } catch {
            throw .store(WorkspaceInspection.words(for: error, storePath: store.path))
        }
        guard failures.isEmpty else {
            throw .partial(
                "retiring campaign \(id): \(failures.count) of \(inPlay.count) offers could not be set to "
                    + "\(status.rawValue) (the first: \(failures[0])); the campaign stays on with status default "
                    + "\(target.rawValue): run retire again to finish")
        }
        let skipped = placements.count - inPlay.count
        let off = try change(
            id, nil, "retired: \(inPlay.count) offers set to \(status.rawValue), campaign turned off",
            completing: CampaignRetirement.message(id, status: status, pushed: inPlay.count, skipped: skipped)
        ) {
            $0.enabled = false
        }
        return CampaignRetirement(campaign: off, status: status, pushed: inPlay.count, skipped: skipped)
    }

    // MARK: -

    /// Pushes `status` to the placements' offers in mass updates (a failed batch is retried offer by
    /// offer), recording each result with its event; answers the failures in words.
    private func push(_ status: PlatformStatus, to placements: [Placement]) async throws -> [String] {
        var failures: [String] = []
        for start in stride(from: 0, to: placements.count, by: statusBatchSize) {
            let batch = Array(placements[start..<min(start + statusBatchSize, placements.count)])
            var results: [(Placement, PlatformError?)] = []
            do throws(PlatformError) {
                try await platform.setStatus(status, offerIDs: batch.map { $0.platformOfferID! })
                results = batch.map { ($0, nil) }
            } catch {
                for placement in batch {
                    do throws(PlatformError) {
                        try await platform.setStatus(status, offerIDs: [placement.platformOfferID!])
                        results.append((placement, nil))
                    } catch {
                        results.append((placement, error))
                    }
                }
            }
            let now = clock.now()
            let finished = results
            var recorded: [(placement: Placement, events: [SyncEvent])] = []
            for (placement, error) in finished {
                var updated = placement
                let id = placement.platformOfferID!
                let event: SyncEvent
                if let error {
                    updated.lastError = error.description
                    failures.append("\(placement.offerKey) (offer \(id)): \(error)")
                    event = Self.event(.writeFailed, updated, "retire: status change to \(status.rawValue) failed: \(error)", now)
                } else {
                    updated.lastPushed = (updated.lastPushed ?? PlatformOfferFields()).overlaid(with: PlatformOfferFields(status: status))
                    updated.lastPushedAt = now
                    updated.lastError = nil
                    event = Self.event(.statusPushed, updated, "retire: status set to \(status.rawValue)", now)
                }
                recorded.append((updated, [event]))
            }
            try store.recordPlacements(recorded, at: now)
        }
        return failures
    }

    /// Changes the stored campaign and records a `campaign_changed` event, in one transaction.
    /// `action` is checked for availability first (nil: no check). The action's last write says its
    /// result (`completing`): run from the queue, the action is recorded done in the same transaction.
    private func change(
        _ id: String, _ action: CampaignAction?, _ what: String, completing message: String? = nil,
        _ edit: @escaping (inout Campaign) -> Void
    ) throws(WorkflowError) -> Campaign {
        let now = clock.now()
        let completion = message.flatMap { OperatorActionContext.completion($0) }
        do {
            return try store.changeCampaign(id: id, at: now, what: what, completing: completion) { campaign in
                if let action, let reason = Self.availability(of: action, for: campaign) {
                    throw WorkflowError.unavailable(action: "\(action.rawValue) campaign \(id)", reason: reason)
                }
                edit(&campaign)
            }
        } catch let error as WorkflowError {
            throw error
        } catch {
            throw .store(WorkspaceInspection.words(for: error, storePath: store.path))
        }
    }

    private static func event(_ kind: SyncEventKind, _ placement: Placement, _ message: String, _ at: Date) -> SyncEvent {
        SyncEvent(
            at: at, sourceID: placement.offerKey.sourceID, offerExternalID: placement.offerKey.externalID,
            campaignID: placement.campaignID, platformOfferID: placement.platformOfferID, kind: kind,
            message: "\(placement.campaignID) \(placement.offerKey): \(message)")
    }
}
