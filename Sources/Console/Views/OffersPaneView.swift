import TUI

/// The Offers table: only the visible rows are formatted (the browser is the lazy data source).
struct OffersPaneView {
    let state: ConsoleState
    let narrow: Bool

    /// The browser's rows as table rows; excluded and invalid offers are dimmed.
    struct Rows: TableDataSource {
        let browser: OfferBrowser
        let columns: [OfferColumn]
        let muted: Style
        let error: Style
        var rowCount: Int { browser.count }
        func row(at index: Int) -> TableRow {
            let row = browser.row(at: index)
            let style: Style? = !row.isValid ? error : (row.placements.first?.state == .excluded || !row.inFeed ? muted : nil)
            return TableRow(columns.map { $0.text(of: row) }, style: style)
        }
    }

    func render(in area: Rect, frame: inout Frame) {
        let theme = frame.theme
        let columns = OfferColumn.visible(narrow: narrow)
        let sortIndex = columns.firstIndex(of: state.offers.sortColumn)
        let focused = state.focus == .offers && state.topOverlay == nil
        let table = Table(
            columns: columns.map { TableColumn($0.title, width: $0.width, alignment: $0.alignment) },
            data: Rows(browser: state.offers, columns: columns, muted: theme.muted, error: theme.error),
            state: state.offerTable,
            block: Block(title: Pane.offers.title, theme: theme, focused: focused),
            sort: sortIndex.map { SortIndicator(column: $0, ascending: state.offers.sortAscending) },
            highlightSymbol: "▶ ", theme: theme, showSelection: true)
        frame.render(table, in: area)
        var note: [String] = []
        let total = state.offers.index.count
        note.append(state.offers.count == total ? Formatting.count(total) : "\(Formatting.count(state.offers.count)) of \(Formatting.count(total))")
        if let scope = state.offers.scope.label { note.append(scope) }
        if !state.offers.query.isEmpty { note.append("/" + state.offers.query) }
        BorderNote.write(note.joined(separator: " · "), on: area, buffer: &frame.buffer, style: theme.muted)
        if state.offers.count == 0 && area.height > 4 {
            let message = !state.hasSnapshot ? "reading the workspace…"
                : (total == 0 ? "no offers yet: they appear after the first sync" : "no offer matches")
            frame.buffer.write(message, in: Rect(x: area.x + 2, y: area.y + 3, width: max(0, area.width - 4), height: 1),
                               style: theme.muted, alignment: .center)
        }
    }
}
