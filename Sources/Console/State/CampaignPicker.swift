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

    /// What is asked: "Exclude apps:1000 in which campaign?".
    public var title: String {
        let verb: String
        switch command {
        case .pauseResume: verb = "Pause/resume"
        case .exclude: verb = "Exclude"
        case .duplicate: verb = "Duplicate"
        case .detach: verb = "Detach"
        default: verb = "Platform offer of"
        }
        return "\(verb) \(key) in which campaign?"
    }

    /// A choice as listed: the campaign, its placement state and its platform offer.
    public static func line(_ p: PlacementBrief) -> String {
        let platform = p.platformOfferID.map { "offer \($0) \(p.platformStatus?.rawValue ?? "—")" } ?? "not in the platform"
        return "\(p.campaignID)  \(p.state.rawValue)\(p.campaignEnabled ? "" : " (campaign off)")  \(platform)"
    }
}
