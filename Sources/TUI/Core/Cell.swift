/// One screen cell: a grapheme cluster, the columns it covers and its style.
///
/// A wide glyph (CJK, most emoji) covers two cells: the first holds the glyph with `width == 2`,
/// the second is a *continuation* cell (`width == 0`) that the terminal fills by itself and that is
/// never drawn on its own. Zero-width clusters (lone combining marks) never occupy a cell.
public struct Cell: Sendable {
    public var symbol: Character
    /// 1 or 2 for a glyph; 0 for the continuation half of a wide glyph.
    public var width: UInt8
    public var style: Style

    public init(_ symbol: Character, width: UInt8 = 1, style: Style = .plain) {
        self.symbol = symbol
        self.width = width
        self.style = style
    }

    /// A space in the default style: what an empty buffer is filled with.
    public static let blank = Cell(" ")

    /// The right half of a wide glyph.
    public static func continuation(style: Style) -> Cell { Cell(" ", width: 0, style: style) }

    public var isContinuation: Bool { width == 0 }
}

extension Cell: Equatable {
    // Cheap fields first: the diff compares every cell of every frame.
    @inlinable
    public static func == (a: Cell, b: Cell) -> Bool {
        a.width == b.width && a.style == b.style && a.symbol == b.symbol
    }
}

/// How text is placed horizontally inside its area.
public enum Alignment: Sendable, Hashable {
    case left, center, right
}

/// What happens to text wider than its area.
public enum Overflow: Sendable, Hashable {
    /// Cut at the edge.
    case clip
    /// Cut one column early and end with `…`.
    case ellipsis
}
