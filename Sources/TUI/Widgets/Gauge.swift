/// A progress bar: the filled part drawn with `█`, a label (by default the percentage) centred
/// over it, reversed where it covers the filled part so it stays readable.
public struct Gauge: Widget, Sendable {
    /// Progress from 0 to 1 (clamped).
    public var ratio: Double
    public var label: String?
    public var filledStyle: Style
    public var style: Style
    public var block: Block?

    public init(ratio: Double, label: String? = nil, block: Block? = nil, theme: Theme = .monochrome) {
        self.ratio = ratio
        self.label = label
        self.filledStyle = theme.gaugeFilled
        self.style = theme.normal
        self.block = block
    }

    /// "42%"-style default label.
    public var percentText: String { "\(Int((clampedRatio * 100).rounded(.down)))%" }

    var clampedRatio: Double { ratio.isNaN ? 0 : min(1, max(0, ratio)) }

    public func render(in area: Rect, buffer: inout Buffer) {
        block?.render(in: area, buffer: &buffer)
        let inner = block?.inner(area) ?? area
        guard !inner.isEmpty else { return }
        let filled = Int((clampedRatio * Double(inner.width)).rounded(.down))
        let text = Buffer.truncate(label ?? percentText, toWidth: inner.width)
        let textWidth = DisplayWidth.of(text)
        let labelRow = inner.y + inner.height / 2
        let labelStart = inner.x + (inner.width - textWidth) / 2
        for y in inner.top..<inner.bottom {
            for x in inner.left..<inner.right {
                if x - inner.left < filled {
                    buffer.set("█", width: 1, style: filledStyle, x: x, y: y)
                } else {
                    buffer.set(" ", width: 1, style: style, x: x, y: y)
                }
            }
        }
        // The label, glyph by glyph, so each takes the style of the part of the bar under it.
        var x = labelStart
        for ch in text {
            let w = DisplayWidth.of(ch)
            let overFill = x - inner.left < filled
            buffer.set(ch, width: w, style: overFill ? filledStyle.reversed : style, x: x, y: labelRow, clip: inner)
            x += w
        }
    }
}
