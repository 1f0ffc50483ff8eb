import TUI

/// The Offers table: only the visible rows are formatted (the browser is the lazy data source).
struct OffersPaneView {
    let state: ConsoleState
    let fit: OfferTableFit

    /// The browser's rows as table rows: invalid offers in the error colour, excluded and missing
    /// ones dimmed, the state and the V/F marks in their colours, the filter's matches highlighted.
    struct Rows: TableDataSource {
        let browser: OfferBrowser
        let columns: [OfferColumn]
        let fit: OfferTableFit
        /// The campaign the table is narrowed to: its placement is the one the row shows.
        let campaign: String?
        let theme: Theme
        var rowCount: Int { browser.count }
        func row(at index: Int) -> TableRow {
            let row = browser.row(at: index).seen(from: campaign)
            let state = row.placements.first?.state
            let style: Style? = !row.isValid ? theme.error : (state == .excluded || !row.inFeed ? theme.muted : nil)
            let cells = columns.map { $0.text(of: row, in: fit) }
            let cellStyles: [Style?] = columns.map { column in
                switch column {
                case .state: return ConsoleTheme.style(of: state, in: theme)
                case .valid: return ConsoleTheme.validStyle(row.isValid, in: theme)
                case .inFeed: return ConsoleTheme.feedStyle(row.inFeed, in: theme)
                default: return nil
                }
            }
            let filter = browser.filter
            let highlights =
                filter.isEmpty
                ? []
                : zip(columns, cells).map { column, text in
                    FilterHighlight.ranges(
                        in: text, fields: OfferFilterFields.shown(in: column), query: filter, schema: OfferFilterFields.schema)
                }
            return TableRow(cells, style: style, cellStyles: cellStyles, highlights: highlights)
        }
    }

    func render(in area: Rect, frame: inout Frame) {
        let theme = frame.theme
        let columns = OfferColumn.visible(in: fit)
        let focused = state.focus == .offers && state.topOverlay == nil
        let table = Table(
            columns: columns.map { TableColumn(header(of: $0), width: $0.width(in: fit), alignment: $0.alignment) },
            data: Rows(browser: state.offers, columns: columns, fit: fit, campaign: state.scopeCampaign, theme: theme),
            state: state.offerTable,
            block: Block(title: Pane.offers.title, theme: theme, focused: focused),
            highlightSymbol: "▶ ", theme: theme, showSelection: focused)
        frame.render(table, in: area)
        BorderNote.write(note, on: area, buffer: &frame.buffer, style: theme.muted)
        if state.offers.count == 0 && area.height > 4 {
            let message: String
            if !state.hasSnapshot {
                message = "reading the workspace…"
            } else if state.offersLoading {
                message = "no offer matches yet: still reading the offers…"
            } else {
                message = state.offers.index.count == 0 ? "no offers yet: they appear after the first sync" : "no offer matches"
            }
            frame.buffer.write(
                message, in: Rect(x: area.x + 2, y: area.y + 3, width: max(0, area.width - 4), height: 1),
                style: theme.muted, alignment: .center)
        }
    }

    /// The column's title, with the sort direction on the sorted column; a column too narrow for
    /// both (a compact glyph column) shows the direction alone.
    func header(of column: OfferColumn) -> String {
        let title = column.title(in: fit)
        guard column == state.offers.sortColumn else { return title }
        let arrow = state.offers.sortAscending ? "▲" : "▼"
        let both = title + " " + arrow
        return column == .title || DisplayWidth.of(both) <= column.fixedWidth(in: fit) ? both : arrow
    }

    /// What the top border says: how many offers are shown of how many, the scope, the filter, and
    /// "loading…" while only the first page of a workspace's offers is in.
    var note: String {
        let shown = state.offers.count
        let total = state.offersLoading ? state.offerTotal : state.offers.index.count
        var parts = [shown == total ? Formatting.count(total) : "\(Formatting.count(shown)) of \(Formatting.count(total))"]
        if let scope = state.offers.scope.label { parts.append(scope) }
        if !state.offers.query.isEmpty { parts.append("/" + state.offers.query) }
        if state.offersLoading { parts.append(state.loading ? "loading…" : "not all read") }
        return parts.joined(separator: " · ")
    }
}
