/// A cell position on the screen: column `x`, row `y`, both zero-based from the top left.
public struct Position: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
    public var description: String { "(\(x), \(y))" }
}

/// A size in cells. Negative sizes are clamped to zero so a tiny terminal never crashes anything.
public struct Size: Hashable, Sendable, CustomStringConvertible {
    public var width: Int
    public var height: Int
    public init(width: Int, height: Int) { self.width = max(0, width); self.height = max(0, height) }
    public var description: String { "\(width)×\(height)" }
}

/// Spacing kept free inside a rectangle: `horizontal` columns on the left and right, `vertical` rows above and below.
public struct Margin: Hashable, Sendable {
    public var horizontal: Int
    public var vertical: Int
    public init(horizontal: Int = 0, vertical: Int = 0) { self.horizontal = horizontal; self.vertical = vertical }
    public init(_ all: Int) { self.init(horizontal: all, vertical: all) }
    public static let zero = Margin()
}

/// A rectangle of cells. Every operation returns a valid (possibly empty) rectangle, never a negative one.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int = 0, y: Int = 0, width: Int, height: Int) {
        self.x = x; self.y = y
        self.width = max(0, width); self.height = max(0, height)
    }

    public init(origin: Position = Position(x: 0, y: 0), size: Size) {
        self.init(x: origin.x, y: origin.y, width: size.width, height: size.height)
    }

    public static let zero = Rect(width: 0, height: 0)

    public var left: Int { x }
    public var top: Int { y }
    /// One past the last column.
    public var right: Int { x + width }
    /// One past the last row.
    public var bottom: Int { y + height }
    public var area: Int { width * height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var size: Size { Size(width: width, height: height) }

    public func contains(_ p: Position) -> Bool {
        p.x >= x && p.x < right && p.y >= y && p.y < bottom
    }

    /// The rectangle shrunk by `margin` on every side; empty (at the centre) when the margin does not fit.
    public func inner(_ margin: Margin) -> Rect {
        let w = width - 2 * margin.horizontal
        let h = height - 2 * margin.vertical
        guard w > 0, h > 0 else {
            return Rect(x: x + min(margin.horizontal, width / 2), y: y + min(margin.vertical, height / 2), width: 0, height: 0)
        }
        return Rect(x: x + margin.horizontal, y: y + margin.vertical, width: w, height: h)
    }

    public func intersection(_ other: Rect) -> Rect {
        let l = max(x, other.x), t = max(y, other.y)
        let r = min(right, other.right), b = min(bottom, other.bottom)
        guard r > l, b > t else { return Rect(x: l, y: t, width: 0, height: 0) }
        return Rect(x: l, y: t, width: r - l, height: b - t)
    }

    /// A rectangle of at most `width`×`height` centred inside this one (used by dialogs and overlays).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width), ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// The single row `row` (relative to the top) of this rectangle, or an empty rect when out of range.
    public func row(_ row: Int) -> Rect {
        guard row >= 0, row < height else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: x, y: y + row, width: width, height: 1)
    }

    public var description: String { "Rect(x: \(x), y: \(y), \(width)×\(height))" }
}
