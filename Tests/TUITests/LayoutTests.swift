import Testing
@testable import TUI

@Suite struct LayoutTests {
    @Test func fixedAndFill() {
        let r = Layout.vertical([.length(1), .fill, .length(1)]).split(Rect(width: 80, height: 24))
        #expect(r == [Rect(x: 0, y: 0, width: 80, height: 1), Rect(x: 0, y: 1, width: 80, height: 22), Rect(x: 0, y: 23, width: 80, height: 1)])
    }

    @Test func percentagesRatiosAndWeights() {
        #expect(Layout.sizes(for: [.percentage(25), .percentage(75)], total: 100) == [25, 75])
        #expect(Layout.sizes(for: [.ratio(1, 3), .fill], total: 90) == [30, 60])
        #expect(Layout.sizes(for: [.fill(1), .fill(2)], total: 90) == [30, 60])
        #expect(Layout.sizes(for: [.fill(1), .fill(1), .fill(1)], total: 10) == [4, 3, 3])
        #expect(Layout.sizes(for: [.min(10), .fill], total: 30) == [20, 10])
        #expect(Layout.sizes(for: [.max(5), .fill], total: 30) == [5, 25])
        #expect(Layout.sizes(for: [.max(5)], total: 30) == [5])  // nobody else wants it: stays empty
        #expect(Layout.sizes(for: [.length(10), .length(10)], total: 100) == [10, 10])
    }

    @Test func tooLittleSpaceShrinksProportionally() {
        #expect(Layout.sizes(for: [.length(1), .fill, .length(1)], total: 1) == [1, 0, 0])
        #expect(Layout.sizes(for: [.length(10), .length(30)], total: 20) == [5, 15])
        #expect(Layout.sizes(for: [.length(3), .min(3)], total: 0) == [0, 0])
    }

    @Test func marginsAndSpacing() {
        let r = Layout.horizontal([.fill, .fill], margin: Margin(horizontal: 2, vertical: 1), spacing: 1)
            .split(Rect(x: 10, y: 5, width: 25, height: 10))
        #expect(r == [Rect(x: 12, y: 6, width: 10, height: 8), Rect(x: 23, y: 6, width: 10, height: 8)])
    }

    static let constraintSets: [[Constraint]] = [
        [.length(1), .fill, .length(1)],
        [.percentage(30), .percentage(70)],
        [.ratio(1, 4), .fill(2), .fill(1)],
        [.min(5), .max(20), .length(3)],
        [.fill(1), .fill(3), .min(2), .percentage(10)],
        [.length(200), .length(300)],
        [.max(1)]
    ]

    @Test(arguments: [Direction.vertical, .horizontal])
    func everySizeFromZeroToHuge(direction: Direction) {
        var sizes: [(Int, Int)] = [(0, 0), (1, 1), (1, 0), (0, 1), (2, 1), (300, 100)]
        for w in stride(from: 0, through: 300, by: 7) { for h in stride(from: 0, through: 100, by: 9) { sizes.append((w, h)) } }
        for constraints in Self.constraintSets {
            for margin in [Margin.zero, Margin(1), Margin(horizontal: 3, vertical: 2)] {
                for spacing in [0, 1] {
                    let layout = Layout(direction, constraints, margin: margin, spacing: spacing)
                    for (w, h) in sizes {
                        let area = Rect(x: 3, y: 2, width: w, height: h)
                        let rects = layout.split(area)
                        #expect(rects == layout.split(area), "deterministic")
                        #expect(rects.count == constraints.count)
                        let inner = area.inner(margin)
                        let total = direction == .vertical ? inner.height : inner.width
                        let lengths = rects.map { direction == .vertical ? $0.height : $0.width }
                        #expect(lengths.allSatisfy { $0 >= 0 })
                        #expect(lengths.reduce(0, +) + spacing * max(0, constraints.count - 1) <= max(total, spacing * max(0, constraints.count - 1)))
                        for r in rects where !r.isEmpty {
                            #expect(r.intersection(inner) == r, "\(r) inside \(inner)")
                        }
                        for (a, b) in zip(rects, rects.dropFirst()) {
                            if direction == .vertical { #expect(a.bottom <= b.top) } else { #expect(a.right <= b.left) }
                        }
                        // A fill takes all the space the fixed parts leave.
                        if constraints == [.length(1), .fill, .length(1)], spacing == 0, total >= 2 {
                            #expect(lengths == [1, total - 2, 1])
                        }
                    }
                }
            }
        }
    }

    @Test func fillSumsToTheTotal() {
        for total in 0...300 {
            let sizes = Layout.sizes(for: [.length(2), .fill(1), .fill(2), .percentage(20)], total: total)
            if total >= 2 + total * 20 / 100 { #expect(sizes.reduce(0, +) == total, "total \(total): \(sizes)") }
            #expect(sizes.reduce(0, +) <= total)
        }
    }

    @Test func rectHelpers() {
        let r = Rect(x: 0, y: 0, width: 10, height: 4)
        #expect(r.inner(Margin(1)) == Rect(x: 1, y: 1, width: 8, height: 2))
        #expect(r.inner(Margin(5)).isEmpty)
        #expect(r.centered(width: 4, height: 2) == Rect(x: 3, y: 1, width: 4, height: 2))
        #expect(r.centered(width: 40, height: 20) == r)
        #expect(Rect(width: -3, height: 2).width == 0)
        #expect(Rect.zero.inner(Margin(1)).isEmpty)
    }
}
