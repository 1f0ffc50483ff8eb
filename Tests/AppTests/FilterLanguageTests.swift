import CPAPIKit
import Testing
@testable import Console

/// The Offers filter language, pure: the parser (and what it says when the text is wrong), the
/// matcher over an index of rows, and the highlight ranges.
@Suite struct FilterLanguageTests {
    static func row(
        _ source: String, _ id: String, _ title: String, payout: Double? = 1, currency: String = "USD",
        countries: [String] = ["US"], devices: [String] = ["ios"], isValid: Bool = true, inFeed: Bool = true,
        placements: [PlacementBrief] = []
    ) -> OfferRow {
        OfferRow(
            key: OfferKey(sourceID: source, externalID: id), title: title, payout: payout, currency: currency,
            countries: countries, devices: devices, isValid: isValid, inFeed: inFeed, placements: placements)
    }

    static let rows = [
        row(
            "demo-apps", "1", "USA Survey - Sign up", payout: 6, countries: ["US", "CA"],
            placements: [PlacementBrief(campaignID: "tier1", state: .live)]),
        row(
            "demo-apps", "2", "Bonus Plus", payout: 0.5, currency: "USD", countries: ["DE", "FR", "GB", "NL", "SE"],
            placements: [PlacementBrief(campaignID: "all", state: .held), PlacementBrief(campaignID: "tier1", state: .live)]),
        row(
            "games", "30", "Daily Survey", payout: 2.25, currency: "EUR", countries: ["FR"], devices: ["android"],
            placements: [PlacementBrief(campaignID: "all", state: .pausedMissing, platformStatus: .stopped)]),
        row("games", "400", "Raid: signup now", payout: nil, countries: ["BR"], isValid: false, inFeed: false),
        row("surveys", "x5", "Grand Café ÜBER", payout: 5, countries: ["NL", "SE", "US", "CA", "AU", "DE"])
    ]

    /// The ids of the rows `text` keeps, in row order.
    func ids(_ text: String) throws -> [String] {
        var browser = OfferBrowser(index: OfferIndex(rows: Self.rows), sortColumn: .source)
        browser.setQuery(text)
        if let error = browser.queryError { throw error }
        return (0..<browser.count).map { browser.row(at: $0).key.externalID }.sorted()
    }

    func error(_ text: String) -> String? {
        do {
            _ = try FilterQuery.parse(text, schema: OfferFilterFields.schema)
            return nil
        } catch {
            return error.message
        }
    }

    @Test func aCountryCodeIsAWholeTokenNeverPartOfTheCurrency() throws {
        // Every row is in USD but "US" is the country: rows 1 and x5 (x5 lists US fifth of six).
        #expect(try ids("US") == ["1", "x5"], "bare US: the country, and words starting with us (USA)")
        #expect(try ids("ctry:US") == ["1", "x5"], "every country counts, not only those the column shows")
        #expect(try ids("ctry:us,fr") == ["1", "2", "30", "x5"])
        #expect(try ids("ctry:U") == [], "codes match whole")
        #expect(try ids("cur:usd") == ["1", "2", "400", "x5"])
        #expect(try ids("cur:us") == [])
    }

    @Test func bareWordsMatchFromTheStartOfAWordInAnyShownColumn() throws {
        #expect(try ids("surv") == ["1", "30", "x5"], "titles, and the source id surveys")
        #expect(try ids("us") == ["1", "x5"], "Bonus and Plus do not start with us")
        #expect(try ids("apps") == ["1", "2"], "after the - of demo-apps")
        #expect(try ids("sign") == ["1", "400"])
        #expect(try ids("café über") == ["x5"], "case-insensitive beyond ASCII, terms ANDed")
        #expect(try ids("\"sign up\"") == ["1"], "a quoted phrase keeps its space")
        #expect(try ids("yes") == [], "V and F (yes/no) are not searched by bare words")
        #expect(try ids("tier1") == [], "nor the campaigns")
    }

    @Test func scopedTermsLookInTheirFieldOnly() throws {
        #expect(try ids("src:apps") == ["1", "2"])
        #expect(try ids("source:games") == ["30", "400"], "an alias")
        #expect(try ids("title:survey") == ["1", "30"], "surveys (the source) is not a title")
        #expect(try ids("state:held") == ["2"], "any placement's state")
        #expect(try ids("state:paused") == ["30"], "paused_missing from its first word")
        #expect(try ids("state:missing") == ["30"], "words start after _ too")
        #expect(try ids("state:unplaced") == ["400", "x5"])
        #expect(try ids("camp:tier1") == ["1", "2"])
        #expect(try ids("plat:stopped") == ["30"])
        #expect(try ids("valid:no") == ["400"])
        #expect(try ids("feed:no") == ["400"])
        #expect(try ids("dev:and") == ["30"])
        #expect(try ids("id:4") == ["400"])
    }

