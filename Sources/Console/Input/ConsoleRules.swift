import CPAPIKit

/// When a binding of `ConsoleBindings.table` cannot act on what is selected now, and why: the rules
/// its bindings carry (`disabledWhen:`). The hint bar and the help show the reasons; the status line
/// repeats them when the key is pressed anyway. The offer and campaign actions ask the kit's own
/// rules (`OfferWorkflows.availability`, `CampaignWorkflows.availability`): the console says what the
/// action itself would answer.
public enum ConsoleRules {
    typealias Rule = @Sendable (ConsoleState) -> String?

    static let offerSelected: Rule = { offerInFocus($0) == nil ? "no offer selected" : nil }
    static let sourceSelected: Rule = { $0.selectedSource == nil ? "no source selected" : nil }
    static let campaignSelected: Rule = { $0.selectedCampaign == nil ? "no campaign selected" : nil }

    /// `p`, `x`, `c`, `u` on the offer in focus (the details' offer, else the table's selection).
    static func offerAction(_ command: ConsoleCommand) -> Rule {
        { state in
            guard let row = offerInFocus(state) else { return "no offer selected" }
            return offerActionReason(command, row: row, campaignID: targetCampaign(row, scope: state.scopeCampaign), in: state)
        }
    }

    static let syncOfferSource: Rule = { syncReason($0) ?? offerSelected($0) }
    static let syncSelectedSource: Rule = { syncReason($0) ?? sourceSelected($0) }
    static let syncAll: Rule = { state in
        if let reason = syncReason(state) { return reason }
        return state.sources.isEmpty ? "no sources configured: apply a config file first" : nil
    }

    static let retireCampaign: Rule = { state in
        guard let row = state.selectedCampaign else { return "no campaign selected" }
        let campaign = Campaign(id: row.id, title: row.title, enabled: row.enabled)
        return CampaignWorkflows.availability(of: .retire, for: campaign).map { "campaign \(row.id) is \($0)" }
    }

    static let findActive: Rule = { $0.detailsFind.isActive ? nil : "nothing to find: / finds text in the details" }

    /// `x` and `D` in `:platform`.
    static func platformOffer(_ command: ConsoleCommand) -> Rule {
        { state in
            guard case .platform(let offers, let table)? = state.topOverlay, let offers, !offers.isEmpty else {
                return "no platform offer selected"
            }
            let offer = offers[min(table.selected, offers.count - 1)]
            if command == .platformDisable && offer.status == .stopped { return "offer \(offer.id) is already disabled" }
            return nil
        }
    }

    /// `:platform`'s Enter and details' `P` (`platformReason`).
    static func platformRow(_ command: ConsoleCommand) -> Rule {
        { platformReason(command, in: $0) }
    }

    /// The Reports view's keys (`ReportsUpdate.disabledReason`).
    static func reports(_ command: ConsoleCommand) -> Rule {
        { ReportsUpdate.disabledReason(command, in: $0) }
    }

    /// Why `command` cannot act on `row`'s placement in `campaignID`: the kit's answer for that
    /// placement. With no campaign named, the action can act when any placement allows it (for
    /// several, the operator then picks one: `ConsoleUpdate.offerCommand`).
    static func offerActionReason(_ command: ConsoleCommand, row: OfferRow, campaignID: String?, in state: ConsoleState) -> String? {
        let targets = row.placements.filter { campaignID == nil || $0.campaignID == campaignID }
        guard !targets.isEmpty else { return WorkflowError.notPlaced(row.key, campaignID: campaignID).description }
        var firstReason: String?
        for placement in targets {
            let action: OfferAction
            switch command {
            case .pauseResume: action = resumes(row, campaignID: placement.campaignID) ? .resume : .pause
            case .exclude: action = .exclude
            case .duplicate: action = .duplicate
            default: action = .detach
            }
            guard let reason = OfferWorkflows.availability(of: action, for: facts(placement, in: state)) else { return nil }
            firstReason = firstReason ?? reason
        }
        return firstReason
    }

    /// What the kit's rule reads of a placement the Offers table lists.
    static func facts(_ placement: PlacementBrief, in state: ConsoleState) -> PlacementFacts {
        let standing: PlacementFacts.CampaignStanding
        if placement.campaignEnabled {
            standing = .active
        } else {
            // The console lists the campaigns that are not deleted.
            standing = state.campaigns.contains { $0.id == placement.campaignID } ? .disabled : .deleted
        }
        return PlacementFacts(
            campaignID: placement.campaignID, state: placement.state, platformOfferID: placement.platformOfferID,
            reason: placement.reason, excludeInProgress: placement.excludeInProgress, campaign: standing)
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
