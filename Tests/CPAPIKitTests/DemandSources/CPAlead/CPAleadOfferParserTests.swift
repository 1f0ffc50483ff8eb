import Foundation
import Testing
@testable import CPAPIKit

/// Parsing untidy CPAlead offers, normalising them, and deciding validity.
@Suite struct CPAleadOfferParserTests {
    static let tidy = """
        {"id": 18231, "title": "Example Puzzle - Install", "description": "Install and open",
         "conversion": "Install and open the app", "device": "android", "daily_cap": 500,
         "is_fast_pay": true, "link": "https://www.cpalead.com/view.php?id=1&pub=2&subid=",
         "preview_link": "https://play.google.com/store/apps/details?id=com.example",
         "amount": 0.85, "payout_currency": "USD", "payout_type": "CPI",
         "countries": ["US", "CA"], "epc": 0.12, "creatives": {"url": "https://cdn.test/icon.png"},
         "offer_rank": 3, "featured": false, "category": "Games",
         "payouts_per_country": {"US": 0.85, "CA": 0.60},
         "events": [], "conversion_mode": "install", "verification_method": "sdk"}
        """

    func entry(_ json: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(json.utf8))
    }

    func parse(_ json: String, secrets: [String] = []) throws -> DemandOffer {
        let parser = CPAleadOfferParser(sourceID: "cpalead", redactor: Redactor(secrets: secrets))
        return try parser.parse(entry(json), index: 0).get()
    }

    @Test func aTidyOfferIsNormalisedIntoEveryField() throws {
        let offer = try parse(Self.tidy)
        #expect(offer.key == OfferKey(sourceID: "cpalead", externalID: "18231"))
        #expect(offer.title == "Example Puzzle - Install")
        #expect(offer.description == "Install and open")
        #expect(offer.conversion == "Install and open the app")
        #expect(offer.trackingURL == "https://www.cpalead.com/view.php?id=1&pub=2&subid=")
        #expect(offer.previewURL == "https://play.google.com/store/apps/details?id=com.example")
        #expect(offer.payout == Payout(amount: 0.85, currency: "USD", model: "CPI"))
        #expect(offer.countryPayouts == [CountryPayout(country: "CA", amount: 0.6), CountryPayout(country: "US", amount: 0.85)])
        #expect(offer.countries == ["CA", "US"])
        #expect(offer.devices == ["android"])
        #expect(offer.caps == [OfferCap(period: "day", type: "conversions", value: 500)])
        #expect(offer.categories == ["Games"])
        #expect(offer.statusAtSource == "active")
        #expect(offer.logoURL == "https://cdn.test/icon.png")
        #expect(offer.rank == 3)
        #expect(offer.isValid)
        #expect(offer.contentHash.count == 16)
    }

    @Test func numbersSentAsStringsAreRead() throws {
        let offer = try parse(
            """
            {"id": "18231", "title": "T", "link": "https://t.test/a", "preview_link": "https://p.test",
             "amount": "0.85", "daily_cap": "250", "offer_rank": "7", "payouts_per_country": {"US": "1.20"}}
            """)
        #expect(offer.payout.amount == 0.85)
        #expect(offer.caps.first?.value == 250)
        #expect(offer.rank == 7)
        #expect(offer.countryPayouts == [CountryPayout(country: "US", amount: 1.2)])
    }

    @Test func nullsAndMissingFieldsAreTolerated() throws {
        let offer = try parse(
            """
            {"id": 5, "title": null, "description": null, "link": null, "amount": null, "countries": null,
             "device": null, "creatives": null, "daily_cap": null, "payouts_per_country": null, "offer_rank": null}
            """)
        #expect(offer.title == nil && offer.description == nil && offer.trackingURL == nil)
        #expect(offer.payout.amount == nil)
        #expect(offer.countries.isEmpty && offer.devices.isEmpty && offer.caps.isEmpty && offer.countryPayouts.isEmpty)
        #expect(offer.logoURL == nil && offer.rank == nil)
        let bare = try parse(#"{"id": 6}"#)
        #expect(bare.invalidReasons == ["no title", "no tracking link", "no preview link", "no payout"])
    }

    @Test func idMayBeANumberOrAString() throws {
        #expect(try parse(#"{"id": 42}"#).key.externalID == "42")
        #expect(try parse(#"{"id": " 42 "}"#).key.externalID == "42")
        #expect(try parse(#"{"id": "ab-7"}"#).key.externalID == "ab-7")
    }

    @Test func payoutsPerCountryMayBeAnObjectOrRows() throws {
        let object = try parse(#"{"id": 1, "payouts_per_country": {"us": 1.2, "GB": "0.9"}}"#)
        let rows = try parse(#"{"id": 1, "payouts_per_country": [{"country": "US", "payout": 1.2}, {"country": "gb", "payout": "0.9"}]}"#)
        let amountRows = try parse(#"{"id": 1, "payouts_per_country": [{"country": "GB", "amount": 0.9}, {"country": "US", "amount": "1.2"}]}"#)
        let expected = [CountryPayout(country: "GB", amount: 0.9), CountryPayout(country: "US", amount: 1.2)]
        #expect(object.countryPayouts == expected)
        #expect(rows.countryPayouts == expected)
        #expect(amountRows.countryPayouts == expected)
    }

    @Test func unreadablePerCountryRowsAreLeftOutAndNamedInTheReasons() throws {
        let offer = try parse(
            #"{"id": 1, "payouts_per_country": [{"country": "US"}, {"payout": 2}, "x", {"country": "CA", "payout": "n/a"}, {"country": "DE", "payout": 1}]}"#
        )
        #expect(offer.countryPayouts == [CountryPayout(country: "DE", amount: 1)])
        #expect(
            offer.invalidReasons.filter { $0.hasPrefix("unreadable") } == [
                "unreadable payout for CA", "unreadable payout for US", "unreadable payout row 2", "unreadable payout row 3"
            ])
        let object = try parse(#"{"id": 1, "payouts_per_country": {"US": 1, "GB": "n/a", " ": 2}}"#)
        #expect(
            object.invalidReasons.filter { $0.hasPrefix("unreadable") } == ["unreadable payout for GB", "unreadable payout row without a country"])
        let text = try parse(#"{"id": 1, "payouts_per_country": "US:1"}"#)
        #expect(text.invalidReasons.last == "unreadable per-country payouts")
        for none in ["null", "false", #""""#, "[]", "{}"] {
            #expect(
                try parse(#"{"id": 1, "payouts_per_country": \#(none)}"#).invalidReasons == [
                    "no title", "no tracking link", "no preview link", "no payout"
                ])
        }
    }

    @Test func payoutRowsMayKeyTheCountryAsCountryISO() throws {
        let offer = try parse(#"{"id": 1, "payouts_per_country": [{"country_iso": "US", "amount": 2.1}, {"country_iso": "ca", "payout": "0.5"}]}"#)
        #expect(offer.countryPayouts == [CountryPayout(country: "CA", amount: 0.5), CountryPayout(country: "US", amount: 2.1)])
    }

    @Test func cpaleadDeviceWordsMapToOneVocabulary() {
        let mapped = CPAleadDeviceVocabulary.devices(.string("iPhone_iPad|Android"), .array([.string("all_devices"), .string("tv")]))
        #expect(mapped.devices == ["android", "ios"] && mapped.unknown == ["tv"])
        #expect(CPAleadDeviceVocabulary.devices(.string("iphone | ipad, ios")).devices == ["ios"])
        #expect(CPAleadDeviceVocabulary.devices(.string("mobile"), .string("desktop")).devices == ["android", "desktop", "ios"])
        #expect(CPAleadDeviceVocabulary.devices(.string("all"), nil) == ([], []))
        // Every word the table maps means devices of the model's own vocabulary.
        #expect(CPAleadDeviceVocabulary.table.values.allSatisfy { $0.allSatisfy(["android", "ios", "desktop"].contains) })
    }

    @Test func anUnknownDeviceWordIsLeftOutAndMakesTheOfferInvalid() throws {
        let offer = try parse(
            #"{"id": 1, "title": "T", "link": "https://t.test/a", "preview_link": "https://p.test", "amount": 1, "device": "smart_tv|iphone_ipad"}"#)
        #expect(offer.devices == ["ios"])
        #expect(offer.invalidReasons == ["unknown device smart_tv"])
    }

    @Test func rawJSONIsNotAlteredByAShortSecretInsideWords() throws {
        let json = #"{"id": 1, "title": "Xbox text", "link": "https://t.test/x/next?sub=x"}"#
        let offer = try parse(json, secrets: ["x"])
        #expect(offer.rawJSON == #"{"id":1,"link":"https://t.test/[redacted]/next?sub=[redacted]","title":"Xbox text"}"#)
        let untouched = try parse(#"{"id": 1, "title": "Xbox text", "type": "text/html"}"#, secrets: ["x"])
        #expect(untouched.rawJSON == #"{"id":1,"title":"Xbox text","type":"text/html"}"#)
    }

    @Test func countriesMayBeAListOrACommaString() throws {
        #expect(try parse(#"{"id": 1, "countries": ["us", "CA", "US", " gb "]}"#).countries == ["CA", "GB", "US"])
        #expect(try parse(#"{"id": 1, "countries": "us, CA,,GB"}"#).countries == ["CA", "GB", "US"])
    }

    @Test func commaStringsSplitAtCommaCharacters() {
        #expect(JSONValue.string(" ios ,android,, ").textList == ["ios", "android"])
        #expect(JSONValue.string("Café, Thé ,Jeux").textList == ["Café", "Thé", "Jeux"])
        // A comma carrying a combining mark is another character: no split there.
        #expect(JSONValue.string("a,\u{301}b,c").textList == ["a,\u{301}b", "c"])
    }

    @Test func deviceMayBeAStringACommaStringOrAList() throws {
        #expect(try parse(#"{"id": 1, "device": "Android"}"#).devices == ["android"])
        #expect(try parse(#"{"id": 1, "device": "ios,Android"}"#).devices == ["android", "ios"])
        #expect(try parse(#"{"id": 1, "device": ["Desktop", "ios", "ios"]}"#).devices == ["desktop", "ios"])
        #expect(try parse(#"{"id": 1, "device": "all"}"#).devices == [])
        #expect(try parse(#"{"id": 1, "device": "iphone_ipad"}"#).devices == ["ios"])
        #expect(try parse(#"{"id": 1, "device": "all_devices"}"#).devices == [])
    }

    @Test func booleansMayBeNumbersOrStrings() throws {
        #expect(try entry("1").bool == true)
        #expect(try entry("0").bool == false)
        #expect(try entry(#""true""#).bool == true)
        #expect(try entry(#""false""#).bool == false)
        #expect(try entry("true").bool == true)
        #expect(try entry(#""maybe""#).bool == nil)
    }

    @Test func stringsAreTrimmedAndEmptyOnesBecomeNil() throws {
        let offer = try parse(#"{"id": 1, "title": "  Royal Match  ", "description": "   ", "conversion": ""}"#)
        #expect(offer.title == "Royal Match")
        #expect(offer.description == nil)
        #expect(offer.conversion == nil)
    }

    @Test func unknownFieldsAreIgnoredButKeptInRawJSON() throws {
        let offer = try parse(#"{"zeta": {"b": 2, "a": [1, "x", null]}, "id": 1, "alpha": 1.50}"#)
        #expect(offer.rawJSON == #"{"alpha":1.5,"id":1,"zeta":{"a":[1,"x",null],"b":2}}"#)
    }

    @Test func rawJSONHasSecretsRedacted() throws {
        let offer = try parse(#"{"id": 1, "link": "https://t.test/?key=K3Y-123"}"#, secrets: ["K3Y-123"])
        #expect(!offer.rawJSON.contains("K3Y-123"))
        #expect(offer.rawJSON.contains("[redacted]"))
    }

    @Test func categoriesComeFromCategoryOrCategories() throws {
        #expect(try parse(#"{"id": 1, "category": "Games, Puzzle", "categories": ["Casual", "Games"]}"#).categories == ["Casual", "Games", "Puzzle"])
    }

    @Test func logoComesFromCreativesURL() throws {
        #expect(try parse(#"{"id": 1, "creatives": [{"type": "banner"}, {"url": "https://c.test/2.png"}]}"#).logoURL == "https://c.test/2.png")
    }

    @Test func aZeroDailyCapIsNoCap() throws {
        #expect(try parse(#"{"id": 1, "daily_cap": 0}"#).caps.isEmpty)
    }

    @Test func anEntryThatIsNotAnObjectIsSkippedWithItsReason() throws {
        let parser = CPAleadOfferParser(sourceID: "cpalead", redactor: Redactor())
        guard case .failure(let skip) = parser.parse(try entry("42"), index: 3) else { Issue.record("parsed"); return }
        #expect(skip == SkippedEntry(index: 3, reason: "offer #4 is not an object"))
    }

    @Test func anEntryWithoutIdIsSkippedWithItsReason() throws {
        let parser = CPAleadOfferParser(sourceID: "cpalead", redactor: Redactor())
        guard case .failure(let skip) = parser.parse(try entry(#"{"id": "  ", "title": "T"}"#), index: 0) else { Issue.record("parsed"); return }
        #expect(skip.reason == "offer #1 has no id")
    }
}
