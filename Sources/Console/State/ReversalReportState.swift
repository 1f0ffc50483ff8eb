import CPAPIKit
import TUI

/// The open Reports view: which source and range, the last report read for them, the table's order
/// and selection, and the range being typed.
public struct ReversalReportState: Sendable {
    public var sourceID: String
    public var range: ReportWindow
    /// The last report read; it may be of an earlier range while the current one loads.
    public private(set) var report: ReversalReport?
    /// `report.offers` in the chosen order.
    public private(set) var rows: [ReversedOffer] = []
    public private(set) var sortColumn: ReversalColumn = .count
    public private(set) var ascending = false
    public var table = TableState()
    /// A read is running; a change meanwhile only marks `reloadWanted`.
    public var loading = false
    public var reloadWanted = false
    /// Why the last read failed, shown in place until one works.
    public var loadError: String?
    /// The `FROM TO` input while the operator types a range.
    public var rangeInput: InputState?
    /// Why the typed range was refused, shown under it.
    public var rangeError: String?
    /// `/`: the filter of the table's rows (over every column's text).
    public private(set) var filter = ScreenFilter()

    public init(sourceID: String, range: ReportWindow) {
        self.sourceID = sourceID
        self.range = range
    }

    /// Whether `report` is of the current source and range.
    public var isCurrent: Bool { report?.sourceID == sourceID && report?.range == range }

    public var selectedRow: ReversedOffer? {
        rows.isEmpty ? nil : rows[min(table.selected, rows.count - 1)]
    }

    /// Takes a new report, keeping the selection on the same offer when it is still listed.
    public mutating func setReport(_ report: ReversalReport) {
        let selected = selectedRow?.offerID
        self.report = report
        loadError = nil
        order(keeping: selected)
    }

    /// Opens, edits or closes the filter; the rows follow its text, the selection stays on its offer.
    public mutating func setFilter(_ filter: ScreenFilter) {
        let selected = selectedRow?.offerID
        let changed = filter.text != self.filter.text
        self.filter = filter
        if changed { order(keeping: selected) }
    }

    public mutating func sort(by column: ReversalColumn, ascending: Bool) {
        let selected = selectedRow?.offerID
        sortColumn = column
        self.ascending = ascending
        order(keeping: selected)
    }

    private mutating func order(keeping selected: String??) {
        let column = sortColumn, ascending = self.ascending
        let total = report?.totalCount ?? 0
        let kept = (report?.offers ?? []).filter { line in
            filter.matches(ReversalColumn.allCases.map { $0.text(of: line, total: total) })
        }
        rows = kept.sorted { a, b in
            let ka = column.sortKey(of: a), kb = column.sortKey(of: b)
            if ka != kb { return ascending ? ka < kb : kb < ka }
            return (a.offerID ?? "") < (b.offerID ?? "")
        }
        if let selected, let index = rows.firstIndex(where: { $0.offerID == selected }) {
            table.select(index, rowCount: rows.count)
        } else {
            table.clamp(rowCount: rows.count)
        }
    }
}
