import CPAPIKit
import Foundation
import Testing
import TerminalTestSupport
import TUI
@testable import Console

/// Every mode's keys come from the one binding table: `ConsoleUpdate.update` fed keys in each mode
/// (welcome, confirmation, message, lookup, range, command line, filter), checked on the state, the
/// effects and the hints the table gives. No terminal, no tasks.
@Suite struct ConsoleModeKeysTests {
    typealias P = ConsolePromptTests
    static let now = P.now

    static func hints(_ s: ConsoleState) -> [String] {
        ConsoleView.hints(s, ConsoleBindings.keyMap(for: s)).map { "\($0.keys) \($0.description)" }
    }

    @Test func welcomeKeysAreItsOwnAndTheGlobalOnesDoNotReachThrough() {
        var s = ConsoleState(workspace: "empty", now: Self.now)
        s.overlays.append(.welcome)
        #expect(Self.hints(s) == ["d demo", "Esc/Enter close", ": command", "q/^C quit"])
        // `?` and `S` are global keys: not under the welcome screen.
        #expect(P.press(&s, [.character("?"), .character("S")]).isEmpty)
        #expect(s.overlays.count == 1 && s.status == nil)
        P.press(&s, [.character(":")])
        #expect(s.prompt == .commandLine)
        P.press(&s, [.escape])
        #expect(s.prompt == .dialog)
        #expect(P.press(&s, [.character("d")]) == [.quit] && s.startDemoOnExit)

        var closing = ConsoleState(workspace: "empty", now: Self.now)
        closing.overlays.append(.welcome)
        P.press(&closing, [.enter])
        #expect(closing.overlays.isEmpty)
    }

    @Test func confirmationStartsOnNoAndEnterTakesTheChosenAnswer() async throws {
        var (s, _) = try await P.loaded()
        // apps:1000 is in two campaigns: each action asks which first (Enter takes the first listed).
        P.press(&s, [.character("3"), .character("x"), .enter])
        guard case .confirm? = s.topOverlay else { Issue.record("x asks"); return }
        #expect(Self.hints(s) == ["y/Y yes", "n/N/Esc no", "←/→ choose", "Enter the chosen answer (No at first)"])
        // The screen's keys under the question do nothing.
        #expect(P.press(&s, [.character("p"), .character("q"), .character("/")]).isEmpty)
        #expect(P.press(&s, [.enter]).isEmpty, "Enter on No cancels")
        #expect(s.topOverlay == nil && s.status?.text.hasSuffix("cancelled, nothing changed") == true)

        P.press(&s, [.character("x"), .enter, .right])
        let effects = P.press(&s, [.enter])
        #expect(effects.count == 1 && P.performs(effects), "→ then Enter answers yes: \(effects)")
        #expect(s.topOverlay == nil)

        P.press(&s, [.character("c"), .enter])
        #expect(P.performs(P.press(&s, [.character("y")])), "y answers yes at once")
    }

    @Test func messageClosesOnEnterEscOrSpaceOnly() {
        var s = ConsoleState(workspace: "t", now: Self.now)
        s.overlays.append(.message(title: "Note", text: "read me"))
        #expect(Self.hints(s) == ["Enter/Esc/Space close"])
        #expect(P.press(&s, [.character("q"), .character("?"), .ctrl("c")]).isEmpty, "q does not quit under a message")
        #expect(s.overlays.count == 1)
        P.press(&s, [.space])
        #expect(s.overlays.isEmpty)
    }

    @Test func lookupTypesItsFieldsAndEscCancelsTheCallBeforeClosing() async throws {
        var (s, _) = try await P.loaded()
        _ = ReportsUpdate.openLookup(&s, sourceID: "apps")
        #expect(s.prompt == .lookup)
        #expect(Self.hints(s) == ["Enter look up", "Tab/S-Tab/↑/↓ subid/offer", "Esc close"])
        // `?`, `q` and `c` are text here.
        P.press(&s, P.type("q?c") + [.backspace, .tab] + P.type("1000"))
        #expect(s.reports.lookup?.subid.text == "q?" && s.reports.lookup?.offer.text == "1000")
        let started = P.press(&s, [.enter])
        guard case .reports(.lookUp(let id, "apps", "q?", "1000"))? = started.first else { Issue.record("\(started)"); return }
        #expect(Self.hints(s) == ["Esc cancel the call"])
        // While the call runs the fields take nothing.
        P.press(&s, P.type("zz") + [.enter])
        #expect(s.reports.lookup?.subid.text == "q?")
        #expect(P.press(&s, [.escape]) == [.reports(.cancelLookup(requestID: id))])
        #expect(s.prompt == .lookup)
        P.press(&s, [.escape])
        #expect(s.prompt == nil && s.reports.lookup == nil)
    }

