import CPAPIKit

/// The questions asked before destructive actions: each says exactly what will happen.
/// Actions that are easily undone (pause, resume, turning a campaign on, sync) are not asked about.
public enum Confirmations {
    /// The question for `action`, or nil when it runs without one.
    public static func question(for action: OperatorAction, in state: ConsoleState) -> PendingConfirmation? {
        switch action {
        case .pause, .resume, .sync, .setCampaignEnabled(_, true):
            return nil
        case .exclude(let key, let campaign):
            let ids = platformIDs(key, campaign, state)
            return PendingConfirmation(
                action: action, title: "Exclude \(key)?",
                message:
                    "Platform offer \(ids) \(scopeText(campaign)) will be copied without its external offer id "
                    + "(the copy is yours to run by hand), then the original is disabled. "
                    + "The sync never writes this offer again.")
        case .duplicate(let key, let campaign):
            let ids = platformIDs(key, campaign, state)
            return PendingConfirmation(
                action: action, title: "Duplicate \(key)?",
                message:
                    "A copy of platform offer \(ids) \(scopeText(campaign)) will be created without external offer id. "
                    + "The original stays as it is and stays in the sync.")
        case .detach(let key, let campaign):
            let ids = platformIDs(key, campaign, state)
            return PendingConfirmation(
                action: action, title: "Detach \(key)?",
                message:
                    "The external offer id of platform offer \(ids) \(scopeText(campaign)) will be removed. "
                    + "The offer stays in the platform as it is, but the sync never writes it again.")
        case .setCampaignEnabled(let id, _):
            return PendingConfirmation(
                action: action, title: "Turn campaign \(id) off?",
                message:
                    "Campaign \(id) stops writing to the platform: its offers stay exactly as they are now "
                    + "(frozen) until you turn it on again.")
        case .retireCampaign(let id):
            return PendingConfirmation(
                action: action, title: "Retire campaign \(id)?",
                message:
                    "Campaign \(id)'s status default becomes paused, every one of its platform offers is paused, "
                    + "then the campaign is turned off.")
        case .deleteSource(let id):
            let count = state.sources.first { $0.id == id }?.offerCount ?? 0
            return PendingConfirmation(
                action: action, title: "Delete source \(id)?",
                message:
                    "Source \(id) is archived: it is no longer fetched, and its \(count) offers are paused in the "
                    + "platform once the missing grace has passed.")
        case .platformDisable(let id):
            return PendingConfirmation(
                action: action, title: "Disable platform offer \(id)?",
                message:
                    "Plays the platform's side: offer \(id) is set to stopped in the local platform, as if someone "
                    + "disabled it by hand. The next sync sees it and excludes the offer.")
        case .platformDelete(let id):
            return PendingConfirmation(
                action: action, title: "Delete platform offer \(id)?",
                message:
                    "Plays the platform's side: offer \(id) is deleted from the local platform, as if someone "
                    + "deleted it by hand. The next sync sees it gone and excludes the offer.")
        }
    }

    private static func scopeText(_ campaign: String?) -> String {
        campaign.map { "(campaign \($0))" } ?? "(every campaign)"
    }

    private static func platformIDs(_ key: OfferKey, _ campaign: String?, _ state: ConsoleState) -> String {
        guard let i = state.offers.index.row(of: key) else { return "?" }
        let ids = state.offers.index.rows[i].placements
            .filter { campaign == nil || $0.campaignID == campaign }
            .compactMap(\.platformOfferID).map(String.init)
        return ids.isEmpty ? "?" : ids.joined(separator: ", ")
    }
}
