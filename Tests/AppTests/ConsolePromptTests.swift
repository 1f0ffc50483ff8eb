import CPAPIKit
import Foundation
import Testing
import TUI
@testable import Console

/// A prompt on screen gets the keys: `ConsoleUpdate.update` fed events (no terminal, no tasks),
/// checked on the state and the effects it asks for.
@Suite struct ConsolePromptTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    /// The console over the standard test workspace's data, as after its first read.
    static func loaded() async throws -> (ConsoleState, ConsoleTestWorkspace) {
        let ws = ConsoleTestWorkspace.standard()
        let snapshot = try await ws.snapshot(offerLimit: nil)
        var s = ConsoleState(workspace: "test", now: now)
        s.reports.available = true
        _ = ConsoleUpdate.update(&s, .resize(Size(width: 120, height: 40)), now: now)
        _ = ConsoleUpdate.update(
            &s,
            .message(
                .snapshotLoaded(
                    snapshot, OfferBrowser(index: OfferIndex(rows: snapshot.offers)),
                    changeToken: 1)), now: now)
        _ = ConsoleUpdate.update(&s, .message(.schedulerStarted(.running)), now: now)
        return (s, ws)
    }

    /// Every effect the keys ask for, in order.
    @discardableResult
    static func press(_ s: inout ConsoleState, _ keys: [Key]) -> [ConsoleEffect] {
        keys.flatMap { ConsoleUpdate.update(&s, .key($0), now: now) }
    }

    static func type(_ text: String) -> [Key] { text.map { .character($0) } }

    static func performs(_ effects: [ConsoleEffect]) -> Bool {
        effects.contains { if case .perform = $0 { return true } else { return false } }
    }

    static func isDetails(_ s: ConsoleState) -> Bool {
        if case .details? = s.topOverlay { return true } else { return false }
    }

    /// Opens apps:1000's details and answers their read.
    static func openDetails(_ s: inout ConsoleState, _ ws: ConsoleTestWorkspace) async throws {
        let effects = press(&s, [.enter])
        let key = OfferKey(sourceID: "apps", externalID: "1000")
        #expect(effects == [.loadDetails(key)])
        _ = ConsoleUpdate.update(&s, .message(.detailsLoaded(key, try await ws.offerDetails(key))), now: now)
    }

    @Test func slashPopInDetailsFindsTextAndPausesNothing() async throws {
        var (s, ws) = try await Self.loaded()
        try await Self.openDetails(&s, ws)
        let effects = Self.press(&s, [.character("/")] + Self.type("pop"))
        #expect(!Self.performs(effects), "typing p into the find must not pause the offer")
        #expect(effects.isEmpty)
        #expect(s.prompt == .detailsFind)
        #expect(s.detailsFind.text == "pop")
        #expect(!s.filterOpen && s.filter.isEmpty, "the Offers filter under the details is not touched")
        #expect(s.offers.count == 60)
        // Esc closes the find first, the details on the second.
        Self.press(&s, [.escape])
        #expect(s.prompt == nil && Self.isDetails(s))
        #expect(!s.detailsFind.isActive)
        Self.press(&s, [.escape])
        #expect(s.topOverlay == nil && s.prompt == nil, "no prompt is left open under the closed screen")
    }

    @Test func findInDetailsScrollsToTheMatchAndNextMatchMovesOn() async throws {
        var (s, ws) = try await Self.loaded()
        try await Self.openDetails(&s, ws)
        Self.press(&s, [.character("/")] + Self.type("PLATFORM OFFER"))
        guard case .details(_, let details?, let scroll)? = s.topOverlay else { Issue.record("details are on top"); return }
        let lines = DetailsView.lines(details)
        #expect(lines[scroll].lowercased().contains("platform offer"), "the first match is scrolled to")
        Self.press(&s, [.enter])
        #expect(s.prompt == nil && s.detailsFind.text == "PLATFORM OFFER", "Enter keeps the find")
        Self.press(&s, [.character("n")])
        guard case .details(_, _, let next)? = s.topOverlay else { return }
        #expect(next > scroll && lines[next].lowercased().contains("platform offer"))
        Self.press(&s, [.character("N")])
        guard case .details(_, _, let back)? = s.topOverlay else { return }
        #expect(back == scroll)
    }

    @Test func slashDInReportsFiltersAndDownloadsNothing() async throws {
        var (s, _) = try await Self.loaded()
        let opened = Self.press(&s, [.character("1"), .character("v")])
        guard case .reports(.loadReport(let source, let range))? = opened.last else { Issue.record("reports open: \(opened)"); return }
        let offers = [
            ReversedOffer(offerID: "1000", count: 3, amount: 4.5, isStored: true, title: "Solitaire Deluxe 1000", currency: "USD"),
            ReversedOffer(offerID: "1001", count: 1, amount: 1, isStored: true, title: "Coin Master Bonus 1001", currency: "USD")
        ]
        let report = ReversalReport(
            sourceID: source, range: range, offers: offers, sourceDays: [], offerDays: [:],
            coverage: ReversalCoverage(), nextCallAt: nil)
        _ = ConsoleUpdate.update(&s, .message(.reports(.reportLoaded(report))), now: Self.now)
        let effects = Self.press(&s, [.character("/"), .character("d")])
        #expect(effects.isEmpty, "d typed into the filter must not start a download")
        #expect(s.reports.downloads.isEmpty && s.inFlight.isEmpty)
        #expect(s.prompt == .reportsFilter)
        Self.press(&s, Self.type("eluxe"))
        #expect(s.reports.view?.rows.map(\.offerID) == ["1000"], "the table's rows are filtered")
        Self.press(&s, [.escape])
        #expect(s.prompt == nil && s.reports.view?.rows.count == 2 && s.topOverlay?.isReports == true)
        Self.press(&s, [.escape])
        #expect(s.topOverlay == nil && s.prompt == nil)
    }

    @Test func slashXInPlatformFiltersAndAsksNothing() async throws {
        var (s, ws) = try await Self.loaded()
        let effects = Self.press(&s, [.character(":")] + Self.type("platform") + [.enter])
        #expect(effects == [.loadPlatformOffers])
        _ = ConsoleUpdate.update(
            &s, .message(.platformOffersLoaded(.success(try await ws.localPlatformOffers().map(PlatformBrowser.init)))), now: Self.now)
        let typed = Self.press(&s, [.character("/"), .character("x")])
        #expect(typed.isEmpty)
        guard case .platform? = s.topOverlay else { Issue.record("no dialog over :platform: \(String(describing: s.topOverlay))"); return }
        #expect(s.prompt == .platformFilter)
        Self.press(&s, [.backspace] + Self.type("surveys:3004"))
        #expect(s.platformRows?.map(\.externalOfferID) == ["surveys:3004", "surveys:3004"], "both of its campaigns' offers")
        // Enter keeps the filter; x then acts on the filtered row.
        Self.press(&s, [.enter, .down])
        Self.press(&s, [.character("x")])
        guard case .confirm(let pending)? = s.topOverlay else { Issue.record("x asks once the filter is kept"); return }
        #expect(pending.action == .platformDisable(offerID: s.platformRows![1].id))
    }

    @Test func everyPromptTakesTheKeysAndEscClosesItFirst() async throws {
        var (s, _) = try await Self.loaded()
        // The Offers filter: S (sync all) and q (quit) are text.
        var effects = Self.press(&s, [.character("/")] + Self.type("Sq"))
        #expect(effects.isEmpty && s.filter.text == "Sq" && s.overlays.isEmpty)
        Self.press(&s, [.escape])
        // The command line over details.
        Self.press(&s, [.enter])
        effects = Self.press(&s, [.character(":")] + Self.type("px"))
        #expect(effects.isEmpty && s.command.text == "px" && Self.isDetails(s))
        Self.press(&s, [.escape])
        #expect(s.prompt == nil && Self.isDetails(s))
        // A dialog (the campaign picker: apps:1000 is in two campaigns): nothing under it acts.
        Self.press(&s, [.character("x")])
        #expect(s.prompt == .dialog)
        effects = Self.press(&s, [.character("p"), .character("/"), .character(":")])
        #expect(effects.isEmpty && !s.commandOpen && !s.detailsFind.isOpen)
        Self.press(&s, [.escape, .escape])
        #expect(s.topOverlay == nil)
        // Paste goes to the prompt, and nowhere without one.
        _ = ConsoleUpdate.update(&s, .paste("raid"), now: Self.now)
        #expect(s.filter.isEmpty && s.offers.count == 60)
        Self.press(&s, [.character("/")])
        _ = ConsoleUpdate.update(&s, .paste("raid"), now: Self.now)
        #expect(s.offers.count == 6)
    }

    @Test func slashIsNotOfferedInHelpAndSaysWhy() async throws {
        var (s, _) = try await Self.loaded()
        Self.press(&s, [.character("?")])
        let map = ConsoleBindings.keyMap(for: s)
        #expect(!ConsoleView.hints(s, map).contains { $0.keys == "/" }, "/ is not in help's hint bar")
        Self.press(&s, [.character("/")])
        #expect(s.prompt == nil && !s.filterOpen)
        #expect(s.status?.text == "/: help has no filter: Esc closes it, then / filters the offers")
        // Each screen's hint bar says what / does there.
        Self.press(&s, [.escape, .enter])
        #expect(ConsoleView.hints(s, ConsoleBindings.keyMap(for: s)).contains(KeyHint(keys: "/", description: "find")))
    }
}
