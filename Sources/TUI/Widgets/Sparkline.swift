/// A small bar chart of recent values (e.g. requests per second), newest on the right,
/// with eight levels per row.
public struct Sparkline: Widget, Sendable {
    public var values: [Double]
    /// The value drawn as a full bar; defaults to the largest visible value.
    public var maximum: Double?
    public var style: Style
    public var block: Block?

    static let levels: [Character] = [" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    public init(_ values: [Double], maximum: Double? = nil, block: Block? = nil, theme: Theme = .monochrome) {
        self.values = values
        self.maximum = maximum
        self.style = theme.sparkline
        self.block = block
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        block?.render(in: area, buffer: &buffer)
        let inner = block?.inner(area) ?? area
        guard !inner.isEmpty, !values.isEmpty else { return }
        let visible = values.suffix(inner.width)
        let top = maximum ?? visible.max() ?? 0
        guard top > 0 else { return }
        let startX = inner.right - visible.count
        for (i, value) in visible.enumerated() {
            // Height in eighths of a cell, over the whole height of the area.
            let v = value.isFinite ? min(max(value, 0), top) : 0
            var eighths = Int((v / top * Double(inner.height * 8)).rounded())
            for row in stride(from: inner.bottom - 1, through: inner.top, by: -1) {
                let level = min(8, eighths)
                buffer.set(Sparkline.levels[level], width: 1, style: style, x: startX + i, y: row)
                eighths = max(0, eighths - 8)
            }
        }
    }
}
