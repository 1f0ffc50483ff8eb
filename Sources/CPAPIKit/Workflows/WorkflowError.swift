import Foundation

/// Why an operator action (pause, resume, exclude, duplicate, detach, campaign changes) did not happen,
/// or did not finish. Each case reads as one line for the CLI and the console.
public enum WorkflowError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No stored offer has this key.
    case unknownOffer(OfferKey)
    case unknownCampaign(String)
    /// The offer is stored but no campaign (or not the one named) has placed it.
    case notPlaced(OfferKey, campaignID: String?)
    /// Several campaigns placed the offer and none was named: these are the candidates.
    case ambiguous(OfferKey, campaignIDs: [String])
    /// The action cannot apply to this placement or campaign now; `reason` says why.
    case unavailable(action: String, reason: String)
    /// Another process syncs the workspace: its writes and ours would race.
    case syncInProgress(SyncLeaseHolder)
    /// The platform refused or failed the call; what was done before it is recorded.
    case platform(PlatformError, step: String)
    /// Some writes of a campaign-wide action failed; the others are recorded. Running it again finishes it.
    case partial(String)
    /// The platform could not be set up from the workspace's settings.
    case setup(String)
    /// Reading or writing the workspace failed.
    case store(String)

    public var description: String {
        switch self {
        case .unknownOffer(let key): return "unknown offer \(key)"
        case .unknownCampaign(let id): return "unknown campaign \"\(id)\""
        case .notPlaced(let key, let campaignID):
            if let campaignID { return "campaign \(campaignID) has no placement for offer \(key)" }
            return "no campaign has placed offer \(key) (run a sync first, or check the campaigns' scope and filters)"
        case .ambiguous(let key, let campaignIDs):
            return "offer \(key) is placed by several campaigns (\(campaignIDs.joined(separator: ", "))): name one with --campaign"
        case .unavailable(let action, let reason): return "cannot \(action): \(reason)"
        case .syncInProgress(let holder):
            return "the workspace is being synced by pid \(holder.pid) on \(holder.host) "
                + "(since \(holder.acquiredAt.formatted(.iso8601))): act from that process's console, or stop it first"
        case .platform(let error, let step): return "\(step) failed: \(error)"
        case .partial(let why): return why
        case .setup(let why): return why
        case .store(let why): return "workspace: \(why)"
        }
    }
}
