import CPAPIKit

/// Why `:platform`'s Enter or details' `P` cannot act now.
extension ConsoleRules {
    static func platformReason(_ command: ConsoleCommand, in state: ConsoleState) -> String? {
        switch command {
        case .platformOfferDetails:
            guard let row = selectedPlatformRow(state) else { return "no platform offer selected" }
            return row.offer == nil ? "platform offer \(row.id) belongs to no synced offer (a copy, or made by hand)" : nil
        case .openPlatformOffer:
            guard state.platform.kind == .local else {
                return ":platform shows the local platform; this workspace writes to \(state.platform.kind.rawValue)"
            }
            guard let row = offerInFocus(state) else { return "no offer selected" }
            let placements = row.placements.filter { state.scopeCampaign == nil || $0.campaignID == state.scopeCampaign }
            guard !placements.isEmpty else {
                return state.scopeCampaign.map { "offer \(row.key) is not in campaign \($0)" } ?? "offer \(row.key) is in no campaign"
            }
            return placements.contains { $0.platformOfferID != nil } ? nil : "not in the platform yet (waiting to be created)"
        default:
            return nil
        }
    }

    /// The row under `:platform`'s selection, when it is on top and read.
    static func selectedPlatformRow(_ state: ConsoleState) -> PlatformOfferRow? {
        guard case .platform(let offers?, let table)? = state.topOverlay, !offers.isEmpty else { return nil }
        return offers[min(table.selected, offers.count - 1)]
    }
}
