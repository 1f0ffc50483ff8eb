/// How much space one segment of a `Layout` asks for.
public enum Constraint: Sendable, Hashable {
    /// Exactly `n` cells (shrunk only when even the fixed parts do not fit).
    case length(Int)
    /// At least `n` cells; grows like `.fill(1)` when space is left.
    case min(Int)
    /// Up to `n` cells; grows like `.fill(1)` but never past `n`.
    case max(Int)
    /// `p` percent of the available space (rounded down).
    case percentage(Int)
    /// `numerator / denominator` of the available space (rounded down).
    case ratio(Int, Int)
    /// A share of whatever is left, in proportion to the weight.
    case fill(Int)

    public static let fill = Constraint.fill(1)
}

/// Whether a layout stacks its segments top to bottom or left to right.
public enum Direction: Sendable, Hashable {
    case vertical, horizontal
}

/// Splits a rectangle into segments by constraints, like ratatui's `Layout`.
///
/// The algorithm is deliberately simple and deterministic for every size, down to 0×0:
/// 1. every constraint gets its base size (length, min, percentage, ratio; 0 for max and fill);
/// 2. if the bases do not fit they are scaled down proportionally (leftover cells go to the first);
/// 3. leftover space goes to `fill`, `min` and `max` segments by weight (`max` capped at its size),
///    the remainder one cell at a time to the earliest growable segments.
/// Space nobody can take stays empty after the last segment. The result always has exactly one
/// rectangle per constraint, each inside the area and in order, never overlapping.
public struct Layout: Sendable, Hashable {
    public var direction: Direction
    public var constraints: [Constraint]
    public var margin: Margin
    /// Empty cells between consecutive segments.
    public var spacing: Int

    public init(_ direction: Direction, _ constraints: [Constraint], margin: Margin = .zero, spacing: Int = 0) {
        self.direction = direction
        self.constraints = constraints
        self.margin = margin
        self.spacing = Swift.max(0, spacing)
    }

    public static func vertical(_ constraints: [Constraint], margin: Margin = .zero, spacing: Int = 0) -> Layout {
        Layout(.vertical, constraints, margin: margin, spacing: spacing)
    }

    public static func horizontal(_ constraints: [Constraint], margin: Margin = .zero, spacing: Int = 0) -> Layout {
        Layout(.horizontal, constraints, margin: margin, spacing: spacing)
    }

    /// One rectangle per constraint.
    public func split(_ area: Rect) -> [Rect] {
        let inner = area.inner(margin)
        let total = direction == .vertical ? inner.height : inner.width
        let sizes = Layout.sizes(for: constraints, total: total, spacing: spacing)
        var rects: [Rect] = []
        rects.reserveCapacity(sizes.count)
        var offset = 0
        for (i, size) in sizes.enumerated() {
            if i > 0 { offset = Swift.min(total, offset + spacing) }
            switch direction {
            case .vertical: rects.append(Rect(x: inner.x, y: inner.y + offset, width: inner.width, height: size))
            case .horizontal: rects.append(Rect(x: inner.x + offset, y: inner.y, width: size, height: inner.height))
            }
            offset += size
        }
        return rects
    }

    /// The segment sizes along the layout's axis for `total` cells.
    public static func sizes(for constraints: [Constraint], total: Int, spacing: Int = 0) -> [Int] {
        let n = constraints.count
        guard n > 0 else { return [] }
        let gaps = Swift.min(Swift.max(0, total), spacing * (n - 1))
        let available = Swift.max(0, total - gaps)

        // 1. Base sizes.
        var sizes = constraints.map { c -> Int in
            switch c {
            case .length(let v), .min(let v): return Swift.max(0, v)
            case .percentage(let p): return available * Swift.min(Swift.max(0, p), 100) / 100
            case .ratio(let a, let b): return b <= 0 ? 0 : Swift.min(available, available * Swift.max(0, a) / b)
            case .max, .fill: return 0
            }
        }

        // 2. Too big: scale down proportionally, remainder to the earliest segments.
        let baseSum = sizes.reduce(0, +)
        if baseSum > available {
            var scaled = sizes.map { $0 * available / baseSum }
            var remainder = available - scaled.reduce(0, +)
            var i = 0
            while remainder > 0 {
                if scaled[i] < sizes[i] { scaled[i] += 1; remainder -= 1 }
                i = (i + 1) % n
            }
            return scaled
        }

        // 3. Share the leftover among growable segments by weight.
        var leftover = available - baseSum
        func weight(_ c: Constraint) -> Int {
            switch c {
            case .fill(let w): return Swift.max(0, w)
            case .min, .max: return 1
            default: return 0
            }
        }
        func capacity(_ i: Int) -> Int {
            if case .max(let cap) = constraints[i] { return Swift.max(0, cap) - sizes[i] }
            return Int.max
        }
        while leftover > 0 {
            let growable = (0..<n).filter { weight(constraints[$0]) > 0 && capacity($0) > 0 }
            if growable.isEmpty { break }
            let totalWeight = growable.reduce(0) { $0 + weight(constraints[$1]) }
            var given = 0
            for i in growable {
                let share = Swift.min(capacity(i), leftover * weight(constraints[i]) / totalWeight)
                sizes[i] += share
                given += share
            }
            leftover -= given
            if given == 0 {
                // Shares rounded to zero: hand out single cells in order so the loop always ends.
                for i in growable where leftover > 0 && capacity(i) > 0 {
                    sizes[i] += 1
                    leftover -= 1
                }
            }
        }
        return sizes
    }
}
