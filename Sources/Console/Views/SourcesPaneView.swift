import TUI

/// The Sources pane: a status glyph, title, kind, offer count and last update per source; a
/// failed source shows why in place of its last update.
struct SourcesPaneView {
    let state: ConsoleState

    static let columns = [
        TableColumn("", width: .length(1)),
        TableColumn("Source", width: .fill),
        TableColumn("Kind", width: .length(7)),
        TableColumn("Offers", width: .length(6), alignment: .right),
        TableColumn("Updated", width: .length(7))
    ]

    /// queued · fetching ↻ · ok ✓ · failed ✗ (live activity first, then the stored state).
    static func glyph(_ source: SourceRow, _ state: ConsoleState) -> String {
        if let activity = state.activity(of: source.id) { return activity.isQueued ? "·" : "↻" }
        if let watch = state.syncWatch, watch.isHeldElsewhere, let live = watch.live?.sources.first(where: { $0.sourceID == source.id }) {
            if live.isRunning { return "↻" }
            if live.isQueued { return "·" }
        }
        if state.runningRuns.contains(where: { $0.sourceID == source.id }) { return "↻" }
        switch source.status {
        case .ready: return source.lastUpdate == nil ? "·" : "✓"
        case .processing: return "↻"
        case .invalid: return "✗"
        }
    }

    func render(in area: Rect, frame: inout Frame) {
        let theme = frame.theme
        let s = state
        let data = ClosureTableDataSource(rowCount: s.sources.count) { i in
            let source = s.sources[i]
            let failed = source.status == .invalid
            return TableRow(
                [
                    SourcesPaneView.glyph(source, s), source.title, source.kind.rawValue,
                    Formatting.count(source.offerCount), Formatting.age(source.lastUpdate, now: s.now)
                ],
                style: failed ? theme.error : nil)
        }
        let focused = s.focus == .sources && s.topOverlay == nil
        frame.render(
            Table(
                columns: Self.columns, data: data, state: s.sourceList,
                block: Block(title: Pane.sources.title, theme: theme, focused: focused),
                theme: theme, showSelection: focused),
            in: area)
        // A failed source shows why in place of its kind, count and age.
        let inner = Block(title: "", theme: theme).inner(area)
        let cells = Layout.horizontal(Self.columns.map(\.width), spacing: 1).split(inner)
        let first = s.sourceList.visibleOffset(rowCount: s.sources.count, height: max(1, inner.height - 1))
        for (line, index) in (first..<min(s.sources.count, first + max(0, inner.height - 1))).enumerated()
        where s.sources[index].status == .invalid {
            let y = inner.y + 1 + line
            let x = cells[2].x
            var style = theme.error
            if focused && index == s.sourceList.selected { style = style.patched(with: theme.selected) }
            let span = Rect(x: x, y: y, width: max(0, inner.right - x), height: 1)
            frame.buffer.fill(span, with: Cell(" ", style: style))
            frame.buffer.write(s.sources[index].invalidReason ?? "failed", in: span, style: style)
        }
        if case .source(let id) = s.offers.scope {
            BorderNote.write("▸ \(id)", on: area, buffer: &frame.buffer, style: theme.title)
        }
    }
}
