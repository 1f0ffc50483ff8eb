import Foundation

/// The queued action the current task applies, so that a workflow's last write records it done in
/// the same transaction (`WorkflowStore.recordPlacements(_:at:completing:)` and its siblings).
public enum OperatorActionContext {
    struct Running: Sendable {
        let id: Int64
        let claimedBy: String
    }

    @TaskLocal static var current: Running?

    /// The completion a workflow's last write records (nil when not run from the queue).
    static func completion(_ message: String, details: [String: String] = [:]) -> OperatorActionCompletion? {
        current.map { OperatorActionCompletion(id: $0.id, claimedBy: $0.claimedBy, succeeded: true, message: message, details: details) }
    }
}

/// Applies one queued action through the workflows (the same code an action run in its own process
/// always ran), answering how it ended. Used by the lease holder's `OperatorActionRunner` and by a
/// requesting process that took the lease itself.
public struct OperatorActionApplier: Sendable {
    /// Runs a source now (nil: every source) and says so in a line: the scheduler's `syncNow`, a
    /// one-off sync, or a refusal.
    public typealias SyncNow = @Sendable (_ sourceID: String?) async throws -> String

    public let queue: any ActionQueueStore
    public let store: any WorkflowStore
    public let offers: OfferWorkflows
    public let campaigns: CampaignWorkflows
    public let clock: any SyncClock

    public init(
        queue: any ActionQueueStore, store: any WorkflowStore, offers: OfferWorkflows, campaigns: CampaignWorkflows,
        clock: any SyncClock = SystemClock()
    ) {
        self.queue = queue; self.store = store; self.offers = offers; self.campaigns = campaigns; self.clock = clock
    }

    /// Applies `action`, claimed by `claimedBy`, and records how it ended: in the workflow's own last
    /// write when it succeeded (the finish after it then changes nothing), in a transaction of its own
    /// otherwise. Never throws: a failure is the action's result.
    @discardableResult
    func apply(_ action: OperatorActionRecord, claimedBy: String, syncNow: SyncNow?) async -> OperatorActionCompletion {
        let running = OperatorActionContext.Running(id: action.id, claimedBy: claimedBy)
        let completion: OperatorActionCompletion
        do {
            let (message, details) = try await OperatorActionContext.$current.withValue(running) {
                try await run(action.request, syncNow: syncNow)
            }
            completion = OperatorActionCompletion(id: action.id, claimedBy: claimedBy, succeeded: true, message: message, details: details)
        } catch WorkflowError.unavailable(let what, let reason) where action.attempts > 1 && reason.hasPrefix("already") {
            // Run again after its holder died: what it asks for holds already (a command repeated
            // meanwhile did it: an interrupted action is finished by running it again). Its intent
            // is met, which is what the operator asked for.
            completion = OperatorActionCompletion(
                id: action.id, claimedBy: claimedBy, succeeded: true,
                message: "\(what): \(reason) (run again after an interruption: nothing left to do)")
        } catch {
            completion = OperatorActionCompletion(id: action.id, claimedBy: claimedBy, succeeded: false, message: "\(error)")
        }
        // A finish that cannot be written leaves the action running: the next holder re-runs it,
        // which the workflows' own resume makes safe (see `OperatorActionQueue`).
        try? queue.finishOperatorAction(completion, at: clock.now())
        return completion
    }

    private func run(_ request: OperatorActionRequest, syncNow: SyncNow?) async throws -> (String, [String: String]) {
        let campaign = request.arguments["campaign"]
        if let offerAction = request.kind.offerAction {
            guard let key = OfferKey(parsing: request.target) else {
                throw WorkflowError.unavailable(action: request.summary, reason: "not an offer reference (SOURCE:EXTERNAL_ID)")
            }
            let result: OfferWorkflowResult
            switch offerAction {
            case .pause: result = try await offers.pause(key, campaignID: campaign)
            case .resume: result = try await offers.resume(key, campaignID: campaign)
            case .exclude: result = try await offers.exclude(key, campaignID: campaign)
            case .duplicate: result = try await offers.duplicate(key, campaignID: campaign)
            case .detach: result = try await offers.detach(key, campaignID: campaign)
            }
            return (result.message, result.details)
        }
        let id = request.target
        switch request.kind {
        case .pause, .resume, .exclude, .duplicate, .detach:
            preconditionFailure("offer actions are handled above")
        case .campaignEnable:
            _ = try await campaigns.enable(id)
            return ("enabled campaign \(id)", [:])
        case .campaignDisable:
            _ = try await campaigns.disable(id)
            return ("disabled campaign \(id)", [:])
        case .campaignDelete:
            _ = try await campaigns.delete(id)
            return ("deleted campaign \(id)", [:])
        case .campaignRetire:
            return (try await campaigns.retire(id, disable: request.arguments["disable"] == "true").message, [:])
        case .sourceDelete:
            guard let source = try store.source(id: id) else { throw OperatorActionError.refused("unknown source \"\(id)\"") }
            if source.isArchived { return ("source \(id) was already deleted", [:]) }
            let message = "deleted source \(id)"
            _ = try store.archiveSource(id: id, at: clock.now(), completing: OperatorActionContext.completion(message))
            return (message, [:])
        case .syncNow:
            guard let syncNow else {
                throw OperatorActionError.refused("this process cannot sync now: run `cpapi-tui sync --once --source ID`")
            }
            return (try await syncNow(id == "*" ? nil : id), [:])
        }
    }
}

/// Why an action could not be accepted, applied or waited for.
public enum OperatorActionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The action itself was refused (its message says why).
    case refused(String)
    /// The action did not finish within the time asked for; `state` says where it is.
    case timedOut(id: Int64, message: String)
    /// Reading or writing the queue failed.
    case store(String)

    public var description: String {
        switch self {
        case .refused(let why): return why
        case .timedOut(_, let message): return message
        case .store(let why): return "workspace: \(why)"
        }
    }
}