    @Test func rangeInputTypesAndAppliesOrKeepsTheOldRange() async throws {
        var (s, _) = try await P.loaded()
        let opened = P.press(&s, [.character("1"), .character("v")])
        guard case .reports(.loadReport(let source, let first))? = opened.last else { Issue.record("\(opened)"); return }
        _ = ConsoleUpdate.update(&s, .message(.reports(.reportFailed(sourceID: source, range: first, "offline"))), now: Self.now)
        P.press(&s, [.character("f")])
        #expect(s.prompt == .range)
        #expect(Self.hints(s) == ["Enter apply range", "Esc cancel"])
        let before = s.reports.view?.range
        // q is text, not "back".
        P.press(&s, P.type("q") + [.escape])
        #expect(s.prompt == nil && s.topOverlay?.isReports == true && s.reports.view?.range == before)
        P.press(&s, [.character("f")] + P.type("2026-01-01 2026-01-31"))
        let effects = P.press(&s, [.enter])
        guard case .reports(.loadReport("apps", let range))? = effects.first else { Issue.record("\(effects)"); return }
        #expect(range.description == "2026-01-01…2026-01-31" && s.reports.view?.range == range && s.prompt == nil)
        P.press(&s, [.character("f")] + P.type("nope") + [.enter])
        #expect(s.prompt == .range && s.reports.view?.rangeError != nil, "a bad range is said under the input")
    }

    @Test func commandLineRunsRecallsAndTypesEveryOtherKey() async throws {
        var (s, _) = try await P.loaded()
        P.press(&s, [.character(":")])
        #expect(Self.hints(s) == ["Enter run", "↑/↓ history", "Esc cancel"])
        P.press(&s, P.type("help") + [.enter])
        guard case .help? = s.topOverlay else { Issue.record(":help opens help"); return }
        P.press(&s, [.escape, .character(":"), .up])
        #expect(s.command.text == "help", "↑ recalls the last command")
        P.press(&s, [.down, .escape])
        #expect(s.prompt == nil && s.command.text.isEmpty)
        // q and ^C are text (or nothing) on the command line, never quit.
        #expect(P.press(&s, [.character(":"), .character("q"), .ctrl("c"), .left, .character("x")]).isEmpty)
        #expect(s.command.text == "xq")
    }

    @Test func filterTypesMovesKeepsAndClears() async throws {
        var (s, _) = try await P.loaded()
        P.press(&s, [.character("/")])
        #expect(Self.hints(s) == ["Enter keep filter", "Esc clear", "↑/↓ move"])
        P.press(&s, P.type("solitaire") + [.down])
        #expect(s.filter.text == "solitaire" && s.offers.count == 6 && s.offerTable.selected == 1)
        P.press(&s, [.enter])
        #expect(s.prompt == nil && s.offers.count == 6, "Enter keeps the filter")
        P.press(&s, [.character("/"), .escape])
        #expect(s.prompt == nil && s.filter.isEmpty && s.offers.count == 60, "Esc clears it")
    }

    @Test func offerActionsSayTheKitsReasonGreyedInHintsAndHelp() async throws {
        var (s, ws) = try await P.loaded()
        P.press(&s, [.character("3")])
        let row = try #require(s.selectedRow)
        // Exclude it in every campaign, as the workspace answers.
        for placement in row.placements {
            _ = try await ws.perform(.exclude(row.key, campaignID: placement.campaignID))
        }
        let snapshot = try await ws.snapshot(offerLimit: nil)
        _ = ConsoleUpdate.update(
            &s, .message(.snapshotLoaded(snapshot, OfferBrowser(index: OfferIndex(rows: snapshot.offers)), changeToken: 2)), now: Self.now)
        let excluded = try #require(s.selectedRow?.placements.first)
        let kit = try #require(
            OfferWorkflows.availability(
                of: .pause,
                for: PlacementFacts(
                    campaignID: excluded.campaignID, state: excluded.state, platformOfferID: excluded.platformOfferID,
                    reason: excluded.reason, campaign: .active)))
        #expect(kit.hasPrefix("already excluded"))
        let map = ConsoleBindings.keyMap(for: s)
        #expect(ConsoleView.hints(s, map).contains(KeyHint(keys: "p", description: "pause/resume", isEnabled: false)))
        let offersHelp = try #require(map.helpSections().first { $0.title == Pane.offers.title })
        #expect(offersHelp.entries.contains(HelpEntry(keys: "p", description: "pause/resume", disabledReason: kit)))
        #expect(!P.performs(P.press(&s, [.character("p")])))
        #expect(s.status?.text == "p: \(kit)")
    }

    @Test func helpListsEveryModesKeys() {
        let titles = ConsoleBindings.keyMap(for: ConsoleState(workspace: "t")).helpSections().map(\.title)
        for mode in [
            ConsoleBindings.welcome, ConsoleBindings.confirm, ConsoleBindings.message, ConsoleBindings.lookup,
            ConsoleBindings.range, ConsoleBindings.commandLine, ConsoleBindings.filter
        ] {
            #expect(titles.contains(mode), "help lists \(mode)")
        }
    }

    @Test func docsKeyTableIsTheBindingTable() throws {
        let path = TmuxDriver.packageRoot().appendingPathComponent("docs/CONSOLE.md").path
        let page = try String(contentsOfFile: path, encoding: .utf8)
        let begin = try #require(page.range(of: ConsoleBindings.markdownBegin + "\n"), "docs/CONSOLE.md marks its key table")
        let end = try #require(page.range(of: ConsoleBindings.markdownEnd, range: begin.upperBound..<page.endIndex))
        let documented = String(page[begin.upperBound..<end.lowerBound])
        #expect(
            documented == ConsoleBindings.markdownTable(),
            "docs/CONSOLE.md's key table differs from ConsoleBindings.table: replace it with `cpapi-tui keys`'s output")
    }
}
