/// A terminal colour: the terminal's default, or an index into the 256-colour palette
/// (0–7 are the classic colours, 8–15 their bright variants).
public enum Color: Hashable, Sendable {
    case reset
    case indexed(UInt8)

    public static let black = Color.indexed(0)
    public static let red = Color.indexed(1)
    public static let green = Color.indexed(2)
    public static let yellow = Color.indexed(3)
    public static let blue = Color.indexed(4)
    public static let magenta = Color.indexed(5)
    public static let cyan = Color.indexed(6)
    public static let white = Color.indexed(7)
    public static let brightBlack = Color.indexed(8)
    public static let brightRed = Color.indexed(9)
    public static let brightGreen = Color.indexed(10)
    public static let brightYellow = Color.indexed(11)
    public static let brightBlue = Color.indexed(12)
    public static let brightMagenta = Color.indexed(13)
    public static let brightCyan = Color.indexed(14)
    public static let brightWhite = Color.indexed(15)
}

/// Text attributes that combine freely.
public struct Modifiers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Modifiers(rawValue: 1 << 0)
    public static let dim = Modifiers(rawValue: 1 << 1)
    public static let underline = Modifiers(rawValue: 1 << 2)
    public static let reverse = Modifiers(rawValue: 1 << 3)
    public static let italic = Modifiers(rawValue: 1 << 4)
}

/// How one cell is drawn: foreground, background and attributes. Small and trivially copyable
/// on purpose, because every cell of every frame carries one.
public struct Style: Hashable, Sendable {
    public var foreground: Color
    public var background: Color
    public var modifiers: Modifiers

    public init(foreground: Color = .reset, background: Color = .reset, modifiers: Modifiers = []) {
        self.foreground = foreground
        self.background = background
        self.modifiers = modifiers
    }

    public static let plain = Style()

    public var isBold: Bool { modifiers.contains(.bold) }
    public var isReversed: Bool { modifiers.contains(.reverse) }

    public func foreground(_ color: Color) -> Style { var s = self; s.foreground = color; return s }
    public func background(_ color: Color) -> Style { var s = self; s.background = color; return s }
    public func adding(_ m: Modifiers) -> Style { var s = self; s.modifiers.formUnion(m); return s }
    public func removing(_ m: Modifiers) -> Style { var s = self; s.modifiers.subtract(m); return s }
    public var bold: Style { adding(.bold) }
    public var dim: Style { adding(.dim) }
    public var underline: Style { adding(.underline) }
    public var reversed: Style { adding(.reverse) }
    public var italic: Style { adding(.italic) }

    /// `other` laid over this style: its colours win unless they are `.reset`, attributes add up.
    public func patched(with other: Style) -> Style {
        Style(
            foreground: other.foreground == .reset ? foreground : other.foreground,
            background: other.background == .reset ? background : other.background,
            modifiers: modifiers.union(other.modifiers)
        )
    }
}
