import Testing
@testable import TUI

@Suite struct DiffTests {
    /// What a terminal shows after receiving `updates` on top of `screen`.
    func apply(_ updates: [CellUpdate], to screen: Buffer) -> Buffer {
        var s = screen
        for u in updates { s.set(u.cell.symbol, width: Int(u.cell.width), style: u.cell.style, x: u.x, y: u.y) }
        return s
    }

    @Test func identicalBuffersHaveNoDiff() {
        var a = Buffer(size: Size(width: 10, height: 3))
        a.write("hello 中文", x: 0, y: 1, style: .plain)
        #expect(a.diff(from: a).isEmpty)
    }

    @Test func onlyChangedCellsAreListed() {
        var a = Buffer(size: Size(width: 10, height: 3))
        a.write("hello", x: 0, y: 0, style: .plain)
        var b = a
        b.write("j", x: 1, y: 0, style: .plain)
        b.write("!", x: 9, y: 2, style: Style(modifiers: .bold))
        let d = b.diff(from: a)
        #expect(d == [CellUpdate(x: 1, y: 0, cell: Cell("j")), CellUpdate(x: 9, y: 2, cell: Cell("!", style: Style(modifiers: .bold)))])
    }

    @Test func styleChangesAreChanges() {
        var a = Buffer(size: Size(width: 3, height: 1))
        a.write("abc", x: 0, y: 0, style: .plain)
        var b = a
        b.setStyle(Style(modifiers: .reverse), in: Rect(x: 1, y: 0, width: 1, height: 1))
        #expect(b.diff(from: a).map(\.x) == [1])
    }

    @Test func replacingAWideGlyphWithNarrowOnesLeavesNoDebris() {
        var old = Buffer(size: Size(width: 4, height: 1))
        old.write("中文", x: 0, y: 0, style: .plain)
        var new = Buffer(size: Size(width: 4, height: 1))
        new.write("ab", x: 0, y: 0, style: .plain)
        let d = new.diff(from: old)
        #expect(d.map(\.x) == [0, 1, 2, 3])
        #expect(apply(d, to: old) == new)
        #expect(apply(d, to: old).lines == ["ab  "])
    }

    @Test func continuationCellsAreNotSent() {
        let old = Buffer(size: Size(width: 4, height: 1))
        var new = old
        new.write("中", x: 1, y: 0, style: .plain)
        let d = new.diff(from: old)
        #expect(d.map(\.x) == [1])
        #expect(apply(d, to: old) == new)
    }

    @Test func resizeSendsEverything() {
        let old = Buffer(size: Size(width: 4, height: 2))
        let new = Buffer(size: Size(width: 5, height: 2))
        #expect(new.diff(from: old).count == 10)
    }

    @Test func applyingTheDiffAlwaysReproducesTheNewFrame() {
        var rng = SplitMix(state: 42)
        let samples = ["a", "bc", "中", "文字", "😀", "e\u{301}", "👨‍👩‍👧", "xyz", "한국", " "]
        var screen = Buffer(size: Size(width: 13, height: 4))
        for _ in 0..<500 {
            var next = screen
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let text = samples.randomElement(using: &rng)!
                let style = Bool.random(using: &rng) ? Style.plain : Style(modifiers: .bold)
                next.write(text, x: Int.random(in: -1...13, using: &rng), y: Int.random(in: 0..<4, using: &rng), style: style)
            }
            let d = next.diff(from: screen)
            #expect(d.allSatisfy { !$0.cell.isContinuation })
            let shown = apply(d, to: screen)
            #expect(shown == next)
            screen = shown
        }
    }
}
