import CPAPIKit
import TUI

/// `:platform`: the local platform's offers, where the operator plays the platform's hand
/// (disable or delete an offer) and then watches the next sync exclude it.
struct PlatformView {
    let offers: [PlatformOffer]?
    let table: TableState

    static let columns = [
        TableColumn("ID", width: .length(7), alignment: .right),
        TableColumn("External ID", width: .length(20)),
        TableColumn("Title", width: .fill),
        TableColumn("Status", width: .length(9)),
        TableColumn("Payout", width: .length(12), alignment: .right),
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
            let payout = o.fields.payments?.first.map { "\(OfferRow.twoDecimals($0.revenue)) \($0.currency)" } ?? "—"
            return TableRow([String(o.id), o.externalOfferID ?? "(none)", o.fields.title ?? "", o.status?.rawValue ?? "—", payout],
                            style: o.status == .stopped ? theme.muted : nil)
        }
        frame.render(Table(columns: Self.columns, data: data, state: table, block: block, highlightSymbol: "▶ ", theme: theme), in: area)
        BorderNote.write("\(Formatting.count(offers.count)) offers", on: area, buffer: &frame.buffer, style: theme.muted)
    }
}
