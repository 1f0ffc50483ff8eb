/// Where a `Table` gets its rows. Only the rows on screen are asked for, so a source may hold a
/// million rows (or compute them, or read them from a store) at no cost per frame.
public protocol TableDataSource {
    var rowCount: Int { get }
    /// The row at `index`, `0 ..< rowCount`.
    func row(at index: Int) -> TableRow
}

/// One row: a string per column, an optional style for the whole row (e.g. muted, error), styles
/// laid over single cells (a state's colour), and the parts of cells to highlight (filter matches,
/// as character offsets into each cell's text).
public struct TableRow: Sendable, Hashable {
    public var cells: [String]
    public var style: Style?
    /// Per column (may be shorter than `cells`): a style patched over the row's for that cell.
    public var cellStyles: [Style?]
    /// Per column (may be shorter than `cells`): character ranges drawn in the table's highlight style.
    public var highlights: [[Range<Int>]]

    public init(_ cells: [String], style: Style? = nil, cellStyles: [Style?] = [], highlights: [[Range<Int>]] = []) {
        self.cells = cells
        self.style = style
        self.cellStyles = cellStyles
        self.highlights = highlights
    }
}

/// A data source made of a count and a closure.
public struct ClosureTableDataSource: TableDataSource {
    public let rowCount: Int
    private let makeRow: (Int) -> TableRow

    public init(rowCount: Int, row: @escaping (Int) -> TableRow) {
        self.rowCount = rowCount
        self.makeRow = row
    }

    public func row(at index: Int) -> TableRow { makeRow(index) }
}

/// A data source over rows already in memory.
public struct ArrayTableDataSource: TableDataSource {
    public var rows: [TableRow]
    public init(_ rows: [TableRow]) { self.rows = rows }
    public init(_ rows: [[String]]) { self.rows = rows.map { TableRow($0) } }
    public var rowCount: Int { rows.count }
    public func row(at index: Int) -> TableRow { rows[index] }
}
