import CPAPIKit
import Foundation
import Testing
import TUI
@testable import Console

/// `:platform` at scale: the source and campaign of each platform offer, its filter and sort, Enter
/// to the offer's details and `:platform ID`. `ConsoleUpdate.update` fed events, the screen drawn.
@Suite struct ConsolePlatformTests {
    typealias P = ConsolePromptTests

    /// The standard workspace's 80 platform offers (101…180), and a copy made by hand (999).
    static func opened(_ command: String = "platform") async throws -> (ConsoleState, ConsoleTestWorkspace, [ConsoleEffect]) {
        var (s, ws) = try await P.loaded()
        let effects = P.press(&s, [.character(":")] + P.type(command) + [.enter])
        let rows = try #require(try await ws.localPlatformOffers()) + [PlatformOfferRow(id: 999, title: "Hand-made copy", status: .active)]
        _ = ConsoleUpdate.update(&s, .message(.platformOffersLoaded(.success(PlatformBrowser(rows: rows)))), now: P.now)
        return (s, ws, effects)
    }

    static func rows(_ s: ConsoleState) -> PlatformBrowser { s.platformRows ?? PlatformBrowser(rows: []) }

    @Test func rowsShowTheSourceAndCampaignEachPlatformOfferBelongsTo() async throws {
        let (s, _, effects) = try await Self.opened()
        #expect(effects == [.loadPlatformOffers])
        let screen = ConsoleCampaignPickerTests.screen(s)
        let header = try #require(screen.first { $0.contains("External ID") })
        for title in ["ID ▲", "Source", "Campaign", "Title", "Status", "Payout"] { #expect(header.contains(title), "\(title) in \(header)") }
        let first = try #require(screen.first { $0.contains("▶") && $0.contains("101") })
        #expect(first.contains("apps:1000") && first.contains("apps") && first.contains("all"), "\(first)")
        #expect(screen.contains { $0.contains("102") && $0.contains("tier1") && $0.contains("Solitaire Deluxe 1000") })
        #expect(Self.rows(s).last?.campaignID == nil && PlatformColumn.campaign.text(of: Self.rows(s).last!) == "—")
        #expect(screen.joined().contains("81 offers"))
    }

    @Test func slashFiltersTheRowsOverEveryColumnIncludingTheCampaign() async throws {
        var (s, _, _) = try await Self.opened()
        P.press(&s, [.character("/")] + P.type("TIER1"))
        #expect(Self.rows(s).count == 20 && Self.rows(s).allSatisfy { $0.campaignID == "tier1" })
        #expect(ConsoleCampaignPickerTests.screen(s).joined().contains("/TIER1: 20 of 81 offers"))
        P.press(&s, [.ctrl("u")] + P.type("!apps"))
        #expect(Self.rows(s).count == 81 - 30 && !Self.rows(s).contains { $0.offer?.sourceID == "apps" })
        P.press(&s, [.escape])
        #expect(Self.rows(s).count == 81 && s.prompt == nil)
    }

    @Test func angleBracketsSortByAColumnAndRReversesKeepingTheSelection() async throws {
        var (s, _, _) = try await Self.opened()
        P.press(&s, [.down])  // 102
        P.press(&s, P.type(">>>>"))  // ID → External ID → Source → Campaign → Title
        #expect(Self.rows(s).sortColumn == .title && Self.rows(s).sortAscending)
        let titles = Self.rows(s).map(\.title)
        #expect(titles == titles.sorted { $0.lowercased() < $1.lowercased() })
        #expect(ConsoleRules.selectedPlatformRow(s)?.id == 102, "the selection stays on its platform offer")
        #expect(ConsoleCampaignPickerTests.screen(s).contains { $0.contains("Title ▲") })
        P.press(&s, [.character("r")])
        #expect(!Self.rows(s).sortAscending && Self.rows(s).first?.title == titles.last)
        P.press(&s, [.character("<"), .character("<"), .character("<"), .character("<")])
        #expect(Self.rows(s).sortColumn == .id && Self.rows(s).map(\.id) == Self.rows(s).map(\.id).sorted())
        P.press(&s, [.character("<")])
        #expect(Self.rows(s).sortColumn == .payout, "round to the last column")
    }

    @Test func enterOpensTheDetailsOfTheOfferARowBelongsTo() async throws {
        var (s, _, _) = try await Self.opened()
        P.press(&s, [.down])
        let effects = P.press(&s, [.enter])
        #expect(effects == [.loadDetails(OfferKey(sourceID: "apps", externalID: "1000"))])
        #expect(P.isDetails(s))
        P.press(&s, [.escape])
        guard case .platform? = s.topOverlay else { Issue.record("Esc is back to :platform"); return }
        P.press(&s, [.end])
        #expect(P.press(&s, [.enter]).isEmpty)
        #expect(s.status?.text.hasSuffix(": platform offer 999 belongs to no synced offer (a copy, or made by hand)") == true)
    }

    @Test func platformIDJumpsToThatPlatformOffer() async throws {
        var (s, _, effects) = try await Self.opened("platform 150")
        #expect(effects == [.loadPlatformOffers])
        #expect(ConsoleRules.selectedPlatformRow(s)?.id == 150)
        #expect(ConsoleCampaignPickerTests.screen(s).contains { $0.contains("▶") && $0.contains("150") })
        // On :platform already, with a filter that hides it: the filter is cleared and it is selected.
        P.press(&s, [.character("/")] + P.type("games") + [.enter])
        #expect(P.press(&s, [.character(":")] + P.type("platform 101") + [.enter]) == [.loadPlatformOffers])
        _ = ConsoleUpdate.update(&s, .message(.platformOffersLoaded(.success(Self.rows(s)))), now: P.now)
        #expect(ConsoleRules.selectedPlatformRow(s)?.id == 101 && !s.platformFilter.isActive)
        #expect(s.overlays.count == 1, "no second :platform on the stack")
        P.press(&s, [.character(":")] + P.type("platform 5") + [.enter])
        _ = ConsoleUpdate.update(&s, .message(.platformOffersLoaded(.success(Self.rows(s)))), now: P.now)
        #expect(s.status?.text == "platform offer 5 is not in the local platform")
        P.press(&s, [.character(":")] + P.type("platform abc") + [.enter])
        #expect(s.status?.text.contains("'abc' is not a platform offer id") == true)
    }
}
