import CPAPIKit
import Console
import Testing

/// The Offers table narrowed to a campaign shows that campaign's placement in Plat and State, and
/// sorts by it: an offer placed by several campaigns sorts where the column it shows says.
@Suite struct OfferBrowserScopeTests {
    static func row(_ id: String, _ states: [(String, PlacementState)]) -> OfferRow {
        OfferRow(
            key: OfferKey(sourceID: "s", externalID: id), title: "offer \(id)", payout: 1, currency: "USD",
            countries: ["US"], devices: ["ios"], isValid: true, inFeed: true,
            placements: states.map { PlacementBrief(campaignID: $0.0, state: $0.1) })
    }

    static let index = OfferIndex(rows: [
        row("1", [("a", .live), ("b", .held)]),
        row("2", [("a", .held), ("b", .live)])
    ])

    func ids(_ browser: OfferBrowser) -> [String] { (0..<browser.count).map { browser.row(at: $0).key.externalID } }

    @Test func narrowedToACampaignTheStateColumnSortsByThatCampaignsPlacement() {
        var browser = OfferBrowser(index: Self.index, sortColumn: .state, ascending: true, scope: .campaign("a"))
        #expect(ids(browser) == ["2", "1"], "in a: 2 held, 1 live")
        browser.setScope(.campaign("b"))
        #expect(ids(browser) == ["1", "2"], "in b: 1 held, 2 live")
        browser.sort(by: .state, ascending: false)
        #expect(ids(browser) == ["2", "1"])
        browser.setScope(.all)
        #expect(ids(browser) == ["1", "2"], "unnarrowed: by the first placement (1 live, 2 held), descending")
    }
}
