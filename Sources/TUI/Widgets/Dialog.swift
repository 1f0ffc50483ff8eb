/// A modal box centred over the screen: a title, a wrapped message and a row of buttons, one of
/// them selected. The area under it is cleared first, so it can be drawn over anything.
///
/// Use `Dialog.message` for information and `Dialog.confirm` with a `ConfirmState` for yes/no
/// questions; the confirmation starts on "No", so a stray Enter never confirms anything.
public struct Dialog: Widget, Sendable {
    public var title: String
    public var message: String
    public var buttons: [String]
    public var selectedButton: Int
    /// Widest the dialog may be, in columns (it shrinks on small screens).
    public var maxWidth: Int
    public var style: Style
    public var borderStyle: Style
    public var titleStyle: Style
    public var buttonStyle: Style
    public var selectedButtonStyle: Style

    public init(
        title: String, message: String, buttons: [String] = ["OK"], selectedButton: Int = 0,
        maxWidth: Int = 60, theme: Theme = .monochrome
    ) {
        self.title = title
        self.message = message
        self.buttons = buttons
        self.selectedButton = selectedButton
        self.maxWidth = maxWidth
        self.style = theme.normal
        self.borderStyle = theme.focusedBorder
        self.titleStyle = theme.title
        self.buttonStyle = theme.normal
        self.selectedButtonStyle = theme.selected
    }

    /// An information dialog with a single "OK".
    public static func message(title: String, message: String, theme: Theme = .monochrome) -> Dialog {
        Dialog(title: title, message: message, buttons: ["OK"], selectedButton: 0, theme: theme)
    }

    /// A yes/no question showing the state's current choice.
    public static func confirm(
        title: String, message: String, state: ConfirmState,
        yes: String = "Yes", no: String = "No", theme: Theme = .monochrome
    ) -> Dialog {
        Dialog(title: title, message: message, buttons: [yes, no], selectedButton: state.choice == .yes ? 0 : 1, theme: theme)
    }

    var buttonLabels: [String] { buttons.map { "[ \($0) ]" } }

    /// The rectangle the dialog occupies inside `area`.
    public func frame(in area: Rect) -> Rect {
        let buttonsWidth = buttonLabels.reduce(0) { $0 + DisplayWidth.of($1) } + 2 * max(0, buttons.count - 1)
        let longestLine = message.split(separator: "\n").map { DisplayWidth.of(String($0)) }.max() ?? 0
        let titleWidth = DisplayWidth.of(title) + 4
        let width = min(area.width, max(20, min(maxWidth, max(longestLine, buttonsWidth, titleWidth) + 4)))
        let textHeight = Paragraph.height(of: message, width: max(1, width - 4))
        let height = min(area.height, textHeight + 5)  // border, padding row, text, blank row, buttons, border
        return area.centered(width: width, height: height)
    }

    public func render(in area: Rect, buffer: inout Buffer) {
        let box = frame(in: area)
        guard !box.isEmpty else { return }
        buffer.fill(box, with: Cell(" ", style: style))
        let block = Block(title: title, borderStyle: borderStyle, titleStyle: titleStyle, padding: Margin(horizontal: 1, vertical: 0))
        block.render(in: box, buffer: &buffer)
        let inner = block.inner(box)
        guard !inner.isEmpty else { return }
        let buttonRow = inner.bottom - 1
        let textArea = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, buttonRow - inner.y - 2))
        Paragraph(message, style: style, alignment: .center).render(in: textArea, buffer: &buffer)

        let labels = buttonLabels
        let total = labels.reduce(0) { $0 + DisplayWidth.of($1) } + 2 * max(0, labels.count - 1)
        var x = inner.x + max(0, (inner.width - total) / 2)
        let row = Rect(x: inner.x, y: buttonRow, width: inner.width, height: 1)
        for (i, label) in labels.enumerated() {
            x = buffer.write(label, x: x, y: buttonRow, style: i == selectedButton ? selectedButtonStyle : buttonStyle, clip: row)
            x += 2
        }
    }
}

/// The answer a confirmation dialog is on. Starts on `.no`: the safe answer is the default.
public struct ConfirmState: Sendable, Hashable {
    public enum Choice: Sendable, Hashable { case yes, no }
    public enum Outcome: Sendable, Hashable { case confirmed, cancelled }

    public var choice: Choice

    public init(choice: Choice = .no) { self.choice = choice }

    /// Standard keys: ←/→/Tab/h/l switch, y/n answer at once, Enter takes the current choice,
    /// Esc cancels. Returns the outcome once the dialog is done, nil while it stays open.
    public mutating func handle(_ key: Key) -> Outcome? {
        switch key {
        case .left, .right, .tab, .backTab, .character("h"), .character("l"):
            switchChoice()
            return nil
        case .character("y"), .character("Y"): return .confirmed
        case .character("n"), .character("N"), .escape: return .cancelled
        case .enter: return selectedOutcome
        default: return nil
        }
    }

    /// Moves to the other answer.
    public mutating func switchChoice() { choice = choice == .yes ? .no : .yes }

    /// What Enter answers: the answer the dialog is on.
    public var selectedOutcome: Outcome { choice == .yes ? .confirmed : .cancelled }
}
