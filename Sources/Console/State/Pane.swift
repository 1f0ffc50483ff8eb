/// The four panes of the main screen, in focus order (1-4).
public enum Pane: Int, CaseIterable, Sendable {
    case sources, campaigns, offers, sync

    /// The pane's title, also the key-binding context of its keys.
    public var title: String {
        switch self {
        case .sources: return "Sources"
        case .campaigns: return "Campaigns"
        case .offers: return "Offers"
        case .sync: return "Sync"
        }
    }

    var next: Pane { Pane(rawValue: (rawValue + 1) % Pane.allCases.count)! }
    var previous: Pane { Pane(rawValue: (rawValue + Pane.allCases.count - 1) % Pane.allCases.count)! }
}
