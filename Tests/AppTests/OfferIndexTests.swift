import CPAPIKit
import Testing
@testable import Console

/// The Offers table's index: the filter's matches (never across columns) and the sort order of
/// each kind of column.
@Suite struct OfferIndexTests {
    static func row(_ source: String, _ id: String, _ title: String, payout: Double? = 1) -> OfferRow {
        OfferRow(
            key: OfferKey(sourceID: source, externalID: id), title: title, payout: payout, currency: "USD",
            countries: ["US"], devices: ["ios"], isValid: true, inFeed: true)
    }

    /// Rows deliberately not in key order, so ties show they fall back to it.
    static let index = OfferIndex(rows: [
        row("b", "10", "banana split", payout: 2),
        row("a", "9", "Apple pie", payout: nil),
        row("a", "x7", "apple Pie", payout: 2),
        row("a", "100", "Cherry", payout: 0.5)
    ])

    func keys(_ order: [Int32]) -> [String] { order.map { Self.index.rows[Int($0)].key.description } }

    @Test func filterFindsWordsInAnyColumnButNeverAcrossColumns() {
        func rows(_ text: String) -> [Bool] {
            let query = try! FilterQuery.parse(text, schema: OfferFilterFields.schema)
            return Self.index.filter.rows(passing: query.terms[0])
        }
        #expect(rows("pie") == [false, true, true, false])
        #expect(rows("usd") == [true, true, true, true], "the currency, also without an amount")
        // "split" ends the title, "2.00" starts the payout: no row holds "split2".
        #expect(rows("split2") == [false, false, false, false])
        #expect(rows("\"split 2\"") == [false, false, false, false])
    }

    @Test func filterIsCaseInsensitiveBeyondASCII() {
        var browser = OfferBrowser(index: OfferIndex(rows: [Self.row("a", "1", "Grand Café ÜBER"), Self.row("a", "2", "Cafe")]))
        browser.setQuery("CAFÉ")
        #expect(browser.count == 1 && browser.row(at: 0).key.externalID == "1")
        browser.setQuery("café über")
        #expect(browser.count == 1)
        browser.setQuery("!café")
        #expect(browser.count == 1 && browser.row(at: 0).key.externalID == "2")
    }

    @Test func sortComparesTextCaseInsensitivelyWithTiesInKeyOrderBothWays() {
        #expect(keys(Self.index.order(by: .title, ascending: true)) == ["a:9", "a:x7", "b:10", "a:100"])
        #expect(keys(Self.index.order(by: .title, ascending: false)) == ["a:100", "b:10", "a:9", "a:x7"])
    }

    @Test func sortPutsNumbersBeforeTextAndAMissingPayoutFirst() {
        #expect(keys(Self.index.order(by: .externalID, ascending: true)) == ["a:9", "b:10", "a:100", "a:x7"])
        #expect(keys(Self.index.order(by: .payout, ascending: true)) == ["a:9", "a:100", "a:x7", "b:10"])
    }
}
