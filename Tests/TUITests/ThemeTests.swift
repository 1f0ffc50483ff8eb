import Testing
@testable import TUI

@Suite struct ThemeTests {
    @Test func colorModeDetection() {
        #expect(ColorMode.detect(colors: 256, hasColors: true, environment: [:]) == .ansi256)
        #expect(ColorMode.detect(colors: 16, hasColors: true, environment: [:]) == .ansi16)
        #expect(ColorMode.detect(colors: 8, hasColors: true, environment: [:]) == .ansi16)
        #expect(ColorMode.detect(colors: 0, hasColors: false, environment: [:]) == .none)
        #expect(ColorMode.detect(colors: 256, hasColors: true, environment: ["NO_COLOR": "1"]) == .none)
        #expect(ColorMode.detect(colors: 256, hasColors: true, environment: ["NO_COLOR": ""]) == .ansi256)
    }

    @Test func monochromeIsReadableWithAttributesOnly() {
        let t = Theme.monochrome
        let all = [t.selected, t.header, t.title, t.warning, t.error, t.muted, t.hintKey, t.activeTab]
        #expect(all.allSatisfy { $0.foreground == .reset && $0.background == .reset })
        #expect(t.selected.isReversed)
        #expect(t.header.isBold)
        #expect(t.error != t.normal && t.warning != t.normal && t.muted != t.normal)
    }

    @Test func colourThemesStayInTheirPalette() {
        func indices(_ t: Theme) -> [UInt8] {
            [
                t.selected, t.header, t.title, t.border, t.focusedBorder, t.muted, t.ok, t.warning, t.error, t.hintKey, t.hint,
                t.statusBar, t.gaugeFilled, t.sparkline, t.activeTab
            ].flatMap { [$0.foreground, $0.background] }.compactMap {
                if case .indexed(let i) = $0 { return i } else { return nil }
            }
        }
        #expect(indices(.ansi16).allSatisfy { $0 < 16 })
        #expect(indices(.ansi256).contains { $0 >= 16 })
        #expect(Theme.ansi256.selected != Theme.ansi256.normal)
    }
}
