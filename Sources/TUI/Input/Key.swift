/// A decoded key press.
public enum Key: Hashable, Sendable {
    /// Printable text: one grapheme cluster (a letter, a CJK character, an emoji with its modifiers).
    case character(Character)
    /// Control + letter, lowercase (`.ctrl("c")` is ^C). Tab, Enter and Backspace have their own cases.
    case ctrl(Character)
    /// F1…F12 (`.function(1)` is F1).
    case function(Int)
    case enter, tab, backTab, backspace, delete, insert, escape
    case up, down, left, right, home, end, pageUp, pageDown

    /// The space bar.
    public static let space = Key.character(" ")

    /// The key's name as shown in hints and help: "q", "Space", "Tab", "S-Tab", "^C", "PgDn", "F5", "↑".
    public var displayName: String {
        switch self {
        case .character(" "): return "Space"
        case .character(let c): return String(c)
        case .ctrl(let c): return "^" + String(c).uppercased()
        case .function(let n): return "F\(n)"
        case .enter: return "Enter"
        case .tab: return "Tab"
        case .backTab: return "S-Tab"
        case .backspace: return "Bksp"
        case .delete: return "Del"
        case .insert: return "Ins"
        case .escape: return "Esc"
        case .up: return "↑"
        case .down: return "↓"
        case .left: return "←"
        case .right: return "→"
        case .home: return "Home"
        case .end: return "End"
        case .pageUp: return "PgUp"
        case .pageDown: return "PgDn"
        }
    }
}

/// Which mouse action happened.
public enum MouseAction: Hashable, Sendable {
    case press(button: Int)
    case release(button: Int)
    case click(button: Int)
    case wheelUp
    case wheelDown
}

/// A mouse event at a screen cell.
public struct MouseEvent: Hashable, Sendable {
    public var action: MouseAction
    public var position: Position
    public init(_ action: MouseAction, at position: Position) {
        self.action = action
        self.position = position
    }
}

/// Input as the terminal delivers it, after decoding.
public enum Event: Hashable, Sendable {
    case key(Key)
    case mouse(MouseEvent)
    /// The terminal now has this size.
    case resize(Size)
    /// Text pasted at once (bracketed paste): deliver it whole, do not interpret it as key bindings.
    case paste(String)
}
