/// A vertical list of text items with a selection, scrolled like a table.
/// (Named `ListView` so it does not clash with SwiftUI's `List` in apps that import both.)
public struct ListView: Widget, Sendable {
    public var items: [String]
    public var state: ListState
    public var block: Block?
    public var highlightSymbol: String
    public var style: Style
    public var selectedStyle: Style
    public var showSelection: Bool

    public init(
        _ items: [String], state: ListState = ListState(), block: Block? = nil, highlightSymbol: String = "",
        theme: Theme = .monochrome, showSelection: Bool = true
    ) {
        self.items = items
        self.state = state
        self.block = block
        self.highlightSymbol = highlightSymbol
        self.style = theme.normal
        self.selectedStyle = theme.selected
        self.showSelection = showSelection
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        block?.render(in: area, buffer: &buffer)
        let inner = block?.inner(area) ?? area
        guard !inner.isEmpty, !items.isEmpty else { return }
        let symbolWidth = DisplayWidth.of(highlightSymbol)
        let first = state.visibleOffset(rowCount: items.count, height: inner.height)
        for (row, index) in (first..<min(items.count, first + inner.height)).enumerated() {
            let line = inner.row(row)
            let selected = showSelection && index == state.selected
            let rowStyle = selected ? style.patched(with: selectedStyle) : style
            if rowStyle != .plain { buffer.setStyle(rowStyle, in: line) }
            if selected && symbolWidth > 0 { buffer.write(highlightSymbol, x: line.x, y: line.y, style: rowStyle, clip: line) }
            let textArea = Rect(x: line.x + symbolWidth, y: line.y, width: line.width - symbolWidth, height: 1)
            buffer.write(items[index], in: textArea, style: rowStyle)
        }
    }
}
