import CNcurses

/// One raw result of ncurses' `wget_wch`, before decoding.
public enum RawInput: Hashable, Sendable {
    /// `wget_wch` returned `OK`: a character (Unicode scalar value).
    case character(UInt32)
    /// `wget_wch` returned `KEY_CODE_YES`: a function key code (`KEY_UP`, `KEY_RESIZE`…).
    case keyCode(Int32)
    /// A `KEY_MOUSE` followed by `getmouse`: position and button state mask.
    case mouse(x: Int32, y: Int32, buttons: UInt)
}

/// Turns raw ncurses input into `Event`s. Pure: no curses calls, no I/O, so it is unit-tested
/// with literal codes. It keeps the little state input needs: text between the bracketed-paste
/// markers is collected into one `.paste` event, and scalars arriving together are grouped into
/// grapheme clusters (so an emoji with a skin tone is one key, not two).
public struct InputDecoder: Sendable {
    /// Key codes we ask ncurses (`define_key`) to report for the bracketed-paste markers
    /// `ESC [ 200 ~` and `ESC [ 201 ~`; well above `KEY_MAX`.
    public static let pasteStartCode: Int32 = 0x7100
    public static let pasteEndCode: Int32 = 0x7101

    private var pasting = false
    private var pasted = ""

    public init() {}

    public var isPasting: Bool { pasting }

    /// Decodes a batch of raw input that arrived together.
    public mutating func decode(_ batch: [RawInput]) -> [Event] {
        var events: [Event] = []
        var text = ""  // consecutive printable scalars, split into graphemes when the run ends
        func flushText() {
            for c in text { events.append(.key(.character(c))) }
            text = ""
        }
        for raw in batch {
            if pasting {
                if let event = feedPaste(raw) { events.append(event) }
                continue
            }
            if case .character(let v) = raw, v >= 0x20, v != 0x7F, let scalar = Unicode.Scalar(v) {
                text.unicodeScalars.append(scalar)
                continue
            }
            flushText()
            if case .keyCode(Self.pasteStartCode) = raw {
                pasting = true
                pasted = ""
                continue
            }
            if let event = Self.decode(raw) { events.append(event) }
        }
        flushText()
        return events
    }

    private mutating func feedPaste(_ raw: RawInput) -> Event? {
        switch raw {
        case .keyCode(Self.pasteEndCode):
            pasting = false
            defer { pasted = "" }
            return .paste(pasted)
        case .character(let v):
            if v == 13 || v == 10 {
                pasted.append("\n")
            } else if v == 9 {
                pasted.append("\t")
            } else if v >= 0x20, v != 0x7F, let s = Unicode.Scalar(v) {
                pasted.unicodeScalars.append(s)
            }
            return nil
        case .keyCode(let code) where code == KEY_ENTER:
            pasted.append("\n")
            return nil
        default:
            return nil
        }
    }

    /// Decodes one raw input on its own (no paste or grapheme grouping).
    public static func decode(_ raw: RawInput) -> Event? {
        switch raw {
        case .character(let v):
            switch v {
            case 9: return .key(.tab)
            case 10, 13: return .key(.enter)
            case 8, 127: return .key(.backspace)
            case 27: return .key(.escape)
            case 0: return .key(.ctrl(" "))
            case 1...26: return .key(.ctrl(Character(Unicode.Scalar(UInt8(v) + 96))))
            case 28...31: return nil
            default:
                guard let s = Unicode.Scalar(v) else { return nil }
                return .key(.character(Character(s)))
            }
        case .keyCode(let code):
            return decodeKeyCode(code)
        case .mouse(let x, let y, let buttons):
            let at = Position(x: Int(x), y: Int(y))
            let b = mmask_t(truncatingIfNeeded: buttons)
            if b & cn_button4_pressed() != 0 { return .mouse(MouseEvent(.wheelUp, at: at)) }
            if b & cn_button5_pressed() != 0 { return .mouse(MouseEvent(.wheelDown, at: at)) }
            if b & cn_button1_clicked() != 0 { return .mouse(MouseEvent(.click(button: 1), at: at)) }
            if b & cn_button2_clicked() != 0 { return .mouse(MouseEvent(.click(button: 2), at: at)) }
            if b & cn_button3_clicked() != 0 { return .mouse(MouseEvent(.click(button: 3), at: at)) }
            if b & cn_button1_pressed() != 0 { return .mouse(MouseEvent(.press(button: 1), at: at)) }
            if b & cn_button2_pressed() != 0 { return .mouse(MouseEvent(.press(button: 2), at: at)) }
            if b & cn_button3_pressed() != 0 { return .mouse(MouseEvent(.press(button: 3), at: at)) }
            if b & cn_button1_released() != 0 { return .mouse(MouseEvent(.release(button: 1), at: at)) }
            return nil
        }
    }

    static func decodeKeyCode(_ code: Int32) -> Event? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        case KEY_ENTER: return .key(.enter)
        case KEY_BTAB: return .key(.backTab)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_IC: return .key(.insert)
        case KEY_RESIZE: return nil  // the backend turns this into `.resize` with the new size
        default:
            let f1 = cn_key_f(1)
            if code >= f1 && code < f1 + 12 { return .key(.function(Int(code - f1) + 1)) }
            return nil
        }
    }
}
