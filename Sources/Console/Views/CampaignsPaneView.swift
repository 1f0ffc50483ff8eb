import TUI

/// The Campaigns pane: ON/OFF, title, and how many offers it matched, has live, paused, excluded
/// ("…" while the first read of a large workspace has not counted them yet).
struct CampaignsPaneView {
    let state: ConsoleState

    static let columns = [
        TableColumn("", width: .length(3)),
        TableColumn("Campaign", width: .fill),
        TableColumn("Match", width: .length(5), alignment: .right),
        TableColumn("Live", width: .length(5), alignment: .right),
        TableColumn("Paus", width: .length(4), alignment: .right),
        TableColumn("Excl", width: .length(4), alignment: .right)
    ]

    func render(in area: Rect, frame: inout Frame) {
        let theme = frame.theme
        let s = state
        let data = ClosureTableDataSource(rowCount: s.campaigns.count) { i in
            let c = s.campaigns[i]
            let counts = c.countsPending ? Array(repeating: "…", count: 4) : [c.matched, c.live, c.paused, c.excluded].map(Formatting.count)
            return TableRow([c.enabled ? "ON" : "OFF", c.title] + counts, style: c.enabled ? nil : theme.muted)
        }
        let focused = s.focus == .campaigns && s.topOverlay == nil
        frame.render(
            Table(
                columns: Self.columns, data: data, state: s.campaignList,
                block: Block(title: Pane.campaigns.title, theme: theme, focused: focused),
                columnSpacing: 1, theme: theme, showSelection: focused), in: area)
        if case .campaign(let id) = s.offers.scope {
            BorderNote.write("▸ \(id)", on: area, buffer: &frame.buffer, style: theme.title)
        }
    }
}
