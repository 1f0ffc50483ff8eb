import CPAPIKit
import Foundation
import Testing
import TUI
@testable import Console

/// Scripted keys against the console on the headless backend, checked on the screen text.
@Suite struct ConsoleScreenTests {
    typealias Step = HeadlessBackend.Step

    /// An editor that answers from a list and records what it was shown.
    final class ScriptedEditor: ExternalEditor, @unchecked Sendable {
        var answers: [String]
        var shown: [(text: String, error: String?)] = []
        init(_ answers: [String]) { self.answers = answers }
        func edit(_ text: String, error: String?, fileName: String) throws -> String {
            shown.append((text, error))
            return answers.isEmpty ? text : answers.removeFirst()
        }
    }

    static func waitFor(_ text: String) -> Step {
        .waitUntil("the screen shows \"\(text)\"") { $0.screenContains(text) }
    }

    static func waitUntilGone(_ text: String) -> Step {
        .waitUntil("\"\(text)\" is gone") { !$0.screenContains(text) }
    }

    static func keys(_ text: String) -> [Step] { HeadlessBackend.Step.text(text) }

    /// Runs the console over `workspace` with the script (which must end by quitting).
    @discardableResult
    static func run(
        _ workspace: ConsoleTestWorkspace, size: Size = Size(width: 120, height: 40), editor: ScriptedEditor = ScriptedEditor([]),
        _ script: [Step]
    ) async throws -> (HeadlessBackend, Console.Outcome) {
        let backend = HeadlessBackend(size: size, colorMode: .none, script: [waitFor("Sources")] + script)
        let outcome = try await drive(workspace, backend, editor: editor)
        return (backend, outcome)
    }

    /// Runs the console's loop on its own thread (it blocks while waiting for input, so it must
    /// not occupy a thread of the shared pool the background tasks need).
    static func drive(
        _ workspace: ConsoleTestWorkspace, _ backend: HeadlessBackend,
        editor: ScriptedEditor = ScriptedEditor([])
    ) async throws -> Console.Outcome {
        let box = UncheckedBox((backend, editor))
        return try await Console.open(
            data: workspace, actions: workspace, workspace: "test", backend: { box.value.0 },
            options: Console.Options(
                changePollInterval: .milliseconds(20), editor: box.value.1,
                clock: { workspace.now }))
    }

