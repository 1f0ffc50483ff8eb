import CPAPIKit

/// The question an offer action asks when several campaigns placed the offer and the view is not
/// narrowed to one: which campaign's placement it acts on. Nothing is chosen for the operator.
public struct CampaignPicker: Sendable, Equatable {
    /// `pauseResume`, `exclude`, `duplicate`, `detach` or `openPlatformOffer`.
    public var command: ConsoleCommand
    public var key: OfferKey
    /// One per placement, as the offer's row had them when asked.
    public var choices: [PlacementBrief]
    public var selected = 0

    public init(command: ConsoleCommand, key: OfferKey, choices: [PlacementBrief]) {
        self.command = command; self.key = key; self.choices = choices
    }

    /// What the action is, for messages: "exclude apps:1000".
    public var label: String {
        switch command {
        case .pauseResume: return "pause/resume \(key)"
        case .exclude: return "exclude \(key)"
        case .duplicate: return "duplicate \(key)"
        case .detach: return "detach \(key)"
        default: return "platform offer of \(key)"
        }
    }

    /// What is asked: "Exclude apps:1000 in which campaign?".
    public var title: String { label.prefix(1).uppercased() + label.dropFirst() + " in which campaign?" }

    /// The choices as listed, in columns: the campaign, its placement state and its platform offer.
    public var lines: [String] {
        let idWidth = choices.map(\.campaignID.count).max() ?? 0
        let states = choices.map { $0.state.rawValue + ($0.campaignEnabled ? "" : " (campaign off)") }
        let stateWidth = states.map(\.count).max() ?? 0
        return zip(choices, states).map { p, state in
            let platform = p.platformOfferID.map { "offer \($0) \(p.platformStatus?.rawValue ?? "—")" } ?? "not in the platform"
            return p.campaignID.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  "
                + state.padding(toLength: stateWidth, withPad: " ", startingAt: 0) + "  " + platform
        }
    }
}
