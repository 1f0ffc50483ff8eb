/// Text in a rectangle: lines separated by `\n`, either wrapped at word boundaries or cut with
/// `…`, aligned, optionally scrolled and inside a block.
public struct Paragraph: Widget, Sendable {
    public var text: String
    public var style: Style
    public var alignment: Alignment
    public var wrap: Bool
    /// Lines skipped at the top (after wrapping).
    public var scroll: Int
    public var block: Block?

    public init(
        _ text: String, style: Style = .plain, alignment: Alignment = .left, wrap: Bool = true,
        scroll: Int = 0, block: Block? = nil
    ) {
        self.text = text
        self.style = style
        self.alignment = alignment
        self.wrap = wrap
        self.scroll = scroll
        self.block = block
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        block?.render(in: area, buffer: &buffer)
        let inner = block?.inner(area) ?? area
        guard !inner.isEmpty else { return }
        let lines = wrap ? TextWrap.wrap(text, width: inner.width) : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (row, line) in lines.dropFirst(max(0, scroll)).prefix(inner.height).enumerated() {
            buffer.write(line, in: inner.row(row), style: style, alignment: alignment, overflow: .ellipsis)
        }
    }

    /// How many rows the text needs at `width` (to size dialogs and popups).
    public static func height(of text: String, width: Int) -> Int {
        TextWrap.wrap(text, width: width).count
    }
}

/// Word wrapping by display width.
public enum TextWrap {
    /// Breaks `text` into lines no wider than `width`: at spaces when possible, inside a word only
    /// when the word alone is too long (between graphemes, never inside one). `\n` always breaks.
    public static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var w = String(word)
                var ww = DisplayWidth.of(w)
                if lineWidth > 0 && lineWidth + 1 + ww <= width {
                    line += " " + w
                    lineWidth += 1 + ww
                    continue
                }
                if lineWidth > 0 {
                    result.append(line)
                    line = ""
                    lineWidth = 0
                }
                // A word longer than the line: hard-break it.
                while ww > width {
                    var head = ""
                    var hw = 0
                    var rest = Substring(w)
                    while let c = rest.first {
                        let cw = DisplayWidth.of(c)
                        if hw + cw > width { break }
                        head.append(c)
                        hw += cw
                        rest = rest.dropFirst()
                    }
                    if head.isEmpty {  // a wide glyph in a 1-column line: skip it rather than loop
                        rest = rest.dropFirst()
                    } else {
                        result.append(head)
                    }
                    w = String(rest)
                    ww = DisplayWidth.of(w)
                }
                line = w
                lineWidth = ww
            }
            result.append(line)
        }
        return result
    }
}
