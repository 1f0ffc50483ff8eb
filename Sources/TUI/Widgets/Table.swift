/// A column of a `Table`: header title, width constraint (as in `Layout`) and alignment.
public struct TableColumn: Sendable, Hashable {
    public var title: String
    public var width: Constraint
    public var alignment: Alignment
    public init(_ title: String, width: Constraint = .fill(1), alignment: Alignment = .left) {
        self.title = title
        self.width = width
        self.alignment = alignment
    }
}

/// Which column the rows are sorted by; drawn as ▲/▼ after the column title.
public struct SortIndicator: Sendable, Hashable {
    public var column: Int
    public var ascending: Bool
    public init(column: Int, ascending: Bool = true) { self.column = column; self.ascending = ascending }
}

/// A scrolling table with a header, a selected row and lazily fetched rows: only the visible
/// rows are requested from the data source, so the cost of a frame does not depend on the number
/// of rows.
public struct Table: Widget {
    public var columns: [TableColumn]
    public var data: any TableDataSource
    public var state: TableState
    public var block: Block?
    public var sort: SortIndicator?
    public var showHeader: Bool
    public var columnSpacing: Int
    /// Drawn before the selected row (and as blank space before the others), e.g. "▶ ".
    public var highlightSymbol: String
    public var style: Style
    public var headerStyle: Style
    public var selectedStyle: Style
    /// The selection while `showSelection` is off (an unfocused pane): quieter, still there.
    public var inactiveSelectedStyle: Style
    /// What `TableRow.highlights` are drawn in.
    public var highlightStyle: Style
    /// Whether the selection is drawn in full (an unfocused table shows it in `inactiveSelectedStyle`).
    public var showSelection: Bool
    /// Whether a table whose selection is not shown in full still marks it quietly (off for a
    /// table that has no selection at all).
    public var keepsInactiveSelection: Bool

    public init(
        columns: [TableColumn], data: any TableDataSource, state: TableState, block: Block? = nil,
        sort: SortIndicator? = nil, showHeader: Bool = true, columnSpacing: Int = 1,
        highlightSymbol: String = "", theme: Theme = .monochrome, showSelection: Bool = true,
        keepsInactiveSelection: Bool = true
    ) {
        self.columns = columns
        self.data = data
        self.state = state
        self.block = block
        self.sort = sort
        self.showHeader = showHeader
        self.columnSpacing = columnSpacing
        self.highlightSymbol = highlightSymbol
        self.style = theme.normal
        self.headerStyle = theme.header
        self.selectedStyle = theme.selected
        self.inactiveSelectedStyle = theme.selectedInactive
        self.highlightStyle = theme.match
        self.showSelection = showSelection
        self.keepsInactiveSelection = keepsInactiveSelection
    }

    /// How many data rows fit in `area` (pass this to `TableState.setViewportHeight`).
    public func visibleRowCount(in area: Rect) -> Int {
        let inner = block?.inner(area) ?? area
        return max(0, inner.height - (showHeader ? 1 : 0))
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        block?.render(in: area, buffer: &buffer)
        let inner = block?.inner(area) ?? area
        guard !inner.isEmpty else { return }

        let symbolWidth = DisplayWidth.of(highlightSymbol)
        let rowsArea = Rect(x: inner.x + symbolWidth, y: inner.y, width: inner.width - symbolWidth, height: inner.height)
        let columnRects = Layout.horizontal(columns.map(\.width), spacing: columnSpacing).split(rowsArea)

        var y = inner.y
        if showHeader {
            buffer.setStyle(headerStyle, in: inner.row(0))
            for (i, column) in columns.enumerated() {
                var title = column.title
                if let sort, sort.column == i { title += sort.ascending ? " ▲" : " ▼" }
                buffer.write(title, in: columnRects[i].row(0), style: headerStyle, alignment: column.alignment)
            }
            y += 1
        }

        let height = inner.bottom - y
        guard height > 0 else { return }
        let count = data.rowCount
        let first = state.visibleOffset(rowCount: count, height: height)
        let last = min(count, first + height)
        guard first < last else { return }
        for index in first..<last {
            let rowY = y + index - first
            let row = data.row(at: index)
            let isSelected = showSelection && index == state.selected
            var rowStyle = row.style ?? style
            if isSelected { rowStyle = rowStyle.patched(with: selectedStyle) }
            let isInactiveSelection = !showSelection && keepsInactiveSelection && index == state.selected
            if isInactiveSelection { rowStyle = rowStyle.patched(with: inactiveSelectedStyle) }
            let line = Rect(x: inner.x, y: rowY, width: inner.width, height: 1)
            if rowStyle != .plain { buffer.setStyle(rowStyle, in: line) }
            if symbolWidth > 0 && (isSelected || isInactiveSelection) {
                buffer.write(highlightSymbol, x: inner.x, y: rowY, style: rowStyle, clip: line)
            }
            for (i, rect) in columnRects.enumerated() where i < row.cells.count && rect.width > 0 {
                let cellRect = Rect(x: rect.x, y: rowY, width: rect.width, height: 1)
                // A cell's own colour gives way to the selection's, so the selected row reads as one.
                var cellStyle = rowStyle
                if i < row.cellStyles.count, let own = row.cellStyles[i], !isSelected { cellStyle = rowStyle.patched(with: own) }
                let written = buffer.write(row.cells[i], in: cellRect, style: cellStyle, alignment: columns[i].alignment)
                if i < row.highlights.count, !row.highlights[i].isEmpty {
                    highlight(row.highlights[i], of: row.cells[i], written: written, in: cellRect, alignment: columns[i].alignment, buffer: &buffer)
                }
            }
        }
    }

    /// Lays the highlight style over the columns of `ranges` (character offsets) in a cell whose
    /// text took `written` columns of `rect`; the part cut off by truncation stays unmarked.
    private func highlight(
        _ ranges: [Range<Int>], of text: String, written: Int, in rect: Rect, alignment: Alignment, buffer: inout Buffer
    ) {
        let start: Int
        switch alignment {
        case .left: start = rect.x
        case .center: start = rect.x + (rect.width - written) / 2
        case .right: start = rect.right - written
        }
        let truncated = DisplayWidth.of(text) > written
        let visibleEnd = start + written - (truncated ? 1 : 0)  // the ellipsis is not the text's
        var columnOfCharacter: [Int] = []
        var x = start
        for character in text {
            columnOfCharacter.append(x)
            x += DisplayWidth.of(character)
        }
        columnOfCharacter.append(x)
        for range in ranges where range.lowerBound >= 0 && range.upperBound <= text.count && !range.isEmpty {
            let from = columnOfCharacter[range.lowerBound], to = min(columnOfCharacter[range.upperBound], visibleEnd)
            if to > from { buffer.patchStyle(highlightStyle, in: Rect(x: from, y: rect.y, width: to - from, height: 1)) }
        }
    }
}
