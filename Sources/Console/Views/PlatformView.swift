import CPAPIKit
import TUI

/// `:platform`: the local platform's offers, with the source and campaign each belongs to, where
/// the operator plays the platform's hand (disable or delete an offer) and then watches the next
/// sync exclude it. Only the rows on screen are formatted.
struct PlatformView {
    /// The rows shown (the filter's, in the sort's order); nil while loading.
    let offers: PlatformBrowser?
    let table: TableState
    var filter = ""

    func render(in area: Rect, frame: inout Frame) {
        let theme = frame.theme
        frame.buffer.fill(area)
        let block = Block(title: "Platform (local)", theme: theme, focused: true)
        guard let offers else {
            frame.render(block, in: area)
            frame.buffer.write("reading…", in: block.inner(area).row(0), style: theme.muted)
            return
        }
        let columns = PlatformColumn.allCases.map { column in
            let arrow = column == offers.sortColumn ? (offers.sortAscending ? " ▲" : " ▼") : ""
            return TableColumn(column.title + arrow, width: column.width, alignment: column.alignment)
        }
        let data = ClosureTableDataSource(rowCount: offers.count) { i in
            let o = offers[i]
            return TableRow(PlatformColumn.allCases.map { $0.text(of: o) }, style: o.status == .stopped ? theme.muted : nil)
        }
        frame.render(Table(columns: columns, data: data, state: table, block: block, highlightSymbol: "▶ ", theme: theme), in: area)
        let total = offers.all.count
        let note =
            filter.isEmpty
            ? "\(Formatting.count(total)) offers"
            : "/\(filter): \(Formatting.count(offers.count)) of \(Formatting.count(total)) offers"
        BorderNote.write(note, on: area, buffer: &frame.buffer, style: theme.muted)
    }
}
