import CPAPIKit
import TUI

/// Offer actions on an offer several campaigns placed: they act on the campaign the view is
/// narrowed to, else the operator picks one (`CampaignPicker`): never a silent choice.
extension ConsoleUpdate {
    /// `p`, `x`, `c`, `u` (and details' `P`) on `row`.
    static func offerCommand(_ s: inout ConsoleState, _ command: ConsoleCommand, _ row: OfferRow) -> [ConsoleEffect] {
        if let campaign = s.scopeCampaign { return offerCommand(&s, command, row, campaign: campaign) }
        // A single placement is the kit's to find (nil); several are the operator's to choose from.
        guard row.placements.count > 1 else { return offerCommand(&s, command, row, campaign: nil) }
        s.overlays.append(.campaignPicker(CampaignPicker(command: command, key: row.key, choices: row.placements)))
        return []
    }

    /// `command` on `row`'s placement in `campaign` (nil: its only placement).
    static func offerCommand(_ s: inout ConsoleState, _ command: ConsoleCommand, _ row: OfferRow, campaign: String?) -> [ConsoleEffect] {
        let key = row.key
        switch command {
        case .pauseResume:
            return ask(&s, ConsoleRules.resumes(row, campaignID: campaign) ? .resume(key, campaignID: campaign) : .pause(key, campaignID: campaign))
        case .exclude: return ask(&s, .exclude(key, campaignID: campaign))
        case .duplicate: return ask(&s, .duplicate(key, campaignID: campaign))
        case .detach: return ask(&s, .detach(key, campaignID: campaign))
        case .openPlatformOffer:
            guard let id = row.placement(in: campaign)?.platformOfferID else { return [] }
            return openPlatform(&s, jumpTo: id)
        default:
            return []
        }
    }

    /// The picker's commands (its modal context in the binding table): ↑/↓ choose, Enter acts on
    /// the chosen campaign (or says why it cannot), Esc cancels.
    static func runPicker(_ s: inout ConsoleState, _ command: PromptCommand) -> [ConsoleEffect] {
        guard case .campaignPicker(var picker)? = s.topOverlay else { return [] }
        switch command {
        case .pickPrevious: picker.selected = max(0, picker.selected - 1)
        case .pickNext: picker.selected = min(picker.choices.count - 1, picker.selected + 1)
        case .cancelPick:
            s.overlays.removeLast()
            s.status = StatusMessage("\(picker.label): cancelled, nothing changed")
            return []
        case .pick:
            let campaign = picker.choices[picker.selected].campaignID
            guard let index = s.offers.index.row(of: picker.key) else {
                s.overlays.removeLast()
                s.status = StatusMessage("offer \(picker.key) is no longer stored", isError: true)
                return []
            }
            let row = s.offers.index.rows[index]
            if let reason = pickReason(picker.command, row, campaign, in: s) {
                s.status = StatusMessage("\(campaign): \(reason)", isError: true)
                return []
            }
            s.overlays.removeLast()
            return offerCommand(&s, picker.command, row, campaign: campaign)
        default:
            return []
        }
        s.overlays[s.overlays.count - 1] = .campaignPicker(picker)
        return []
    }

    /// Why `command` cannot act on `row`'s placement in `campaign` (shown beside the choice too).
    static func pickReason(_ command: ConsoleCommand, _ row: OfferRow, _ campaign: String, in state: ConsoleState) -> String? {
        guard command == .openPlatformOffer else { return ConsoleRules.offerActionReason(command, row: row, campaignID: campaign, in: state) }
        return row.placement(in: campaign)?.platformOfferID == nil ? "not in the platform yet (waiting to be created)" : nil
    }
}
