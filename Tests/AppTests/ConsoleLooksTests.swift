import CPAPIKit
import Foundation
import Testing
import TUI
@testable import Console

/// How the console looks on the headless terminal (which keeps every cell's style): the colour
/// of each state, the quiet selection of panes without the focus, `[ui] theme`, monochrome, the
/// ASCII frames of a terminal that is not UTF-8, and the Offers filter's highlight and errors.
@Suite struct ConsoleLooksTests {
    typealias Step = HeadlessBackend.Step

    static func run(
        _ workspace: ConsoleTestWorkspace, colorMode: ColorMode = .ansi256, isUnicode: Bool = true, _ script: [Step]
    ) async throws -> (HeadlessBackend, Console.Outcome) {
        let backend = HeadlessBackend(
            size: Size(width: 120, height: 40), colorMode: colorMode, isUnicode: isUnicode,
            script: [ConsoleScreenTests.waitFor("Offers")] + script + [.key(.character("q"))])
        return (backend, try await ConsoleScreenTests.drive(workspace, backend))
    }

    /// The offers are listed (the first row's id is on screen).
    static var loaded: Step { ConsoleScreenTests.waitFor("1000") }

    /// The style of the first cell of `text` on the first line holding both `line` and `text`.
    static func style(of text: String, onLineWith line: String, in screen: HeadlessBackend) -> Style? {
        for (y, row) in screen.lines.enumerated() where row.contains(line) {
            guard let range = row.range(of: text, range: (row.range(of: line)?.lowerBound ?? row.startIndex)..<row.endIndex) else { continue }
            return screen.style(x: row.distance(from: row.startIndex, to: range.lowerBound), y: y)
        }
        return nil
    }

    /// The standard workspace with offer apps:1001 held and apps:1002 excluded (first placements).
    static func workspaceWithStates() -> ConsoleTestWorkspace {
        let ws = ConsoleTestWorkspace.standard()
        ws.mutate { offers, _, _ in
            for i in offers.indices where offers[i].key.sourceID == "apps" {
                if offers[i].key.externalID == "1001" { offers[i].placements[0].state = .held }
                if offers[i].key.externalID == "1002" { offers[i].placements[0].state = .excluded }
            }
        }
        return ws
    }

    @Test func statesInvalidAndMissingOffersAndAFailingSourceHaveTheirColours() async throws {
        let theme = Theme(mode: .ansi256)
        let (screen, _) = try await Self.run(Self.workspaceWithStates(), [Self.loaded, ConsoleScreenTests.waitFor("held")])
        #expect(Self.style(of: "live", onLineWith: "1003 ", in: screen)?.foreground == theme.ok.foreground, "live")
        #expect(Self.style(of: "held", onLineWith: "1001 ", in: screen)?.foreground == theme.accent.foreground, "held")
        #expect(Self.style(of: "excluded", onLineWith: "1002 ", in: screen)?.foreground == theme.muted.foreground, "excluded")
        #expect(Self.style(of: "✗", onLineWith: "1007 ", in: screen)?.foreground == theme.error.foreground, "invalid")
        #expect(Self.style(of: "Fitness", onLineWith: "1004 ", in: screen)?.foreground == theme.normal.foreground)
        #expect(Self.style(of: "○", onLineWith: "1005 ", in: screen)?.foreground == theme.warning.foreground, "missing from the feed")
        #expect(Self.style(of: "HTTP 503", onLineWith: "Games", in: screen)?.foreground == theme.error.foreground, "a failing source")
        #expect(theme.ok.foreground != theme.accent.foreground && theme.accent.foreground != theme.warning.foreground)
    }

    @Test func paneWithoutTheFocusKeepsAQuietSelection() async throws {
        let theme = Theme(mode: .ansi256)
        let (screen, _) = try await Self.run(.standard(), [Self.loaded, ConsoleScreenTests.waitFor("Apps")])
        let apps = Self.style(of: "Apps", onLineWith: "Apps", in: screen)
        #expect(apps?.background == theme.selectedInactive.background, "the Sources selection, Offers focused")
        #expect(Self.style(of: "Games", onLineWith: "Games", in: screen)?.background != theme.selectedInactive.background)
        #expect(Self.style(of: "apps", onLineWith: "▶", in: screen)?.background == theme.selected.background, "the focused table's")
    }

