import Testing
@testable import TUI

@Suite struct WidgetSnapshotTests {
    @Test func blockWithTitle() {
        #expect(
            render(Block(title: "Offers"), width: 12, height: 3).lines == [
                "┌ Offers ──┐",
                "│          │",
                "└──────────┘"
            ])
        #expect(
            render(Block(title: "A very long title", borderType: .rounded), width: 10, height: 2).lines == [
                "╭ A ver… ╮",
                "╰────────╯"
            ])
        #expect(
            render(Block(title: "中文标题"), width: 9, height: 2).lines == [
                "┌ 中文… ┐",
                "└───────┘"
            ])
        #expect(Block().inner(Rect(width: 10, height: 5)) == Rect(x: 1, y: 1, width: 8, height: 3))
        #expect(render(Block(title: "x"), width: 1, height: 1).lines.count == 1, "a 1×1 block draws without crashing")
        #expect(render(Block(), width: 0, height: 0).lines == [])
    }

    @Test func paragraphWrapsByWordsAndDisplayWidth() {
        let p = Paragraph("The quick brown fox jumps over the lazy dog", block: Block(title: "P"))
        #expect(
            trimmed(render(p, width: 14, height: 6)) == [
                "┌ P ─────────┐",
                "│The quick   │",
                "│brown fox   │",
                "│jumps over  │",
                "│the lazy dog│",
                "└────────────┘"
            ])
        // CJK and emoji next to the border: a wide glyph never spills onto it.
        #expect(
            render(Paragraph("中文字符😀ok", block: Block()), width: 7, height: 5).lines == [
                "┌─────┐",
                "│中文 │",
                "│字符 │",
                "│😀ok │",
                "└─────┘"
            ])
        #expect(
            render(Paragraph("e\u{301}te\u{301}", block: Block()), width: 6, height: 3).lines == [
                "┌────┐",
                "│e\u{301}te\u{301} │",
                "└────┘"
            ])
    }

    @Test func paragraphTruncatesAndAligns() {
        let p = Paragraph("left\nsome very long line", wrap: false)
        #expect(render(p, width: 10, height: 2).lines == ["left      ", "some very…"])
        #expect(render(Paragraph("mid", alignment: .center), width: 7, height: 1).lines == ["  mid  "])
        #expect(render(Paragraph("中文", alignment: .right), width: 7, height: 1).lines == ["   中文"])
        #expect(render(Paragraph("a\nb\nc", scroll: 1), width: 1, height: 2).lines == ["b", "c"])
    }

    @Test func listWithSelection() {
        var state = ListState(viewportHeight: 3)
        state.select(3, rowCount: 5)
        let list = ListView(["one", "two", "three", "four", "five"], state: state, highlightSymbol: "> ")
        let b = render(list, width: 8, height: 3)
        #expect(b.lines == ["  two   ", "  three ", "> four  "])
        #expect(b[0, 2].style.isReversed)
        #expect(!b[0, 1].style.isReversed)
    }

    struct CountingSource: TableDataSource {
        let rowCount: Int
        let log: RowLog
        func row(at index: Int) -> TableRow {
            log.requested.append(index)
            return TableRow(["\(index)", "名前\(index)", "✓"])
        }
    }
    final class RowLog { var requested: [Int] = [] }

    let columns = [TableColumn("ID", width: .length(7), alignment: .right), TableColumn("Name", width: .fill), TableColumn("OK", width: .length(2))]

    @Test func tableSnapshot() {
        var state = TableState(viewportHeight: 3)
        state.select(1_000_001, rowCount: 1_000_000)
        let log = RowLog()
        let table = Table(
            columns: columns, data: CountingSource(rowCount: 1_000_000, log: log), state: state,
            block: Block(title: "Offers"), sort: SortIndicator(column: 1, ascending: false), highlightSymbol: "▶")
        #expect(table.visibleRowCount(in: Rect(width: 24, height: 6)) == 3)
        let b = render(table, width: 24, height: 6)
        #expect(
            b.lines == [
                "┌ Offers ──────────────┐",
                "│      ID Name ▼     OK│",
                "│  999997 名前999997 ✓ │",
                "│  999998 名前999998 ✓ │",
                "│▶ 999999 名前999999 ✓ │",
                "└──────────────────────┘"
            ])
        #expect(log.requested == [999_997, 999_998, 999_999], "only visible rows are fetched")
        #expect(b[5, 1].style.isBold, "header")
        #expect(b[5, 4].style.isReversed, "selected row")
        #expect(!b[5, 3].style.isReversed)
    }

    @Test func tableRowCostDoesNotDependOnRowCount() {
        for count in [100, 1_000_000] {
            let log = RowLog()
            var state = TableState(viewportHeight: 20)
            state.select(count / 2, rowCount: count)
            _ = render(Table(columns: columns, data: CountingSource(rowCount: count, log: log), state: state), width: 40, height: 21)
            #expect(log.requested.count == 20)
        }
    }

    @Test func tableCellsTruncateWithEllipsisAndRowStyles() {
        let data = ArrayTableDataSource([TableRow(["1", "a long name that does not fit", "✗"], style: Style(modifiers: .dim))])
        let b = render(
            Table(columns: columns, data: data, state: TableState(), showHeader: false, showSelection: false, keepsInactiveSelection: false),
            width: 20, height: 2)
        #expect(b.lines == ["      1 a long n… ✗ ", "                    "])
        #expect(b[8, 0].style == Style(modifiers: .dim))
        let empty = render(Table(columns: columns, data: ArrayTableDataSource([[String]]()), state: TableState()), width: 20, height: 2)
        #expect(trimmed(empty) == ["     ID Name      OK", ""])
    }

    @Test func gaugeWithLabel() {
        let b = render(Gauge(ratio: 0.5), width: 10, height: 1)
        #expect(b.lines == ["███50%    "])
        #expect(b[4, 0].style.isReversed, "label over the filled part is reversed")
        #expect(!b[5, 0].style.isReversed)
        #expect(render(Gauge(ratio: 1.7, label: "done"), width: 6, height: 1).lines == ["█done█"])
        #expect(
            render(Gauge(ratio: 0, block: Block(title: "Sync")), width: 10, height: 3).lines == [
                "┌ Sync ──┐",
                "│   0%   │",
                "└────────┘"
            ])
        #expect(render(Gauge(ratio: .nan), width: 4, height: 1).lines == [" 0% "])
    }

    @Test func sparkline() {
        #expect(render(Sparkline([0, 1, 2, 3, 4, 5, 6, 7, 8]), width: 9, height: 1).lines == [" ▁▂▃▄▅▆▇█"])
        #expect(render(Sparkline([1, 4], maximum: 4), width: 3, height: 2).lines == ["  █", " ▄█"])
        #expect(render(Sparkline([2, 8]), width: 2, height: 2).lines == [" █", "▄█"])
    }

    @Test func tabsAndStatusBar() {
        let b = render(Tabs(["Offers", "Logs", "中文"], selected: 1), width: 26, height: 1)
        #expect(b.lines == [" Offers │ Logs │ 中文     "])
        #expect(b[10, 0].style.isReversed && !b[2, 0].style.isReversed)
        #expect(render(StatusBar(left: "Ready", right: "12:00"), width: 16, height: 1).lines == ["Ready      12:00"])
        #expect(render(StatusBar(left: "A long status message", right: "12:00"), width: 16, height: 1).lines == ["A long st… 12:00"])
    }

    @Test func keyHintBarDropsWholeHints() {
        let hints = [
            KeyHint(keys: "q", description: "quit"), KeyHint(keys: "?", description: "help"),
            KeyHint(keys: "Enter", description: "open", isEnabled: false)
        ]
        let b = render(KeyHintBar(hints), width: 20, height: 1)
        #expect(b.lines == ["q quit  ? help      "])
        #expect(b[0, 0].style.isBold)
        let wide = render(KeyHintBar(hints), width: 40, height: 1)
        #expect(trimmed(wide) == ["q quit  ? help  Enter open"])
        #expect(wide[16, 0].style.modifiers.contains(.dim), "disabled hints are dimmed")
    }

    @Test func confirmDialogDefaultsToNo() {
        let screen = Rect(width: 30, height: 9)
        var b = Buffer(area: screen)
        for y in 0..<9 { b.write(String(repeating: "x", count: 30), x: 0, y: y, style: .plain) }
        let state = ConfirmState()
        Dialog.confirm(title: "Delete", message: "Delete 3 offers?", state: state).render(in: screen, buffer: &b)
        #expect(
            b.lines == [
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "xxxxx┌ Delete ──────────┐xxxxx",
                "xxxxx│                  │xxxxx",
                "xxxxx│ Delete 3 offers? │xxxxx",
                "xxxxx│                  │xxxxx",
                "xxxxx│ [ Yes ]  [ No ]  │xxxxx",
                "xxxxx└──────────────────┘xxxxx",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            ])
        #expect(b[17, 5].style.isReversed, "No is selected")
        #expect(!b[8, 5].style.isReversed)
        var yes = ConfirmState()
        #expect(yes.handle(.enter) == .cancelled, "Enter on the default answer never confirms")
        #expect(yes.handle(.right) == nil && yes.choice == .yes)
        #expect(yes.handle(.enter) == .confirmed)
        #expect(yes.handle(.escape) == .cancelled)
    }

    @Test func messageDialogOnATinyScreen() {
        for (w, h) in [(0, 0), (1, 1), (5, 2), (12, 4)] {
            _ = render(Dialog.message(title: "Error", message: "Something failed badly"), width: w, height: h)
        }
        let b = render(Dialog.message(title: "Info", message: "Saved"), width: 24, height: 7)
        #expect(trimmed(b)[2].contains("Saved"))
        #expect(trimmed(b)[4].contains("[ OK ]"))
    }

    @Test func inputLineScrollsToTheCursor() {
        var s = InputState(text: "hello world")
        var frame = Frame(buffer: Buffer(size: Size(width: 10, height: 1)), theme: .monochrome)
        InputLine(s, prompt: "/ ").render(in: frame.area, frame: &frame)
        #expect(frame.buffer.lines == ["/ o world "])
        #expect(frame.cursor == Position(x: 9, y: 0))
        s.moveToStart()
        frame = Frame(buffer: Buffer(size: Size(width: 10, height: 1)), theme: .monochrome)
        InputLine(s, prompt: "/ ").render(in: frame.area, frame: &frame)
        #expect(frame.buffer.lines == ["/ hello wo"])
        #expect(frame.cursor == Position(x: 2, y: 0))
        #expect(render(InputLine(InputState(), prompt: "> ", placeholder: "filter…"), width: 12, height: 1).lines == ["> filter…   "])
        #expect(render(InputLine(InputState(text: "中文"), prompt: ">"), width: 6, height: 1).lines == [">中文 "])
    }

    @Test func helpOverlayGroupsByContext() {
        var keys = KeyMap<String>()
        keys.register("down", keys: [.character("j"), .down], description: "down", context: "Offers")
        keys.register("sync", keys: [.character("s")], description: "sync", context: "Offers")
        keys.register("quit", keys: [.character("q")], description: "quit")
        keys.setDisabled("sync", reason: "offline")
        let b = render(HelpOverlay(keys.helpSections()), width: 32, height: 9)
        #expect(
            b.lines == [
                "   ┌ Help ─────────────────┐    ",
                "   │ Offers                │    ",
                "   │  j/↓  down            │    ",
                "   │  s    sync (offline)  │    ",
                "   │                       │    ",
                "   │ Global                │    ",
                "   │  q    quit            │    ",
                "   └───────────────────────┘    ",
                "                                "
            ])
        #expect(b[6, 3].style.modifiers.contains(.dim), "disabled bindings are muted")
        #expect(b[6, 2].style.isBold)
    }
}
