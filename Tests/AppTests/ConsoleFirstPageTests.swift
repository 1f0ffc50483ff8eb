import CPAPIKit
import Foundation
import Testing
import TUI
@testable import Console

/// The first read of a workspace draws its first page of offers at once, says "loading…" while the
/// rest are read, then completes; what the operator did meanwhile (selection, sort, filter) holds.
@Suite struct ConsoleFirstPageTests {
    typealias Screen = ConsoleScreenTests

    /// 600 offers (apps 1000-1199, games 2000-2199, surveys 3000-3199): the first page holds 500 of
    /// them, and the rest wait until the test opens the workspace's gate.
    static func heldBack() -> ConsoleTestWorkspace {
        let ws = ConsoleTestWorkspace.standard(count: 200)
        ws.fullReads.close()
        return ws
    }

    static func letTheRestIn(_ ws: ConsoleTestWorkspace) -> HeadlessBackend.Step {
        .waitUntil("the rest of the offers may be read") { _ in
            ws.fullReads.open(); return true
        }
    }

    @Test func firstFrameListsTheFirstPageWithLoadingThenEveryOffer() async throws {
        let ws = Self.heldBack()
        let (screen, outcome) = try await Screen.run(
            ws,
            [
                .waitUntil("the first page, loading, campaigns not counted yet") { screen in
                    screen.screenContains("500 of 600 · loading…") && screen.lines.contains { $0.contains("▶ apps    1000") }
                        && screen.lines.contains { line in
                            let campaigns = line.prefix(40)  // the left column
                            return campaigns.contains("ON  Everything") && campaigns.filter { $0 == "…" }.count == 4
                        }
                },
                Self.letTheRestIn(ws),
                Screen.waitUntilGone("loading…"), Screen.waitFor("─ 600 ─"),
                .waitUntil("campaigns counted") { $0.lines.contains { $0.prefix(40).contains("ON  Everything") && $0.prefix(40).contains("600") } },
                .key(.character("q"))
            ])
        #expect(outcome.finalState.offers.count == 600)
        #expect(ws.snapshotReads == [500, nil], "a first page, then every offer")
        #expect(!outcome.finalState.offersLoading)
        #expect(!screen.screenContains("so far"))
    }

    @Test func theFirstReadIsNotRepeatedForTheChangeCounterItCovers() async throws {
        let ws = ConsoleTestWorkspace.standard()
        let polls = ws.tokenReads
        try await Screen.run(
            ws,
            [
                Screen.loaded,
                .waitUntil("the change counter was polled five more times") { _ in ws.tokenReads >= polls + 6 },
                .key(.character("q"))
            ])
        #expect(ws.snapshotReads == [500], "60 offers: the first page is all of them, read once")
    }

    @Test func selectionAndSortChosenWhileLoadingHoldOnceEveryOfferIsIn() async throws {
        let ws = Self.heldBack()
        let (_, outcome) = try await Screen.run(
            ws,
            [
                Screen.waitFor("loading…"), .key(.down), .key(.down), .key(.down), Screen.waitFor("▶ apps    1003"),
                // Descending by source: apps last; apps:1003 is 4th from the end of the 500 read so far.
                .key(.character("r")), Screen.waitFor("Src ▼"), Screen.waitFor("▶ apps    1003"),
                Self.letTheRestIn(ws), Screen.waitUntilGone("loading…"),
                .key(.character("q"))
            ])
        let key = OfferKey(sourceID: "apps", externalID: "1003")
        #expect(outcome.finalState.selectedOffer == key)
        #expect(!outcome.finalState.offers.sortAscending)
        #expect(outcome.finalState.offerTable.selected == 596, "surveys 200, games 200, then apps 1199 down to 1003")
        #expect(outcome.finalState.offers.row(at: 596).key == key)
    }

    @Test func filterTypedWhileLoadingGivesEveryMatchOnceLoaded() async throws {
        let ws = Self.heldBack()
        let (screen, outcome) = try await Screen.run(
            ws,
            [
                Screen.waitFor("loading…"), .key(.character("/"))
            ] + Screen.keys("raid") + [
                // Raid Legends is every tenth offer: 20 of apps, 20 of games, 10 of the surveys read so far.
                Screen.waitFor("50 matches so far"), Screen.waitFor("50 of 600 · /raid · loading…"),
                Self.letTheRestIn(ws),
                Screen.waitFor("60 matches"), Screen.waitUntilGone("loading…"), Screen.waitFor("60 of 600 · /raid"),
                .key(.enter), .key(.character("q"))
            ])
        let offers = outcome.finalState.offers
        #expect(offers.count == 60)
        #expect((0..<offers.count).allSatisfy { offers.row(at: $0).title.hasPrefix("Raid Legends") })
        #expect(
            (0..<offers.count).contains { offers.row(at: $0).key == OfferKey(sourceID: "surveys", externalID: "3193") },
            "an offer past the first page matches")
        #expect(screen.screenContains("Raid Legends"))
    }
}
