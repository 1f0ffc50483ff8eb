import TUI

/// Text written into the right end of a pane's top border (counts, scope, sort), so the pane's
/// title itself stays exactly its name.
enum BorderNote {
    static func write(_ text: String, on area: Rect, buffer: inout Buffer, style: Style) {
        guard area.width > 12, area.height > 0 else { return }
        let room = area.width - 12  // keep the title visible on the left
        let note = " " + Buffer.truncate(text, toWidth: max(1, room - 4)) + " "
        let width = DisplayWidth.of(note)
        buffer.write(note, x: area.right - 2 - width, y: area.y, style: style, clip: area)
    }
}
