import CPAPIKit
import TUI

/// `:platform`: the local platform's offers, where the operator plays the platform's hand
/// (disable or delete an offer) and then watches the next sync exclude it.
struct PlatformView {
    /// The rows shown (the filter's, when it has text); nil while loading.
    let offers: [PlatformOffer]?
    let table: TableState
    /// How many offers the platform holds and the filter's text, for the border.
    var total = 0
    var filter = ""

    /// A row's cells, as shown and as the filter reads them.
    static func cells(of o: PlatformOffer) -> [String] {
        let payout = o.fields.payments?.first.map { "\(OfferRow.twoDecimals($0.revenue)) \($0.currency)" } ?? "—"
        return [String(o.id), o.externalOfferID ?? "(none)", o.fields.title ?? "", o.status?.rawValue ?? "—", payout]
    }

    static let columns = [
        TableColumn("ID", width: .length(7), alignment: .right),
        TableColumn("External ID", width: .length(20)),
        TableColumn("Title", width: .fill),
        TableColumn("Status", width: .length(9)),
        TableColumn("Payout", width: .length(12), alignment: .right)
    ]

    func render(in area: Rect, frame: inout Frame) {
        let theme = frame.theme
        frame.buffer.fill(area)
        let block = Block(title: "Platform (local)", theme: theme, focused: true)
        guard let offers else {
            frame.render(block, in: area)
            frame.buffer.write("reading…", in: block.inner(area).row(0), style: theme.muted)
            return
        }
        let data = ClosureTableDataSource(rowCount: offers.count) { i in
            let o = offers[i]
            return TableRow(Self.cells(of: o), style: o.status == .stopped ? theme.muted : nil)
        }
        frame.render(Table(columns: Self.columns, data: data, state: table, block: block, highlightSymbol: "▶ ", theme: theme), in: area)
        let note =
            filter.isEmpty
            ? "\(Formatting.count(offers.count)) offers"
            : "/\(filter): \(Formatting.count(offers.count)) of \(Formatting.count(total)) offers"
        BorderNote.write(note, on: area, buffer: &frame.buffer, style: theme.muted)
    }
}
