import Testing
@testable import TUI

@Suite struct BufferTests {
    @Test func writeIsClippedToTheArea() {
        var b = Buffer(size: Size(width: 6, height: 2))
        let end = b.write("abcdefgh", x: 2, y: 0, style: .plain)
        #expect(b.lines == ["  abcd", "      "])
        #expect(end == 6)
        b.write("xyz", x: 0, y: 1, style: .plain, clip: Rect(x: 1, y: 1, width: 1, height: 1))
        #expect(b.lines[1] == " y    ")
        b.write("zzz", x: 0, y: 5, style: .plain)  // outside: ignored
        #expect(b.lines.count == 2)
    }

    @Test func truncationUsesDisplayWidthAndNeverSplitsGlyphs() {
        #expect(Buffer.truncate("Hello world", toWidth: 8) == "Hello w…")
        #expect(Buffer.truncate("Hello", toWidth: 5) == "Hello")
        #expect(Buffer.truncate("中文字符", toWidth: 5) == "中文…")
        #expect(Buffer.truncate("中文字符", toWidth: 4) == "中…")
        #expect(Buffer.truncate("e\u{301}e\u{301}e\u{301}", toWidth: 2) == "e\u{301}…")
        #expect(Buffer.truncate("😀😀", toWidth: 3) == "😀…")
        #expect(Buffer.truncate("abc", toWidth: 0) == "")
        #expect(Buffer.truncate("abcdef", toWidth: 3, overflow: .clip) == "abc")
        #expect(Buffer.truncate("中文", toWidth: 3, overflow: .clip) == "中")
    }

    @Test func wideGlyphsOccupyTwoCellsAndAppearOnceInLines() {
        var b = Buffer(size: Size(width: 6, height: 1))
        b.write("中a😀", x: 0, y: 0, style: .plain)
        #expect(b[0, 0].symbol == "中" && b[0, 0].width == 2)
        #expect(b[1, 0].isContinuation)
        #expect(b[2, 0].symbol == "a")
        #expect(b[3, 0].symbol == "😀" && b[4, 0].isContinuation)
        #expect(b.lines == ["中a😀 "])
        #expect(DisplayWidth.of(b.lines[0]) == 6)
    }

    @Test func wideGlyphAtTheEdgeBecomesASpace() {
        var b = Buffer(size: Size(width: 5, height: 1))
        b.write("ab中中", x: 0, y: 0, style: .plain)
        #expect(b.lines == ["ab中 "])
        #expect(!b[4, 0].isContinuation)
    }

    @Test func overwritingHalfAWideGlyphBlanksTheOtherHalf() {
        var b = Buffer(size: Size(width: 4, height: 1))
        b.write("中文", x: 0, y: 0, style: .plain)
        b.write("x", x: 1, y: 0, style: .plain)  // the right half of 中
        #expect(b.lines == [" x文"])
        b.write("y", x: 2, y: 0, style: .plain)  // the left half of 文
        #expect(b.lines == [" xy "])
        #expect((0..<4).allSatisfy { !b[$0, 0].isContinuation })
    }

    @Test func combiningCharactersStayInTheirCell() {
        var b = Buffer(size: Size(width: 4, height: 1))
        b.write("e\u{301}x\u{301}", x: 0, y: 0, style: .plain)
        #expect(b[0, 0].symbol == "e\u{301}")
        #expect(b[1, 0].symbol == "x\u{301}")
        #expect(b.lines == ["e\u{301}x\u{301}  "])
        // A lone combining mark has no cell of its own.
        var c = Buffer(size: Size(width: 3, height: 1))
        c.write("\u{301}ab", x: 0, y: 0, style: .plain)
        #expect(c.lines == ["ab "])
    }

    @Test func alignedWrites() {
        var b = Buffer(size: Size(width: 9, height: 3))
        b.write("abc", in: b.area.row(0), style: .plain, alignment: .left)
        b.write("abc", in: b.area.row(1), style: .plain, alignment: .center)
        b.write("中c", in: b.area.row(2), style: .plain, alignment: .right)
        #expect(b.lines == ["abc      ", "   abc   ", "      中c"])
    }

    @Test func stylesAreStoredPerCell() {
        var b = Buffer(size: Size(width: 3, height: 1))
        b.write("ab", x: 0, y: 0, style: Style(foreground: .red).bold)
        #expect(b[0, 0].style == Style(foreground: .red, modifiers: .bold))
        #expect(b[2, 0].style == .plain)
        b.patchStyle(Style(background: .blue), in: b.area)
        #expect(b[0, 0].style == Style(foreground: .red, background: .blue, modifiers: .bold))
        b.setStyle(.plain, in: b.area)
        #expect(b[1, 0].style == .plain)
    }

    @Test func fillClearsWideGlyphsCutByTheEdge() {
        var b = Buffer(size: Size(width: 4, height: 1))
        b.write("中文", x: 0, y: 0, style: .plain)
        b.fill(Rect(x: 1, y: 0, width: 2, height: 1), with: Cell("-"))
        #expect(b.lines == [" -- "])
    }
}
