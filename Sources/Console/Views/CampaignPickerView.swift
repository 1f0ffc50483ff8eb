import CPAPIKit
import TUI

/// The campaign picker: a box centred over the screen listing the offer's campaigns with their
/// placement state and platform offer; a campaign the action cannot act on says why, muted.
struct CampaignPickerView {
    let picker: CampaignPicker
    /// Why the action cannot act on each choice (nil: it can), in the choices' order.
    let reasons: [String?]

    init(picker: CampaignPicker, state: ConsoleState) {
        self.picker = picker
        let row = state.offers.index.row(of: picker.key).map { state.offers.index.rows[$0] }
        reasons = picker.choices.map { choice in row.flatMap { ConsoleUpdate.pickReason(picker.command, $0, choice.campaignID, in: state) } }
    }

    var lines: [String] {
        zip(picker.lines, reasons).map { line, reason in line + (reason.map { " — \($0)" } ?? "") }
    }

    func render(in area: Rect, frame: inout Frame) {
        let theme = frame.theme
        let lines = self.lines
        let width = min(area.width, max(DisplayWidth.of(picker.title) + 6, (lines.map(DisplayWidth.of).max() ?? 0) + 6))
        let box = area.centered(width: width, height: min(area.height, lines.count + 2))
        frame.buffer.fill(box)
        let block = Block(title: picker.title, theme: theme, focused: true)
        frame.render(block, in: box)
        let inner = block.inner(box)
        for (i, line) in lines.enumerated() where i < inner.height {
            let selected = i == picker.selected
            let style = selected ? theme.selected : (reasons[i] == nil ? theme.normal : theme.muted)
            frame.buffer.write((selected ? "▶ " : "  ") + line, in: inner.row(i), style: style)
        }
    }
}
