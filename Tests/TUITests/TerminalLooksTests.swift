@testable import TUI
import Testing

/// What the terminal layer decides about looks: the theme follows the colour mode the backend
/// detects when it starts (not the one it had before), a backend that is not UTF-8 gets ASCII
/// frames one column per cell, and tables keep an unfocused selection and highlight matches.
@Suite struct TerminalLooksTests {
    /// A headless terminal that, like the real one, knows its colours only once started.
    final class LateColourBackend: Backend {
        let inner = HeadlessBackend(size: Size(width: 20, height: 3), colorMode: .ansi256)
        private(set) var colorMode: ColorMode = .none
        func start() throws { try inner.start(); colorMode = .ansi256 }
        func stop() { inner.stop() }
        var size: Size { inner.size }
        func draw(_ updates: [CellUpdate]) { inner.draw(updates) }
        func setCursor(_ position: Position?) { inner.setCursor(position) }
        func clear() { inner.clear() }
        func flush() { inner.flush() }
        func waitForEvents(timeout: Duration?) throws -> [Event] { try inner.waitForEvents(timeout: timeout) }
        func makeWaker() -> @Sendable () -> Void { inner.makeWaker() }
    }

    @Test func theThemeIsChosenForTheColoursFoundAtStart() throws {
        let backend = LateColourBackend()
        let terminal = Terminal(backend: backend)
        try backend.start()
        var drawnWith: Theme?
        terminal.draw { frame in drawnWith = frame.theme }
        #expect(drawnWith?.mode == .ansi256, "not the monochrome theme of the backend before it started")
        #expect(Terminal(backend: backend, theme: .monochrome).theme.mode == .none, "a theme given stays")
    }

    @Test func aBackendThatIsNotUnicodeGetsOneASCIIColumnPerCell() {
        let backend = HeadlessBackend(size: Size(width: 12, height: 3), isUnicode: false)
        let terminal = Terminal(backend: backend)
        terminal.draw { frame in
            frame.render(Block(title: "Tâb"), in: Rect(x: 0, y: 0, width: 12, height: 3))
            frame.buffer.write("▶✓●…日", x: 1, y: 1, style: .plain)
        }
        #expect(backend.lines == ["+ Tab -----+", "|>v*~?     |", "+----------+"], "a wide glyph: ? and a space")
    }

    @Test func fallbackGlyphsAreTheIssuesOnes() {
        let pairs: [(Character, Character)] = [
            ("┌", "+"), ("─", "-"), ("│", "|"), ("▶", ">"), ("▲", "^"), ("▼", "v"), ("✓", "v"), ("✗", "x"), ("●", "*"),
            ("○", "o"), ("é", "e"), ("Ü", "U"), ("a", "a"), ("日", "?")
        ]
        for (glyph, ascii) in pairs { #expect(ASCIIFallback.symbol(for: glyph) == ascii, "\(glyph)") }
    }

    @Test func tablesKeepAQuietSelectionWhenUnfocusedAndHighlightMatches() {
        let theme = Theme(mode: .ansi256)
        var state = TableState()
        state.select(1, rowCount: 2)
        let rows = ArrayTableDataSource([
            TableRow(["alpha", "US CA"], highlights: [[], [0..<2]]), TableRow(["beta", "x"], cellStyles: [nil, theme.ok])
        ])
        let columns = [TableColumn("Name", width: .length(6)), TableColumn("Ctry", width: .length(6))]
        let unfocused = render(Table(columns: columns, data: rows, state: state, theme: theme, showSelection: false), width: 13, height: 3)
        #expect(unfocused[0, 2].style.background == theme.selectedInactive.background, "the selected row, quieter")
        #expect(unfocused[0, 1].style.background == .reset)
        #expect(unfocused[7, 1].style.background == theme.match.background && unfocused[8, 1].style.background == theme.match.background)
        #expect(unfocused[10, 1].style.background != theme.match.background, "CA is not a match")
        #expect(unfocused[7, 2].style.foreground == theme.ok.foreground, "a cell's own colour")
        let focused = render(Table(columns: columns, data: rows, state: state, theme: theme), width: 13, height: 3)
        #expect(focused[7, 2].style.foreground == theme.selected.foreground, "the selection wins over a cell's colour")
        let none = render(
            Table(columns: columns, data: rows, state: state, theme: theme, showSelection: false, keepsInactiveSelection: false), width: 13,
            height: 3)
        #expect(none[0, 2].style.background == .reset, "a table without a selection marks none")
    }

    @Test func variantsDifferAndMonoIsAttributesOnly() {
        let standard = Theme(mode: .ansi256), light = Theme(mode: .ansi256, variant: .light)
        let contrast = Theme(mode: .ansi256, variant: .highContrast), mono = Theme(mode: .ansi256, variant: .mono)
        #expect(Set([standard.selected, light.selected, contrast.selected]).count == 3)
        #expect(mono.selected == Theme.monochrome.selected)
        #expect([mono.selected, mono.ok, mono.accent, mono.match].allSatisfy { $0.foreground == .reset && $0.background == .reset })
        for variant in ThemeVariant.allCases {
            let t = Theme(mode: .ansi16, variant: variant)
            let colours = [t.selected, t.selectedInactive, t.match, t.ok, t.warning, t.error, t.accent, t.info].flatMap {
                [$0.foreground, $0.background]
            }
            #expect(colours.allSatisfy { if case .indexed(let i) = $0 { return i < 16 } else { return true } }, "\(variant)")
        }
    }
}