    /// Hands the backend (used by one thread at a time: the console's, then the test's) across.
    final class UncheckedBox<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }

    /// The first offer's row is on screen (its title is cut short at 120 columns).
    static var loaded: Step {
        .waitUntil("the offers are listed") { $0.lines.contains { $0.contains("1000") && $0.contains("Solitaire") } }
    }

    @Test func paneTitlesReadExactlySourcesCampaignsOffersSync() async throws {
        // Each pane and the countdown come with reads of their own, which may land after the offers.
        let (screen, _) = try await Self.run(
            .standard(),
            [
                Self.loaded, Self.waitFor("next 0:14"), Self.waitFor("HTTP 503 from the API"),
                Self.waitFor("ON  Everything"), .key(.character("q"))
            ])
        let text = screen.lines.joined(separator: "\n")
        for title in ["┌ Sources ", "┌ Campaigns ", "┌ Offers ", "┌ Sync "] { #expect(text.contains(title), "pane title \(title)") }
        #expect(screen.lines[0].contains("cpapi-tui · test · local platform"))
        #expect(screen.lines[0].contains("next 0:14"), "the countdown to the next run")
        #expect(text.contains("1.00 USD"), "payouts with currency and two decimals")
        #expect(text.contains("✗ Games") && text.contains("HTTP 503 from the API"), "a failed source shows its reason in place")
        #expect(text.contains("ON  Everything"))
        #expect(!screen.isActive, "the terminal is released on quit")
    }

    @Test func tabShiftTabAndDigitsMoveTheFocus() async throws {
        let (_, outcome) = try await Self.run(
            .standard(),
            [
                Self.loaded, .key(.tab), .key(.character("1")), .key(.backTab),
                .key(.character("q"))
            ])
        #expect(outcome.finalState.focus == .sync)
        let (_, second) = try await Self.run(.standard(), [Self.loaded, .key(.character("2")), .key(.tab), .key(.character("q"))])
        #expect(second.finalState.focus == .offers)
    }

    @Test func filterIsCaseInsensitiveShowsItsTextAndMatchCountAndBangInverts() async throws {
        let ws = ConsoleTestWorkspace.standard()
        let (screen, outcome) = try await Self.run(
            ws,
            [
                Self.loaded, .key(.character("/"))
            ] + Self.keys("SOLITAIRE") + [
                Self.waitFor("/SOLITAIRE"), Self.waitFor("6 matches"),
                .key(.enter), .key(.character("/")), .key(.home), .key(.character("!")), Self.waitFor("54 matches"),
                .key(.escape), Self.waitFor("60"), .key(.character("/"))
            ] + Self.keys("raid") + [Self.waitFor("6 matches"), .key(.enter), .key(.character("q"))])
        #expect(outcome.finalState.offers.count == 6)
        #expect(screen.lines.filter { $0.contains("Raid Legends") }.count == 6)
        #expect(!screen.screenContains("Solitaire"))
    }

    @Test func sortPicksAColumnWithAngleBracketsAndReversesWithR() async throws {
        // Columns: Source ID Title Payout…; from Source, `>` three times is Payout, `r` makes it descending.
        let (screen, outcome) = try await Self.run(.standard(), [Self.loaded] + Self.keys(">>>r") + [Self.waitFor("Payout ▼"), .key(.character("q"))])
        #expect(outcome.finalState.offers.sortColumn == .payout)
        #expect(!outcome.finalState.offers.sortAscending)
        #expect(outcome.finalState.offers.row(at: 0).payoutText == "16.25 USD", "the highest payout first")
        #expect(screen.lines.contains { $0.contains("▶ apps    1000") }, "the selection stays on the same offer")
    }

    @Test func selectingASourceNarrowsTheOffersAndEscClears() async throws {
        let (_, outcome) = try await Self.run(
            .standard(),
            [
                Self.loaded, .key(.character("1")), .key(.down), .key(.down), .key(.enter),
                Self.waitFor("source surveys"),
                .key(.escape), Self.waitUntilGone("source surveys"),
                .key(.character("2")), .key(.down), .key(.enter), Self.waitFor("campaign tier1"),
                .key(.character("q"))
            ])
        #expect(outcome.finalState.offers.scope == .campaign("tier1"))
        #expect(outcome.finalState.offers.count == 20, "tier1 holds every other offer of apps and surveys")
        #expect(outcome.finalState.focus == .offers)
    }

    @Test func enterOpensDetailsThatAnswerTheTroubleshootingChecklist() async throws {
        let (screen, _) = try await Self.run(
            .standard(),
            [
                Self.loaded, .key(.enter), Self.waitFor("Checklist"),
                .waitUntil("details drawn") { _ in true }
            ] + [
                Self.waitFor("status rule"), Self.waitFor("https://example.com/click?o=1000&subid={clickid}"), .key(.escape),
                Self.waitUntilGone("Checklist"), .key(.character("q"))
            ])
        _ = screen
    }

    @Test func detailsListPlacementsAndPerCountryPayouts() async throws {
        let ws = ConsoleTestWorkspace.standard()
        let details = try #require(try await ws.offerDetails(OfferKey(sourceID: "apps", externalID: "1000")))
        let lines = DetailsView.lines(details)
        #expect(lines.contains { $0.contains("valid?") && $0.contains("yes") })
        #expect(lines.contains { $0.contains("in feed?") && $0.contains("yes") })
        #expect(lines.contains { $0.contains("campaign all on?") && $0.contains("on") })
        #expect(lines.contains { $0.contains("per country") && $0.contains("US 0.50") && $0.contains("CA 0.50") })
        #expect(lines.contains { $0.contains("tier1 (Tier 1): platform offer 102") })
        #expect(lines.contains { $0.contains("\"amount\"") }, "every field the source sent")
    }

    /// A campaign `us` over `apps` (US and CA, android, from 0.10) and a campaign `eu` over
    /// `games` only; four offers of `apps` that it does not place, one that it does.
    static func checklistWorkspace() -> ConsoleTestWorkspace {
        func row(
            _ id: String, _ title: String, payout: Double = 1, countries: [String] = ["US"], devices: [String] = ["android"],
            valid: Bool = true, placed: Bool = false
        ) -> OfferRow {
            OfferRow(
                key: OfferKey(sourceID: "apps", externalID: id), title: title, payout: payout, currency: "USD",
                countries: countries, devices: devices, isValid: valid, inFeed: true,
                placements: placed ? [PlacementBrief(campaignID: "us", state: .live, platformOfferID: 500, platformStatus: .active)] : [])
        }
        let ws = ConsoleTestWorkspace(
            sources: [SourceRow(id: "apps", title: "Apps", offerCount: 5)],
            campaigns: [CampaignRow(id: "us", title: "US", enabled: true), CampaignRow(id: "eu", title: "EU", enabled: true)],
            offers: [
                row("1", "Brazil only", countries: ["BR"]), row("2", "Cheap", payout: 0.05), row("3", "iPhone", devices: ["ios"]),
                row("4", "Broken", valid: false), row("5", "Placed", countries: ["BR"], placed: true)
            ])
        ws.checkedCampaigns = [
            Campaign(id: "us", sources: ["apps"], filters: CampaignFilters(countries: ["US", "CA"], devices: ["android"], payoutMin: 0.10)),
            Campaign(id: "eu", sources: ["games"], filters: CampaignFilters(countries: ["DE"]))
        ]
        return ws
    }

    @Test func checklistNamesTheCampaignAndTheRuleThatKeepsTheOfferOut() async throws {
        let ws = Self.checklistWorkspace()
        var seen: [String] = []
        try await Self.run(
            ws,
            [.waitUntil("the offers are listed") { $0.screenContains("Brazil only") }]
                + [
                    ("1", "us: countries BR not in US, CA"), ("2", "us: payout 0.05 below payout_min 0.10"),
                    ("3", "us: devices ios not in android"), ("4", "us: not placed: invalid (no tracking URL)")
                ].enumerated().flatMap { i, expected in
                    [
                        .key(.enter), Self.waitFor("┌ Offer apps:\(expected.0)"), Self.waitFor("campaign?         " + expected.1),
                        .waitUntil("line read") { b in
                            seen.append(b.lines.first { $0.contains("campaign?") } ?? ""); return true
                        },
                        .key(.escape), Self.waitUntilGone("┌ Offer apps:"), .key(.down)
                    ] as [Step]
                } + [
                    .key(.enter), Self.waitFor("┌ Offer apps:5"), Self.waitFor("matches?        no: countries BR not in US, CA (left as it is)"),
                    .key(.escape), .key(.character("q"))
                ])
        #expect(seen.count == 4)
        #expect(seen.allSatisfy { !$0.contains("eu") && !$0.contains("scope or filters") }, "only campaigns in scope, each named")
    }

    @Test func checklistSaysWhenNoCampaignsScopeCoversTheOffer() async throws {
        let ws = ConsoleTestWorkspace.standard()
        ws.checkedCampaigns = [Campaign(id: "eu", sources: ["games"])]
        let details = try #require(try await ws.offerDetails(OfferKey(sourceID: "apps", externalID: "1001")))
        var unplaced = details
        unplaced.placements = []
        #expect(
            DetailsView.lines(unplaced).contains(
                "  campaign?         no campaign's scope covers this offer (its source apps or the offer itself)"))
        ws.checkedCampaigns = [Campaign(id: "us", enabled: false, sources: ["apps"])]
        let off = try #require(try await ws.offerDetails(OfferKey(sourceID: "apps", externalID: "1001")))
        var offUnplaced = off
        offUnplaced.placements = []
        #expect(
            DetailsView.lines(offUnplaced).contains {
                $0.contains("us: matches, not placed: the campaign is off")
            })
    }

    @Test func pausePutsTheOfferOnHoldAndPressingAgainResumes() async throws {
        let ws = ConsoleTestWorkspace.standard()
        let (_, outcome) = try await Self.run(
            ws,
            [
                Self.loaded, .key(.character("p")), Self.waitFor("Pause/resume apps:1000 in which campaign?"), .key(.enter),
                Self.waitFor("paused apps:1000"), Self.waitFor("held +1"),
                .key(.character("p")), Self.waitFor("in which campaign?"), .key(.enter), Self.waitFor("resumed apps:1000"),
                Self.waitFor("live +1"), .key(.character("q"))
            ])
        // apps:1000 is in two campaigns: the keys ask which, Enter takes the first listed.
        #expect(
            ws.performed == [
                .pause(OfferKey(sourceID: "apps", externalID: "1000"), campaignID: "all"),
                .resume(OfferKey(sourceID: "apps", externalID: "1000"), campaignID: "all")
            ])
        #expect(outcome.finalState.selectedOffer == OfferKey(sourceID: "apps", externalID: "1000"))
    }

    @Test func excludeAsksFirstWithNoAsTheDefaultAndShowsTheCopysPlatformID() async throws {
        let ws = ConsoleTestWorkspace.standard()
        try await Self.run(
            ws,
            [
                Self.loaded, .key(.character("x")), Self.waitFor("in which campaign?"), .key(.enter),
                Self.waitFor("Exclude apps:1000?"), Self.waitFor("[ No ]"),
                .key(.enter), Self.waitFor("exclude apps:1000: cancelled, nothing changed"),
                .key(.character("x")), Self.waitFor("in which campaign?"), .key(.enter),
                Self.waitFor("Platform offer 101 (campaign all) will be"),
                .key(.character("y")), Self.waitFor("your copy is platform offer 901"),
                .waitUntil("the offer is excluded") { $0.lines.contains { $0.contains("▶ apps    1000") && $0.contains("excluded") } },
                .key(.character("q"))
            ])
        #expect(ws.performed == [.exclude(OfferKey(sourceID: "apps", externalID: "1000"), campaignID: "all")])
    }

    @Test func duplicateAndDetachEachAskWhatWillHappen() async throws {
        let ws = ConsoleTestWorkspace.standard()
        try await Self.run(
            ws,
            [
                Self.loaded, .key(.character("c")), Self.waitFor("in which campaign?"), .key(.enter),
                Self.waitFor("Duplicate apps:1000?"), .key(.left), .key(.enter),
                Self.waitFor("duplicated apps:1000 as platform offer 901"),
                .key(.character("u")), Self.waitFor("in which campaign?"), .key(.enter), Self.waitFor("Detach apps:1000?"),
                .key(.character("y")),
                Self.waitFor("detached apps:1000"), .key(.character("q"))
            ])
        #expect(ws.performed.count == 2)
    }

    @Test func anActionThatCannotActSaysWhy() async throws {
        let ws = ConsoleTestWorkspace.standard()
        ws.mutate { offers, _, _ in
            for p in offers[0].placements.indices { offers[0].placements[p].state = .excluded }
        }
        try await Self.run(
            ws,
            [
                Self.loaded, .key(.character("p")), Self.waitFor("p: already excluded"),
                .key(.character("q"))
            ])
        #expect(ws.performed.isEmpty)
    }

    @Test func campaignOffAsksOnIsImmediateAndRetireAsks() async throws {
        let ws = ConsoleTestWorkspace.standard()
        try await Self.run(
            ws,
            [
                Self.loaded, .key(.character("2")), .key(.space), Self.waitFor("Turn campaign all off?"), .key(.character("y")),
                Self.waitFor("OFF Everything"), .key(.space), Self.waitFor("ON  Everything"),
                .key(.down), .key(.character("R")), Self.waitFor("Retire campaign tier1?"), .key(.character("y")),
                Self.waitFor("campaign tier1 retired"), .key(.character("q"))
            ])
        #expect(ws.performed == [.setCampaignEnabled("all", false), .setCampaignEnabled("all", true), .retireCampaign("tier1")])
    }

    @Test func deleteSourceAsksAndArchives() async throws {
        let ws = ConsoleTestWorkspace.standard()
        try await Self.run(
            ws,
            [
                Self.loaded, .key(.character("1")), .key(.character("d")), Self.waitFor("Delete source apps?"),
                Self.waitFor("its 20 offers are paused"), .key(.character("y")), Self.waitFor("source apps archived"),
                Self.waitUntilGone("Apps "), .key(.character("q"))
            ])
        #expect(ws.performed == [.deleteSource("apps")])
    }

    @Test func syncKeysSyncTheSelectedSourceOrAll() async throws {
        let ws = ConsoleTestWorkspace.standard()
        try await Self.run(
            ws,
            [
                Self.loaded, .key(.character("s")), Self.waitFor("sync of apps started"),
                .key(.character("S")), Self.waitFor("sync of every source started"), .key(.character("q"))
            ])
        #expect(ws.performed == [.sync(sourceID: "apps"), .sync(sourceID: nil)])
    }

    @Test func helpIsGeneratedFromTheBindingTableGroupedByPane() async throws {
        let (screen, _) = try await Self.run(
            .standard(),
            [
                Self.loaded, .key(.character("?")), Self.waitFor("┌ Keys"),
                .key(.character("q")), Self.waitUntilGone("┌ Keys"), .key(.character("q"))
            ])
        _ = screen
        let sections = ConsoleBindings.keyMap(for: ConsoleState(workspace: "t")).helpSections().map(\.title)
        #expect(
            sections == [
                "Lists", "Offers", "Sources", "Campaigns", "Details", "Source and campaign details", "Platform", "Reports", "Help", "Command line",
                "Filter",
                "Find in details", "Reports range", "Conversion lookup", "Conversion lookup call", "Typing", "Confirmation",
                "Message", "Campaign picker", "Welcome", "Global"
            ])
    }

    @Test func helpShowsEachPanesKeys() async throws {
        let backend = HeadlessBackend(
            size: Size(width: 120, height: 80), colorMode: .none,
            script: [
                Self.waitFor("Solitaire"), .key(.character("?")), Self.waitFor("pause/resume"), Self.waitFor("retire"),
                Self.waitFor("show its offers"), .key(.escape), .key(.character("q"))
            ])
        let ws = ConsoleTestWorkspace.standard()
        try await Self.drive(ws, backend)
    }

    @Test func resizeTo80x24ReflowsAndKeepsTheSelectedOffer() async throws {
        let (screen, outcome) = try await Self.run(
            .standard(),
            [
                Self.loaded, .key(.pageDown), .key(.down),
                .resize(Size(width: 80, height: 24)), .waitUntil("80 columns") { $0.lines[0].count == 80 && $0.lines.count == 24 },
                .resize(Size(width: 120, height: 40)), .waitUntil("120 columns") { $0.lines[0].count == 120 },
                .resize(Size(width: 80, height: 24)), .waitUntil("80 columns again") { $0.lines.count == 24 },
                .key(.character("q"))
            ])
        let selected = try #require(outcome.finalState.selectedOffer)
        #expect(screen.lines.contains { $0.contains("▶ ") && $0.contains(selected.externalID) }, "the selected offer stays on screen")
        for title in ["Sources", "Campaigns", "Offers", "Sync"] { #expect(screen.screenContains("┌ \(title) ")) }
        #expect(screen.lines.allSatisfy { DisplayWidth.of($0) == 80 })
    }

    @Test func selectionStaysOnTheSameOfferWhenTheDataRefreshes() async throws {
        let ws = ConsoleTestWorkspace.standard()
        let backend = HeadlessBackend(
            size: Size(width: 120, height: 40), colorMode: .none,
            script: [
                Self.loaded, .key(.down), .key(.down), .key(.down)
            ])
        backend.enqueue([
            .waitUntil("a new offer sorts first and the data refreshed") { b in
                if !b.screenContains("Aardvark Quest") {
                    ws.mutate { offers, _, _ in
                        if !offers.contains(where: { $0.key.externalID == "1" }) {
                            offers.insert(
                                OfferRow(
                                    key: OfferKey(sourceID: "apps", externalID: "1"), title: "Aardvark Quest", payout: 1,
                                    currency: "USD", countries: [], devices: [], isValid: true, inFeed: true), at: 0)
                        }
                    }
                    return false
                }
                return true
            }, .key(.character("q"))
        ])
        let outcome = try await Self.drive(ws, backend)
        #expect(outcome.finalState.selectedOffer == OfferKey(sourceID: "apps", externalID: "1003"))
        #expect(outcome.finalState.offerTable.selected == 4, "the row moved down by one, the selection with it")
    }

    @Test func commandLineRunsActionsByNameWithHistory() async throws {
        let ws = ConsoleTestWorkspace.standard()
        let (_, outcome) = try await Self.run(
            ws,
            [Self.loaded, .key(.character(":"))] + Self.keys("pause surveys:3004") + [
                .key(.enter), Self.waitFor("paused surveys:3004"),
                .key(.character(":"))
            ] + Self.keys("retire tier1") + [
                .key(.enter), Self.waitFor("Retire campaign tier1?"), .key(.character("y")),
                Self.waitFor("campaign tier1 retired"),
                .key(.character(":")), .key(.up), .key(.up), Self.waitFor(":pause surveys:3004"), .key(.escape),
                .key(.character(":"))
            ] + Self.keys("frobnicate") + [
                .key(.enter), Self.waitFor("unknown command :frobnicate"),
                .key(.character(":"))
            ] + Self.keys("q") + [.key(.enter)])
        #expect(ws.performed == [.pause(OfferKey(sourceID: "surveys", externalID: "3004"), campaignID: nil), .retireCampaign("tier1")])
        #expect(outcome.finalState.command.history == ["pause surveys:3004", "retire tier1", "frobnicate", "q"])
    }

    @Test func editReopensTheEditorWithTheErrorUntilTheFragmentIsValid() async throws {
        let ws = ConsoleTestWorkspace.standard()
        ws.fragments[.source("apps")] = "[[sources]]\nid = \"apps\"\ntitle = \"Apps\"\n"
        ws.refuse = ("tittle", "line 3: unknown key 'tittle'")
        let editor = ScriptedEditor(["[[sources]]\nid = \"apps\"\ntittle = \"Apps!\"\n", "[[sources]]\nid = \"apps\"\ntitle = \"Apps!\"\n"])
        try await Self.run(
            ws, editor: editor,
            [
                Self.loaded, .key(.character("1")), .key(.character("e")), Self.waitFor("source apps applied"), .key(.character("q"))
            ])
        #expect(editor.shown.count == 2)
        #expect(editor.shown[0].error == nil)
        #expect(editor.shown[1].error == "line 3: unknown key 'tittle'", "the editor reopens with the error")
        #expect(ws.applied == ["[[sources]]\nid = \"apps\"\ntitle = \"Apps!\"\n"])
    }

    @Test func anEmptyWorkspaceOpensTheWelcomeScreenThatOffersTheDemo() async throws {
        let ws = ConsoleTestWorkspace(sources: [], campaigns: [], offers: [])
        let (screen, outcome) = try await Self.run(
            ws,
            [
                Self.waitFor("Welcome to cpapi-tui"), Self.waitFor("cpapi-tui apply FILE"),
                .key(.character("d"))
            ])
        #expect(screen.screenContains("cpapi-tui demo"))
        #expect(outcome.startDemo)
    }

    @Test func platformViewPlaysThePlatformsHand() async throws {
        let ws = ConsoleTestWorkspace.standard()
        try await Self.run(
            ws,
            [Self.loaded, .key(.character(":"))] + Self.keys("platform") + [
                .key(.enter), Self.waitFor("Platform (local)"), Self.waitFor("apps:1000"),
                .key(.character("x")), Self.waitFor("Disable platform offer 101?"), .key(.character("y")),
                Self.waitFor("platform offer 101 disabled"), Self.waitFor("stopped"),
                .key(.down), .key(.character("D")), Self.waitFor("Delete platform offer 102?"), .key(.character("y")),
                Self.waitFor("platform offer 102 deleted"), .key(.escape), Self.waitUntilGone("Platform (local)"), .key(.character("q"))
            ])
        #expect(ws.performed == [.platformDisable(offerID: 101), .platformDelete(offerID: 102)])
    }

    @Test func slashInDetailsFindsTextHighlightedAndPopPausesNothing() async throws {
        let ws = ConsoleTestWorkspace.standard()
        var highlighted = false
        let (screen, _) = try await Self.run(
            ws,
            [
                Self.loaded, .key(.enter), Self.waitFor("Checklist"), Self.waitFor("/ find"), .key(.character("/"))
            ] + Self.keys("pop") + [
                Self.waitFor("/pop"), Self.waitFor("0 lines"), Self.waitFor("Enter keep"),
                .key(.ctrl("u"))
            ] + Self.keys("status rule") + [
                Self.waitFor("2 lines"),
                .waitUntil("the match is highlighted") { b in
                    guard let y = b.lines.firstIndex(where: { $0.contains("  status rule") }),
                        let x = b.lines[y].range(of: "status rule").map({ DisplayWidth.of(String(b.lines[y][..<$0.lowerBound])) })
                    else { return false }
                    highlighted = b.style(x: x, y: y).modifiers.contains(.reverse) && !b.style(x: x - 2, y: y).modifiers.contains(.reverse)
                    return true
                },
                // Esc closes the find, a second Esc the details.
                .key(.escape), Self.waitUntilGone("/status rule"), Self.waitFor("┌ Offer apps:1000"),
                .key(.escape), Self.waitUntilGone("┌ Offer apps:1000"), .key(.character("q"))
            ])
        #expect(ws.performed.isEmpty, "p, o, p typed into the find paused nothing")
        #expect(highlighted, "the found text is shown reversed")
        #expect(!screen.screenContains("paused"))
    }

    @Test func slashInPlatformFiltersItsRowsAndXAsksNothing() async throws {
        let ws = ConsoleTestWorkspace.standard()
        try await Self.run(
            ws,
            [Self.loaded, .key(.character(":"))] + Self.keys("platform") + [
                .key(.enter), Self.waitFor("Platform (local)"), Self.waitFor("apps:1000"), Self.waitFor("/ filter"),
                .key(.character("/")), .key(.character("x")), Self.waitFor("/x"), Self.waitFor("10 of 80"),
                .waitUntil("no dialog asks to disable") { !$0.screenContains("Disable platform offer") },
                .key(.backspace)
            ] + Self.keys("surveys:3004") + [
                Self.waitFor("2 of 80"), Self.waitUntilGone("apps:1000"), .key(.enter), Self.waitFor("/surveys:3004: 2 of 80 offers"),
                .key(.escape), Self.waitUntilGone("Platform (local)"), .key(.character("q"))
            ])
        #expect(ws.performed.isEmpty, "x typed into the filter disabled nothing")
    }

    @Test func syncProgressShowsOneLivePerSourceLineWithItsPhase() async throws {
        let ws = ConsoleTestWorkspace.standard()
        let backend = HeadlessBackend(size: Size(width: 120, height: 40), colorMode: .none, script: [Self.loaded])
        backend.enqueue([
            .waitUntil("progress posted") { _ in
                var counts = SyncCounts()
                counts.fetched = 500
                counts.new = 3
                ws.emit(.activity(SyncActivity(sourceID: "apps", phase: .store, fraction: 0.5, counts: counts)))
                ws.emit(.activity(SyncActivity(sourceID: "surveys", phase: nil)))
                return true
            },
            Self.waitFor("fetched 500 new 3"), Self.waitFor("syncing 1 (+1 queued)"),
            .waitUntil("finished posted") { _ in
                ws.emit(.finished(sourceID: "apps", error: "HTTP 500")); return true
            },
            Self.waitFor("sync apps failed: HTTP 500"),
            .key(.character("q"))
        ])
        try await Self.drive(ws, backend)
        #expect(backend.screenContains("surveys        queued"))
    }

    @Test func anotherProcessHoldingTheLeaseIsSaidAndSyncKeysSayWhy() async throws {
        let ws = ConsoleTestWorkspace.standard()
        ws.schedulerAnswer = .heldElsewhere("pid 4242")
        try await Self.run(
            ws,
            [
                Self.loaded, Self.waitFor("synced by pid 4242"), .key(.character("S")),
                Self.waitFor("S: synced by pid 4242: sync from there"), .key(.character("q"))
            ])
        #expect(ws.performed.isEmpty)
    }

    @Test func mouseClickSelectsAndFocusesAndTheWheelScrolls() async throws {
        let (_, outcome) = try await Self.run(
            .standard(),
            [
                Self.loaded, .key(.character("1")),
                // The Offers pane starts at column 40, row 1; its rows start at row 3.
                .event(.mouse(MouseEvent(.click(button: 1), at: Position(x: 60, y: 5)))),
                .event(.mouse(MouseEvent(.wheelDown, at: Position(x: 60, y: 10)))),
                .key(.character("q"))
            ])
        #expect(outcome.finalState.focus == .offers)
        #expect(outcome.finalState.offerTable.selected == 5)
    }
}
