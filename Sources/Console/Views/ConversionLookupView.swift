import CPAPIKit
import Foundation
import TUI

/// The conversion-lookup dialog: the subid and optional offer inputs, then the call's wait for its
/// rate-limit slot (a live countdown), and the answer or the error in place.
struct ConversionLookupView {
    let lookup: ConversionLookupState
    let now: Date

    static let maxRows = 8

    static let columns = [
        TableColumn("Lead", width: .length(14)),
        TableColumn("Offer", width: .length(10)),
        TableColumn("Subid", width: .min(10)),
        TableColumn("Amount", width: .length(10), alignment: .right),
        TableColumn("Date", width: .length(19))
    ]

    /// The line under the inputs: what the call is doing, the answer's verdict, or why it failed.
    func statusLine() -> (text: String, isError: Bool) {
        if let call = lookup.call {
            if call.cancelling { return ("cancelling… (Esc again closes)", false) }
            if let until = call.waitingUntil, until > now {
                return (
                    "waiting for the Conversions API's slot: next call allowed in \(Formatting.countdown(to: until, now: now))"
                        + " — Esc cancels", false
                )
            }
            return ("asking the Conversions API…", false)
        }
        if let failure = lookup.failure { return (failure, true) }
        if let answer = lookup.answer {
            let scope = answer.offerID.map { " on offer \($0)" } ?? ""
            let verdict =
                answer.converted
                ? "converted (\(Formatting.count(answer.conversions.count)) listed)" : "no conversion"
            return ("\(answer.subid)\(scope): \(verdict) · checked \(Formatting.clock(answer.checkedAt))", false)
        }
        return ("Enter asks the Conversions API (one call a minute per source)", false)
    }

    func render(in area: Rect, frame: inout Frame) {
        let theme = frame.theme
        let rows = lookup.answer?.conversions ?? []
        let tableHeight = rows.isEmpty ? 0 : 1 + min(rows.count, Self.maxRows)
        let box = area.centered(width: min(area.width, 100), height: min(area.height, 8 + tableHeight))
        frame.buffer.fill(box)
        let block = Block(title: "Conversions · \(lookup.sourceID)", theme: theme, focused: true)
        frame.render(block, in: box)
        let inner = block.inner(box).inner(Margin(horizontal: 1, vertical: 0))
        guard inner.height >= 5 else { return }
        input(lookup.subid, prompt: "subid  ", placeholder: "a subid, an IP address, or user", field: .subid, row: inner.row(1), frame: &frame)
        input(
            lookup.offer, prompt: "offer  ", placeholder: "optional: one offer id (empty: every offer)", field: .offer,
            row: inner.row(2), frame: &frame)
        let status = statusLine()
        let verdictStyle = lookup.answer?.converted == true ? theme.ok : theme.normal
        frame.buffer.write(status.text, in: inner.row(4), style: status.isError ? theme.error : verdictStyle)
        guard tableHeight > 0, inner.height > 6 else { return }
        let table = Table(
            columns: Self.columns,
            data: ClosureTableDataSource(rowCount: rows.count) { i in
                let r = rows[i]
                return TableRow([r.leadID ?? "—", r.offerID ?? "—", r.subid ?? "—", r.amount.map(OfferRow.twoDecimals) ?? "—", r.dateText ?? "—"])
            }, state: TableState(), theme: theme, showSelection: false, keepsInactiveSelection: false)
        frame.render(table, in: Rect(x: inner.x, y: inner.y + 6, width: inner.width, height: min(tableHeight, inner.height - 6)))
        if rows.count > Self.maxRows {
            BorderNote.write("\(Self.maxRows) of \(rows.count) shown", on: box, buffer: &frame.buffer, style: theme.muted)
        }
    }

    func input(
        _ state: InputState, prompt: String, placeholder: String, field: ConversionLookupState.Field, row: Rect,
        frame: inout Frame
    ) {
        let line = InputLine(state, prompt: prompt, placeholder: placeholder, theme: frame.theme)
        if lookup.field == field && lookup.call == nil { line.render(in: row, frame: &frame) } else { line.render(in: row, buffer: &frame.buffer) }
    }
}
