/// Draws an `InputState` on one line: prompt, text scrolled horizontally so the cursor is always
/// visible, and a placeholder while empty. Use `render(in:frame:)` to also place the terminal
/// cursor.
public struct InputLine: Widget, Sendable {
    public var state: InputState
    public var prompt: String
    public var placeholder: String
    public var style: Style
    public var promptStyle: Style
    public var placeholderStyle: Style

    public init(_ state: InputState, prompt: String = "", placeholder: String = "", theme: Theme = .monochrome) {
        self.state = state
        self.prompt = prompt
        self.placeholder = placeholder
        self.style = theme.input
        self.promptStyle = theme.hintKey
        self.placeholderStyle = theme.muted
    }

    /// The first visible character and the cursor column for a text area `width` wide.
    func scroll(width: Int) -> (first: Int, cursorColumn: Int) {
        let chars = state.characters
        let widths = chars.map(DisplayWidth.of)
        // Leave one column for the cursor after the last character.
        var first = 0
        var columns = widths[0..<state.cursor].reduce(0, +)
        while columns >= width && first < state.cursor {
            columns -= widths[first]
            first += 1
        }
        return (first, columns)
    }

    /// Where the cursor goes when the input is drawn in `area`.
    public func cursorPosition(in area: Rect) -> Position {
        let promptWidth = DisplayWidth.of(prompt)
        let width = max(0, area.width - promptWidth)
        let column = width > 0 ? scroll(width: width).cursorColumn : 0
        return Position(x: min(area.right - 1, area.x + promptWidth + column), y: area.y)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let line = area.row(0)
        guard !line.isEmpty else { return }
        buffer.fill(line, with: Cell(" ", style: style))
        let x = buffer.write(prompt, x: line.x, y: line.y, style: promptStyle, clip: line)
        let textArea = Rect(x: x, y: line.y, width: line.right - x, height: 1)
        guard !textArea.isEmpty else { return }
        if state.isEmpty {
            buffer.write(placeholder, in: textArea, style: placeholderStyle)
            return
        }
        let first = scroll(width: textArea.width).first
        buffer.write(String(state.characters[first...]), x: textArea.x, y: line.y, style: style, clip: textArea)
    }

    /// Draws the input and puts the terminal cursor at the editing position.
    public func render(in area: Rect, frame: inout Frame) {
        render(in: area, buffer: &frame.buffer)
        if !area.isEmpty { frame.cursor = cursorPosition(in: area) }
    }
}