    @Test func comparisonsNegationRegexAndAnd() throws {
        #expect(try ids("payout>5") == ["1"])
        #expect(try ids("payout>=5") == ["1", "x5"])
        #expect(try ids("payout<=0.5") == ["2"])
        #expect(try ids("payout<1") == ["2"], "an offer without a payout never passes")
        #expect(try ids("payout=2.25") == ["30"])
        #expect(try ids("id>=30") == ["30", "400"], "x5 is not a number")
        #expect(try ids("!state:held") == ["1", "30", "400", "x5"])
        #expect(try ids("!ctry:us !valid:no") == ["2", "30"])
        #expect(try ids("/sign ?up/") == ["1", "400"])
        #expect(try ids("title:/^raid/") == ["400"], "^ is the field's start")
        #expect(try ids("/^raid/") == ["400"])
        #expect(try ids("!/a/") == [], "every row holds an a somewhere")
        #expect(try ids("ctry:US payout>1 !state:held") == ["1", "x5"])
    }

    @Test func aTextThatDoesNotParseSaysWhy() {
        #expect(error("cty:US")?.hasPrefix("unknown field \"cty\" (fields: src, id, title") == true)
        #expect(error("ctry:") == "ctry: needs a value (ctry:US)")
        #expect(error("payout>abc") == "payout>abc: \"abc\" is not a number")
        #expect(error("payout>") == "payout> needs a number (payout>5)")
        #expect(error("title>5") == "title is not a number: compare id, payout (payout>5)")
        #expect(error("/sign") == "unterminated regex: close it with / (/sign ?up/)")
        #expect(error("/a(/") == "/a(/ is not a valid regular expression")
        #expect(error("//") == "empty regex: put a pattern between the slashes")
        #expect(error("\"sign up") == "unterminated quote: close it with \"")
        #expect(error("! x") == "! needs a term after it (!state:held)")
        #expect(error("demo-apps:1") == nil, "not a field name: a bare word")
        #expect(error("") == nil && error("   ") == nil)
    }

    @Test func anErrorKeepsThePreviousRowsAndFixingItAppliesTheNewText() {
        var browser = OfferBrowser(index: OfferIndex(rows: Self.rows))
        browser.setQuery("src:games")
        #expect(browser.count == 2)
        browser.setQuery("src:games payout>")
        #expect(browser.queryError != nil)
        #expect(browser.count == 2 && browser.appliedQuery == "src:games", "the rows of the last text that parsed")
        browser.setQuery("src:games payout>2")
        #expect(browser.queryError == nil && browser.count == 1)
        browser.setQuery("")
        #expect(browser.count == Self.rows.count)
    }

    @Test func termsAreKeptAcrossKeystrokesAndNewDataRefilters() {
        var browser = OfferBrowser(index: OfferIndex(rows: Self.rows))
        browser.setQuery("ctry:us")
        browser.setQuery("ctry:us s")
        browser.setQuery("ctry:us su")
        #expect((0..<browser.count).map { browser.row(at: $0).key.externalID } == ["1", "x5"])
        browser.replaceIndex(OfferIndex(rows: Array(Self.rows.prefix(2))))
        #expect(browser.count == 1 && browser.row(at: 0).key.externalID == "1")
    }

    @Test func highlightsFollowTheSameRules() throws {
        let schema = OfferFilterFields.schema
        let query = try FilterQuery.parse("us cur:usd payout>1 !title:bonus /v.y/", schema: schema)
        let countries = OfferFilterFields.shown(in: .countries), payout = OfferFilterFields.shown(in: .payout)
        let title = OfferFilterFields.shown(in: .title)
        #expect(FilterHighlight.ranges(in: "US CA", fields: countries, query: query, schema: schema) == [0..<2])
        #expect(FilterHighlight.ranges(in: "CA +3", fields: countries, query: query, schema: schema) == [])
        #expect(FilterHighlight.ranges(in: "6.00 USD", fields: payout, query: query, schema: schema) == [5..<8, 0..<4])
        #expect(FilterHighlight.ranges(in: "USA Survey", fields: title, query: query, schema: schema) == [0..<2, 7..<10])
        #expect(FilterHighlight.ranges(in: "Bonus", fields: title, query: query, schema: schema) == [], "negated terms mark nothing")
    }
}