    @Test func uiThemeOfTheWorkspacePicksTheColours() async throws {
        let ws = ConsoleTestWorkspace.standard()
        ws.ui = UISettings(theme: .highContrast)
        let contrast = Theme(mode: .ansi256, variant: .highContrast)
        let (screen, _) = try await Self.run(ws, [Self.loaded])
        #expect(Self.style(of: "apps", onLineWith: "▶", in: screen)?.background == contrast.selected.background)
        #expect(contrast.selected.background != Theme(mode: .ansi256).selected.background)

        let mono = ConsoleTestWorkspace.standard()
        mono.ui = UISettings(theme: .mono)
        let (plain, _) = try await Self.run(mono, [Self.loaded])
        #expect(Self.style(of: "apps", onLineWith: "▶", in: plain)?.isReversed == true)
        #expect(plain.screen.cells.allSatisfy { $0.style.foreground == .reset && $0.style.background == .reset })
    }

    @Test func withoutColourOnlyAttributesAreUsed() async throws {
        let (screen, _) = try await Self.run(Self.workspaceWithStates(), colorMode: .none, [Self.loaded, ConsoleScreenTests.waitFor("held")])
        #expect(screen.screen.cells.allSatisfy { $0.style.foreground == .reset && $0.style.background == .reset })
        #expect(Self.style(of: "apps", onLineWith: "▶", in: screen)?.isReversed == true)
        #expect(Self.style(of: "held", onLineWith: "1001 ", in: screen)?.isBold == true, "held still stands out")
    }

    @Test func aTerminalThatIsNotUTF8GetsASCIIFrames() async throws {
        let (screen, _) = try await Self.run(
            .standard(), isUnicode: false,
            [.waitUntil("the offers are listed") { $0.screenContains("1000") && $0.screenContains("+ Offers -") }])
        let text = screen.lines.joined(separator: "\n")
        let ascii = text.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(ascii, "\(text)")
        #expect(text.contains("+ Sources -") && text.contains("Src ^"), "borders and the sort arrow")
        #expect(screen.lines.contains { $0.contains("> apps ") }, "the selection mark")
        #expect(screen.lines.contains { $0.contains("1007 ") && $0.contains(" x ") }, "an invalid offer's V")
        #expect(screen.lines.contains { $0.contains("1005 ") && $0.contains(" o ") }, "a missing offer's F")
        #expect(screen.lines.contains { $0.contains("x Games") }, "a failed source")
        #expect(screen.lines.allSatisfy { $0.count == 120 }, "one column per cell")
    }

    @Test func filterMatchesAreHighlightedAndAnErrorKeepsTheRows() async throws {
        let theme = Theme(mode: .ansi256)
        let (screen, outcome) = try await Self.run(
            .standard(),
            [Self.loaded, .key(.character("/"))] + HeadlessBackend.Step.text("ctry:US") + [
                ConsoleScreenTests.waitFor("21 matches"), .key(.enter)
            ])
        #expect(Self.style(of: "US CA", onLineWith: "1003 ", in: screen)?.background == theme.match.background, "the country")
        #expect(Self.style(of: "USD", onLineWith: "1003 ", in: screen)?.background != theme.match.background, "not the currency")
        #expect(Self.style(of: "CA", onLineWith: "1003 ", in: screen)?.background != theme.match.background)
        #expect(outcome.finalState.offers.count == 21)

        let (typo, wrong) = try await Self.run(
            .standard(),
            [Self.loaded, .key(.character("/"))] + HeadlessBackend.Step.text("src:apps") + [
                ConsoleScreenTests.waitFor("20 matches"), .key(.home), .key(.character("x")),
                ConsoleScreenTests.waitFor("unknown field \"xsrc\""), .key(.enter)
            ])
        #expect(
            typo.screenContains("filter /xsrc:apps not applied (showing /src:apps, 20 matches): unknown field"),
            "after Enter the status line says why and which rows it kept")
        #expect(wrong.finalState.offers.count == 20)
        #expect(Self.style(of: "unknown field", onLineWith: "unknown field", in: typo)?.foreground == theme.error.foreground)
    }

    @Test func helpListsTheFilterLanguageAndItsFields() async throws {
        // Each wait fails the run (it times out) unless the help's last screen shows it.
        _ = try await Self.run(
            .standard(),
            [
                Self.loaded, .key(.character("?")), .key(.end), ConsoleScreenTests.waitFor("Offers filter (/)"),
                ConsoleScreenTests.waitFor("field:a,b"), ConsoleScreenTests.waitFor("field>N"),
                ConsoleScreenTests.waitFor("ctry country countries"), ConsoleScreenTests.waitFor("camp campaign"), .key(.escape)
            ])
    }
}
