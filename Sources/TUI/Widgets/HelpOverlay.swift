/// The `?` screen: every key binding, grouped by context, in a box over the screen. Built from
/// the same table that drives dispatch (`KeyMap.helpSections`). Disabled bindings show why.
public struct HelpOverlay: Widget, Sendable {
    public var sections: [HelpSection]
    public var title: String
    /// Lines scrolled off the top when the help is taller than the screen.
    public var scroll: Int
    public var headerStyle: Style
    public var keyStyle: Style
    public var style: Style
    public var mutedStyle: Style
    public var borderStyle: Style
    public var titleStyle: Style

    public init(_ sections: [HelpSection], title: String = "Help", scroll: Int = 0, theme: Theme = .monochrome) {
        self.sections = sections
        self.title = title
        self.scroll = scroll
        self.headerStyle = theme.header
        self.keyStyle = theme.hintKey
        self.style = theme.normal
        self.mutedStyle = theme.muted
        self.borderStyle = theme.focusedBorder
        self.titleStyle = theme.title
    }

    private enum Line { case header(String), entry(HelpEntry), blank }

    private var lines: [Line] {
        var out: [Line] = []
        for (i, s) in sections.enumerated() {
            if i > 0 { out.append(.blank) }
            out.append(.header(s.title))
            out += s.entries.map { .entry($0) }
        }
        return out
    }

    /// How many lines the help has (to bound scrolling).
    public var lineCount: Int { lines.count }

    public func render(in area: Rect, buffer: inout Buffer) {
        let lines = self.lines
        let keyWidth = sections.flatMap(\.entries).map { DisplayWidth.of($0.keys) }.max() ?? 0
        let textWidth =
            sections.flatMap(\.entries).map { entry in
                DisplayWidth.of(entry.description) + (entry.disabledReason.map { DisplayWidth.of($0) + 3 } ?? 0)
            }.max() ?? 0
        let width = min(area.width, max(24, keyWidth + textWidth + 8))
        let height = min(area.height, lines.count + 2)
        let box = area.centered(width: width, height: height)
        guard !box.isEmpty else { return }
        buffer.fill(box, with: Cell(" ", style: style))
        let block = Block(title: title, borderStyle: borderStyle, titleStyle: titleStyle, padding: Margin(horizontal: 1, vertical: 0))
        block.render(in: box, buffer: &buffer)
        let inner = block.inner(box)
        guard !inner.isEmpty else { return }
        let first = max(0, min(scroll, lines.count - inner.height))
        for (row, line) in lines.dropFirst(first).prefix(inner.height).enumerated() {
            let r = inner.row(row)
            switch line {
            case .blank: break
            case .header(let t): buffer.write(t, in: r, style: headerStyle)
            case .entry(let e):
                let keyArea = Rect(x: r.x + 1, y: r.y, width: min(keyWidth, max(0, r.width - 1)), height: 1)
                buffer.write(e.keys, in: keyArea, style: e.disabledReason == nil ? keyStyle : mutedStyle)
                let textX = keyArea.right + 2
                let textArea = Rect(x: textX, y: r.y, width: r.right - textX, height: 1)
                let text = e.disabledReason.map { "\(e.description) (\($0))" } ?? e.description
                buffer.write(text, in: textArea, style: e.disabledReason == nil ? style : mutedStyle)
            }
        }
    }
}
