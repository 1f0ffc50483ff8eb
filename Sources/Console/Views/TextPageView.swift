import TUI

/// A details screen's text in a box: scrolled to `scroll`, headings (lines that start without a
/// space) in the header style, every match of `find` highlighted, and the position and the lines
/// that match in the border. The offer's, the source's and the campaign's details all draw so.
struct TextPageView {
    let title: String
    /// nil while the text is read.
    let lines: [String]?
    let scroll: Int
    var find: String = ""

    func render(in area: Rect, frame: inout Frame) {
        let theme = frame.theme
        frame.buffer.fill(area)
        let block = Block(title: title, theme: theme, focused: true)
        frame.render(block, in: area)
        let inner = block.inner(area).inner(Margin(horizontal: 1, vertical: 0))
        guard let lines else {
            frame.buffer.write("reading…", in: inner.row(0), style: theme.muted)
            return
        }
        let first = max(0, min(scroll, lines.count - inner.height))
        for (i, line) in lines.dropFirst(first).prefix(inner.height).enumerated() {
            let isHeading = !line.hasPrefix(" ") && !line.isEmpty
            let row = inner.row(i)
            frame.buffer.write(line, in: row, style: isHeading ? theme.header : theme.normal)
            for match in DetailsView.matches(of: find, in: line) {
                let x = row.x + DisplayWidth.of(String(line[..<match.lowerBound]))
                guard x < row.right else { break }
                frame.buffer.write(String(line[match]), x: x, y: row.y, style: theme.selected, clip: row)
            }
        }
        var note = lines.count > inner.height ? "\(first + 1)-\(min(lines.count, first + inner.height)) of \(lines.count)" : ""
        if !find.isEmpty {
            let count = lines.filter { !DetailsView.matches(of: find, in: $0).isEmpty }.count
            note = "/\(find): \(count) line\(count == 1 ? "" : "s")" + (note.isEmpty ? "" : " · " + note)
        }
        if !note.isEmpty { BorderNote.write(note, on: area, buffer: &frame.buffer, style: theme.muted) }
    }
}
