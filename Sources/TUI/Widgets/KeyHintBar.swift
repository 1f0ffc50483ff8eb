/// The bottom line of hints, "q quit  ? help  j/↓ down", built from the key table
/// (`KeyMap.hints(for:)`). Hints that do not fit are left out whole, never cut in the middle;
/// disabled bindings are shown dimmed.
public struct KeyHintBar: Widget, Sendable {
    public var hints: [KeyHint]
    public var keyStyle: Style
    public var descriptionStyle: Style
    public var disabledStyle: Style
    public var style: Style

    public init(_ hints: [KeyHint], theme: Theme = .monochrome) {
        self.hints = hints
        self.keyStyle = theme.hintKey
        self.descriptionStyle = theme.hint
        self.disabledStyle = theme.hintDisabled
        self.style = theme.normal
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let line = area.row(0)
        guard !line.isEmpty else { return }
        var x = line.x
        for (i, hint) in hints.enumerated() {
            let gap = i == 0 ? 0 : 2
            let needed = gap + DisplayWidth.of(hint.keys) + 1 + DisplayWidth.of(hint.description)
            if x + needed > line.right { break }
            x += gap
            x = buffer.write(hint.keys, x: x, y: line.y, style: hint.isEnabled ? keyStyle : disabledStyle, clip: line)
            x = buffer.write(" " + hint.description, x: x, y: line.y, style: hint.isEnabled ? descriptionStyle : disabledStyle, clip: line)
        }
    }
}
