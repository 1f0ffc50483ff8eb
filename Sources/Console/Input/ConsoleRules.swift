import CPAPIKit

/// Whether an action can act on what is selected now, and if not, why: the reasons the hint bar
/// and the help show and the status line repeats when the key is pressed anyway.
public enum ConsoleRules {
    public static func disabledReason(_ command: ConsoleCommand, in state: ConsoleState) -> String? {
        switch command {
        case .pauseResume, .exclude, .duplicate, .detach, .details:
            guard let row = offerInFocus(state) else { return "no offer selected" }
            if command == .details { return nil }
            return offerActionReason(command, row: row, campaignID: targetCampaign(row, scope: state.scopeCampaign))
        case .syncSource:
            if let reason = syncReason(state) { return reason }
            if state.focus == .offers || isDetails(state) {
                return offerInFocus(state) == nil ? "no offer selected" : nil
            }
            return state.selectedSource == nil ? "no source selected" : nil
        case .syncAll:
            if let reason = syncReason(state) { return reason }
            return state.sources.isEmpty ? "no sources configured: apply a config file first" : nil
        case .narrow:
            switch state.focus {
            case .sources: return state.selectedSource == nil ? "no source selected" : nil
            case .campaigns: return state.selectedCampaign == nil ? "no campaign selected" : nil
            default: return nil
            }
        case .deleteSource:
            return state.selectedSource == nil ? "no source selected" : nil
        case .toggleCampaign:
            return state.selectedCampaign == nil ? "no campaign selected" : nil
        case .retireCampaign:
            guard let campaign = state.selectedCampaign else { return "no campaign selected" }
            return campaign.enabled ? nil : "campaign \(campaign.id) is already off"
        case .edit:
            if state.focus == .campaigns { return state.selectedCampaign == nil ? "no campaign selected" : nil }
            return state.selectedSource == nil ? "no source selected" : nil
        case .platformDisable, .platformDelete:
            guard case .platform(let offers, let table)? = state.topOverlay, let offers, !offers.isEmpty else {
                return "no platform offer selected"
            }
            let offer = offers[min(table.selected, offers.count - 1)]
            if command == .platformDisable && offer.status == .stopped { return "offer \(offer.id) is already disabled" }
            return nil
        case .openReports, .downloadReversals, .stopDownload, .reportOfferDetails:
            return ReportsUpdate.disabledReason(command, in: state)
        case .openFilter:
            if case .help? = state.topOverlay { return "help has no filter: Esc closes it, then / filters the offers" }
            return nil
        case .platformOfferDetails, .openPlatformOffer:
            return platformReason(command, in: state)
        case .findNext, .findPrevious:
            return state.detailsFind.isActive ? nil : "nothing to find: / finds text in the details"
        default:
            return nil
        }
    }

    /// Why `command` cannot act on `row`'s placement(s) in `campaignID` (all campaigns when nil).
    static func offerActionReason(_ command: ConsoleCommand, row: OfferRow, campaignID: String?) -> String? {
        let targets = row.placements.filter { campaignID == nil || $0.campaignID == campaignID }
        guard !targets.isEmpty else {
            return campaignID.map { "offer \(row.key) is not in campaign \($0)" } ?? "offer \(row.key) is in no campaign"
        }
        if command == .duplicate {
            return targets.contains { $0.platformOfferID != nil } ? nil : "not in the platform yet (waiting to be created)"
        }
        let open = targets.filter { $0.state != .excluded }
        guard !open.isEmpty else { return "already excluded: the sync no longer writes this offer" }
        let on = open.filter(\.campaignEnabled)
        guard !on.isEmpty else {
            return "campaign \(open[0].campaignID) is off: its offers are frozen (turn it on with Space in Campaigns)"
        }
        if command == .exclude || command == .detach {
            guard on.contains(where: { $0.platformOfferID != nil }) else { return "not in the platform yet (waiting to be created)" }
        }
        return nil
    }

    static func syncReason(_ state: ConsoleState) -> String? {
        switch state.scheduler {
        case .heldElsewhere(let holder)?:
            // The holder seen to stop: not "synced by" it while this console takes the schedule over.
            if let stopped = state.stoppedHolder { return "holder \(stopped.label) stopped: this console is taking over the sync" }
            return "synced by \(holder): sync from there"
        case .unavailable(let why)?: return why
        case nil, .running?: return nil
        }
    }

    static func isDetails(_ state: ConsoleState) -> Bool {
        if case .details? = state.topOverlay { return true }
        return false
    }

    /// The offer the offer actions apply to: the details screen's offer, else the table's selection.
    public static func offerInFocus(_ state: ConsoleState) -> OfferRow? {
        if case .details(let key, _, _)? = state.topOverlay {
            return state.offers.index.row(of: key).map { state.offers.index.rows[$0] }
        }
        return state.selectedRow
    }

    /// The campaign an offer action names before it runs: the one the table is narrowed to, else
    /// none (a single placement is the kit's to find; for several the operator picks one,
    /// `ConsoleUpdate.offerCommand`): never a silent choice.
    public static func targetCampaign(_ row: OfferRow, scope: String?) -> String? { scope }

    /// Whether pressing `p` now resumes (every targeted placement is held) rather than pauses.
    static func resumes(_ row: OfferRow, campaignID: String?) -> Bool {
        let targets = row.placements.filter { (campaignID == nil || $0.campaignID == campaignID) && $0.state != .excluded }
        return !targets.isEmpty && targets.allSatisfy { $0.state == .held }
    }
}
