import Foundation

/// What an operator asked for, as queued in the workspace (`operator_actions`): any process may ask,
/// the process holding the sync lease applies it (see `OperatorActionQueue`).
public enum OperatorActionKind: String, Sendable, CaseIterable, Codable {
    /// Offer actions: target `SOURCE:ID`, argument `campaign` when named.
    case pause, resume, exclude, duplicate, detach
    /// Campaign actions: target the campaign's id; retire takes argument `disable` = `true`.
    case campaignEnable = "campaign_enable"
    case campaignDisable = "campaign_disable"
    case campaignDelete = "campaign_delete"
    case campaignRetire = "campaign_retire"
    /// Target the source's id.
    case sourceDelete = "source_delete"
    /// Run a source (target its id, or `*` for every source) now, outside its schedule.
    case syncNow = "sync_now"

    /// The offer workflow this kind runs, if it is an offer action.
    public var offerAction: OfferAction? { OfferAction(rawValue: rawValue) }
}

/// Where a queued action is: `queued` until the lease holder claims it, `running` while it applies,
/// then `done` or `failed` with its result message.
public enum OperatorActionState: String, Sendable, CaseIterable, Codable {
    case queued, running, done, failed

    public var isFinished: Bool { self == .done || self == .failed }
}

/// One action to queue: its kind, what it acts on, and its options.
public struct OperatorActionRequest: Sendable, Equatable {
    public var kind: OperatorActionKind
    public var target: String
    public var arguments: [String: String]

    public init(kind: OperatorActionKind, target: String, arguments: [String: String] = [:]) {
        self.kind = kind; self.target = target; self.arguments = arguments
    }

    public static func offer(_ action: OfferAction, _ key: OfferKey, campaignID: String? = nil) -> Self {
        Self(
            kind: OperatorActionKind(rawValue: action.rawValue)!, target: key.description,
            arguments: campaignID.map { ["campaign": $0] } ?? [:])
    }

    public static func campaign(_ action: CampaignAction, _ id: String, disable: Bool = false) -> Self {
        let kind: OperatorActionKind
        switch action {
        case .enable: kind = .campaignEnable
        case .disable: kind = .campaignDisable
        case .delete: kind = .campaignDelete
        case .retire: kind = .campaignRetire
        }
        return Self(kind: kind, target: id, arguments: disable ? ["disable": "true"] : [:])
    }

    public static func deleteSource(_ id: String) -> Self { Self(kind: .sourceDelete, target: id) }

    /// nil: every source.
    public static func syncNow(sourceID: String?) -> Self { Self(kind: .syncNow, target: sourceID ?? "*") }

    /// The source whose placements the action writes (its lane: actions of one source apply in order).
    var sourceID: String? {
        switch kind {
        case .pause, .resume, .exclude, .duplicate, .detach: return OfferKey(parsing: target)?.sourceID
        case .sourceDelete, .syncNow: return target
        case .campaignEnable, .campaignDisable, .campaignDelete, .campaignRetire: return nil
        }
    }

    /// One line naming it, for messages: `pause alpha:12 (campaign one)`.
    public var summary: String {
        let verb = kind.rawValue.replacingOccurrences(of: "_", with: " ")
        let campaign = arguments["campaign"].map { " (campaign \($0))" } ?? ""
        return "\(verb) \(target)\(campaign)"
    }
}

/// A queued action as stored, with where it is.
public struct OperatorActionRecord: Sendable, Equatable, Identifiable {
    public var id: Int64
    public var request: OperatorActionRequest
    /// `pid@host` of the process that asked.
    public var requestedBy: String
    public var requestedAt: Date
    public var state: OperatorActionState
    /// One line for the operator, once finished.
    public var result: String?
    /// What the action made besides its message (`copy_platform_offer_id`, `placement_id`).
    public var details: [String: String]
    public var startedAt: Date?
    public var finishedAt: Date?
    /// `pid@host` of the lease holder that claimed it (while running, and after).
    public var claimedBy: String?
    /// How often a holder claimed it: more than once when a holder died applying it (or lost the
    /// lease), and the next one runs it again.
    public var attempts: Int

    public init(
        id: Int64, request: OperatorActionRequest, requestedBy: String, requestedAt: Date,
        state: OperatorActionState = .queued, result: String? = nil, details: [String: String] = [:],
        startedAt: Date? = nil, finishedAt: Date? = nil, claimedBy: String? = nil, attempts: Int = 0
    ) {
        self.id = id; self.request = request; self.requestedBy = requestedBy; self.requestedAt = requestedAt
        self.state = state; self.result = result; self.details = details
        self.startedAt = startedAt; self.finishedAt = finishedAt; self.claimedBy = claimedBy; self.attempts = attempts
    }

    /// `pid@host`, as `requested_by` and `claimed_by` store a process.
    public static func processName(pid: Int32, host: String) -> String { "\(pid)@\(host)" }
}

/// How a queued action ended, recorded by the lease holder in the same transaction as the
/// workflow's own last write (see `OperatorActionContext`), or on its own when the action failed.
public struct OperatorActionCompletion: Sendable, Equatable {
    public var id: Int64
    /// `pid@host` of the holder that claimed it: a finish by anyone else (a holder that lost the lease
    /// and whose action was taken over) is ignored.
    public var claimedBy: String
    public var succeeded: Bool
    public var message: String
    public var details: [String: String]

    public init(id: Int64, claimedBy: String, succeeded: Bool, message: String, details: [String: String] = [:]) {
        self.id = id; self.claimedBy = claimedBy; self.succeeded = succeeded; self.message = message; self.details = details
    }
}
