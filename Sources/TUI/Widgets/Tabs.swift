/// A row of tab titles with the active one highlighted, e.g. "Offers │ Campaigns │ Logs".
public struct Tabs: Widget, Sendable {
    public var titles: [String]
    public var selected: Int
    public var separator: String
    public var style: Style
    public var activeStyle: Style
    public var block: Block?

    public init(_ titles: [String], selected: Int, separator: String = "│", block: Block? = nil, theme: Theme = .monochrome) {
        self.titles = titles
        self.selected = selected
        self.separator = separator
        self.style = theme.normal
        self.activeStyle = theme.activeTab
        self.block = block
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        block?.render(in: area, buffer: &buffer)
        let inner = block?.inner(area) ?? area
        guard !inner.isEmpty else { return }
        var x = inner.x
        for (i, title) in titles.enumerated() {
            if i > 0 { x = buffer.write(separator, x: x, y: inner.y, style: style, clip: inner) }
            x = buffer.write(" \(title) ", x: x, y: inner.y, style: i == selected ? activeStyle : style, clip: inner)
            if x >= inner.right { break }
        }
    }
}

/// One line with text on the left and right (and optionally centred): a title bar or status line.
public struct StatusBar: Widget, Sendable {
    public var left: String
    public var center: String
    public var right: String
    public var style: Style

    public init(left: String = "", center: String = "", right: String = "", style: Style = .plain) {
        self.left = left
        self.center = center
        self.right = right
        self.style = style
    }

    public init(left: String = "", center: String = "", right: String = "", theme: Theme) {
        self.init(left: left, center: center, right: right, style: theme.statusBar)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let line = area.row(0)
        guard !line.isEmpty else { return }
        buffer.fill(line, with: Cell(" ", style: style))
        // The right part wins space over the left (it usually holds the state: counts, clock).
        let rightWidth = min(DisplayWidth.of(right), line.width)
        buffer.write(right, in: Rect(x: line.right - rightWidth, y: line.y, width: rightWidth, height: 1), style: style)
        let leftArea = Rect(x: line.x, y: line.y, width: max(0, line.width - rightWidth - (rightWidth > 0 ? 1 : 0)), height: 1)
        buffer.write(left, in: leftArea, style: style)
        if !center.isEmpty {
            buffer.write(center, in: line, style: style, alignment: .center)
        }
    }
}
