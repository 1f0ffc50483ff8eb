import Testing
@testable import TUI

@Suite struct TableStateTests {
    @Test func movingKeepsTheSelectionVisibleWithoutJumps() {
        var s = TableState(viewportHeight: 10)
        for _ in 0..<20 { s.moveDown(rowCount: 100) }
        #expect(s.selected == 20 && s.offset == 11)
        for _ in 0..<5 { s.moveUp(rowCount: 100) }
        #expect(s.selected == 15 && s.offset == 11)  // the view stays put while the selection is visible
        s.pageDown(rowCount: 100)
        #expect(s.selected == 24 && s.offset == 15)
        s.selectLast(rowCount: 100)
        #expect(s.selected == 99 && s.offset == 90)
        s.moveDown(rowCount: 100)
        #expect(s.selected == 99)
        s.selectFirst(rowCount: 100)
        #expect(s.selected == 0 && s.offset == 0)
    }

    @Test func resizeKeepsSelectionAndScroll() {
        var s = TableState(viewportHeight: 20)
        s.select(50, rowCount: 1000)
        #expect(s.offset == 31)
        s.setViewportHeight(5, rowCount: 1000)
        #expect(s.selected == 50)
        #expect(s.offset <= 50 && s.offset + 5 > 50)
        s.setViewportHeight(40, rowCount: 1000)
        #expect(s.selected == 50 && s.offset <= 50 && s.offset + 40 > 50)
    }

    @Test func shrinkingDataClamps() {
        var s = TableState(viewportHeight: 10)
        s.select(500, rowCount: 1000)
        s.clamp(rowCount: 30)
        #expect(s.selected == 29 && s.offset == 20)
        s.clamp(rowCount: 0)
        #expect(s.selected == 0 && s.offset == 0)
    }

    @Test func renderingCorrectsAStaleOffsetWithoutMutation() {
        var s = TableState(viewportHeight: 50)
        s.select(40, rowCount: 100)
        #expect(s.offset == 0)
        #expect(s.visibleOffset(rowCount: 100, height: 10) == 31)
        #expect(s.visibleOffset(rowCount: 5, height: 10) == 0)
    }
}
