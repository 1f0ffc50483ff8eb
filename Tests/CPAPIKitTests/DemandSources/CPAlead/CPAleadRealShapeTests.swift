import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit

/// One shape a live CPAlead answer takes (shared/reference/cpalead-api.md, "Real shapes"): the fields
/// of one offer entry, and what the adapter must make of them.
struct CPAleadRealShape: Sendable, CustomTestStringConvertible {
    let name: String
    /// The entry's fields, after a complete valid offer's (a field given again replaces it: the last counts).
    let fields: String
    /// The entry's id and rank fields (`"id": 18231, "offer_rank": 3` unless the shape is about them).
    var idField = #""id": 18231, "offer_rank": 3"#
    let check: @Sendable (DemandOffer) -> Void

    var testDescription: String { name }

    /// The whole offer entry.
    var entry: String {
        #"{\#(idField), "title": "Example Puzzle", "link": "https://www.cpalead.com/view.php?id=1&pub=2&subid=", "#
            + #""preview_link": "https://play.google.com/store/apps/details?id=com.example", "amount": 0.85, "#
            + #""payout_currency": "USD", "payout_type": "CPI", "countries": ["US", "CA"], "device": "android""#
            + (fields.isEmpty ? "" : ", " + fields) + "}"
    }

    /// A success answer around `entries`, as CPAlead writes it.
    static func answer(_ entries: [String]) -> String {
        #"{"status":"success","number_offers":\#(entries.count),"country":"all","devices":"all","offers":[\#(entries.joined(separator: ","))]}"#
    }
}

/// Every real shape of a CPAlead answer, each served by the loopback fake CPAlead and read through
/// the real adapter; then the shapes that matter to a campaign, synced end to end on both platforms.
@Suite struct CPAleadRealShapeTests {
    typealias Shape = CPAleadRealShape

    static let shapes: [Shape] = [
        // device, in CPAlead's own words
        Shape(name: "iphone_ipad is iOS", fields: #""device": "iphone_ipad""#) { offer in
            #expect(offer.devices == ["ios"]); #expect(offer.isValid)
        },
        Shape(name: "iphone|ipad is iOS, once", fields: #""device": "iphone|ipad""#) { #expect($0.devices == ["ios"]) },
        Shape(name: "a list of android and iphone_ipad is both", fields: #""device": ["android", "iphone_ipad"]"#) {
            #expect($0.devices == ["android", "ios"])
        },
        Shape(name: "android|iphone_ipad split at the bar", fields: #""device": "Android|iPhone_iPad""#) {
            #expect($0.devices == ["android", "ios"])
        },
        Shape(name: "iphone, ipad and ios are iOS", fields: #""device": "iphone,ipad,ios""#) { #expect($0.devices == ["ios"]) },
        Shape(name: "desktop is desktop", fields: #""device": "desktop""#) { #expect($0.devices == ["desktop"]) },
        Shape(name: "mobile is both phone OSes", fields: #""device": "mobile""#) { #expect($0.devices == ["android", "ios"]) },
        Shape(name: "all is no device restriction", fields: #""device": "all""#) { offer in
            #expect(offer.devices == []); #expect(offer.isValid)
        },
        Shape(name: "all_devices is no device restriction", fields: #""device": "all_devices""#) { offer in
            #expect(offer.devices == []); #expect(offer.isValid)
        },
        Shape(name: "an unknown device word is kept out of targeting and named", fields: #""device": "android|smart_tv""#) { offer in
            #expect(offer.devices == ["android"])
            #expect(offer.invalidReasons == ["unknown device smart_tv"])
        },
        // payouts_per_country
        Shape(name: "payout rows keyed country_iso", fields: #""payouts_per_country": [{"country_iso": "US", "amount": 2.1}]"#) { offer in
            #expect(offer.countryPayouts == [CountryPayout(country: "US", amount: 2.1)]); #expect(offer.isValid)
        },
        Shape(
            name: "payout rows keyed country_code with a string payout",
            fields: #""payouts_per_country": [{"country_code": "ca", "payout": "0.60"}]"#
        ) {
            #expect($0.countryPayouts == [CountryPayout(country: "CA", amount: 0.6)])
        },
        Shape(name: "payout rows keyed country with amount", fields: #""payouts_per_country": [{"country": "US", "amount": "2"}]"#) {
            #expect($0.countryPayouts == [CountryPayout(country: "US", amount: 2)])
        },
        Shape(name: "payouts as an object", fields: #""payouts_per_country": {"US": 2.1, "CA": "0.6"}"#) {
            #expect($0.countryPayouts == [CountryPayout(country: "CA", amount: 0.6), CountryPayout(country: "US", amount: 2.1)])
        },
        Shape(name: "an empty payouts list is none", fields: #""payouts_per_country": []"#) { offer in
            #expect(offer.countryPayouts == []); #expect(offer.isValid)
        },
        Shape(
            name: "an unreadable payout row is named, the readable ones kept",
            fields: #""payouts_per_country": [{"country_iso": "US", "amount": 2.1}, {"country_iso": "CA", "amount": "n/a"}, {"amount": 1}]"#
        ) { offer in
            #expect(offer.countryPayouts == [CountryPayout(country: "US", amount: 2.1)])
            #expect(offer.invalidReasons == ["unreadable payout for CA", "unreadable payout row 3"])
        },
        // numbers, booleans
        Shape(name: "amount and epc as strings", fields: #""amount": "1.00", "epc": "0.12""#) { offer in
            #expect(offer.payout.amount == 1); #expect(offer.isValid)
        },
        Shape(name: "amount and epc as integers", fields: #""amount": 39, "epc": 2"#) { #expect($0.payout.amount == 39) },
        Shape(name: "daily_cap false is no cap", fields: #""daily_cap": false"#) { offer in
            #expect(offer.caps == []); #expect(offer.isValid)
        },
        Shape(name: "daily_cap a number is a daily cap", fields: #""daily_cap": 500"#) {
            #expect($0.caps == [OfferCap(period: "day", type: "conversions", value: 500)])
        },
        Shape(name: "is_fast_pay true", fields: #""is_fast_pay": true"#) { #expect($0.isValid && $0.rawJSON.contains(#""is_fast_pay":true"#)) },
        Shape(name: "is_fast_pay 1", fields: #""is_fast_pay": 1"#) { #expect($0.isValid && $0.rawJSON.contains(#""is_fast_pay":1"#)) },
        Shape(name: "is_fast_pay \"1\"", fields: #""is_fast_pay": "1""#) { #expect($0.isValid && $0.rawJSON.contains(#""is_fast_pay":"1""#)) },
        // creatives
        Shape(
            name: "creatives as an object with og_image and screenshot",
            fields:
                #""creatives": {"url": "https:\/\/cdn.cpalead.com\/icon.png", "og_image": "https:\/\/cdn.cpalead.com\/og.png", "screenshot": "https:\/\/cdn.cpalead.com\/s.png"}"#
        ) {
            #expect($0.logoURL == "https://cdn.cpalead.com/icon.png")
        },
        Shape(name: "creatives as an object with only og_image", fields: #""creatives": {"og_image": "https://cdn.cpalead.com/og.png"}"#) {
            #expect($0.logoURL == "https://cdn.cpalead.com/og.png")
        },
        Shape(
            name: "creatives as an old list of size and url",
            fields:
                #""creatives": [{"size": "300x250", "url": "https://cdn.cpalead.com/300.png"}, {"size": "728x90", "url": "https://cdn.cpalead.com/728.png"}]"#
        ) {
            #expect($0.logoURL == "https://cdn.cpalead.com/300.png")
        },
        // countries
        Shape(name: "countries as a list", fields: #""countries": ["US", "CA"]"#) { #expect($0.countries == ["CA", "US"]) },
        Shape(name: "countries as a delimited string", fields: #""countries": "US,CA""#) { #expect($0.countries == ["CA", "US"]) },
        Shape(name: "countries all is every country", fields: #""countries": "all""#) { offer in
            #expect(offer.countries == []); #expect(offer.isValid)
        },
        // id
        Shape(name: "id as a number", fields: "", idField: #""id": 18231"#) { #expect($0.key.externalID == "18231") },
        Shape(name: "id as a string", fields: "", idField: #""id": "18231""#) { #expect($0.key.externalID == "18231") },
        Shape(name: "old answer with campid and rank", fields: "", idField: #""campid": 18231, "rank": 4"#) { offer in
            #expect(offer.key.externalID == "18231"); #expect(offer.rank == 4)
        },
        // PHP's json_encode
        Shape(
            name: "PHP escapes: slashes, \\u escapes and surrogate pairs",
            fields: #""title": "Caf\u00e9 Quest \ud83c\udfae", "link": "https:\/\/www.cpalead.com\/view.php?id=1&pub=2&subid=""#
        ) { offer in
            #expect(offer.title == "Café Quest 🎮")
            #expect(offer.trackingURL == "https://www.cpalead.com/view.php?id=1&pub=2&subid=")
            #expect(offer.isValid)
        }
    ]

    @Test(arguments: shapes)
    func aRealShapeIsReadThroughTheAdapter(_ shape: Shape) async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setRawAnswer(Shape.answer([shape.entry]), publisherID: "p1")
            let result = try await h.source(h.config()).fetchOffers(FetchRequest(kind: .full))
            #expect(result.skipped.isEmpty)
            let offer = try #require(result.offers.first)
            shape.check(offer)
        }
    }

    @Test func theSameOfferWithAnIdAsANumberOrAStringIsOneOffer() async throws {
        try await FakeCPAleadHarness.with { h in
            let source = h.source(h.config())
            var read: [DemandOffer] = []
            for id in [#""id": 18231"#, #""id": "18231""#, #""campid": "18231""#] {
                await h.server.setRawAnswer(Shape.answer([Shape(name: id, fields: "", idField: id) { _ in }.entry]), publisherID: "p1")
                read.append(try #require(try await source.fetchOffers(FetchRequest(kind: .full)).offers.first))
            }
            #expect(Set(read.map(\.key)).count == 1)
            #expect(Set(read.map(\.contentHash)).count == 1)
        }
    }

    @Test func aStatusOtherThanSuccessInHTTP200FailsTheFetch() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setRawAnswer(#"{"status":"error","message":"Invalid publisher ID \/ suspended","offers":[]}"#, publisherID: "p1")
            let failure = try #require(await h.failure(of: h.source(h.config())))
            #expect(failure.reason == #"source cpalead: answered status "error": "Invalid publisher ID / suspended""#)
            #expect(failure.httpStatus == 200)
        }
    }

    // MARK: End to end

    /// A feed of an iOS offer in CPAlead's words with a `country_iso` payout row, and an Android one.
    static let iosAndAndroidFeed = Shape.answer([
        Shape(
            name: "ios", fields: #""device": "iphone_ipad", "amount": "1.00", "payouts_per_country": [{"country_iso": "US", "amount": 2.1}]"#,
            idField: #""id": 501"#
        ) { _ in }.entry,
        Shape(name: "android", fields: "", idField: #""id": 502"#) { _ in }.entry
    ])

    /// Runs `body` in a rules world on `kind` whose next sync has `iosAndAndroidFeed` as fetched
    /// by the adapter from the fake CPAlead.
    func withFetchedFeed(_ kind: PlatformUnderTest, _ body: (RulesWorld) async throws -> Void) async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setRawAnswer(Self.iosAndAndroidFeed, publisherID: "p1")
            let fetched = try await h.source(h.config()).fetchOffers(FetchRequest(kind: .full))
            try await RulesWorld.with(kind) { world in
                try world.feed(fetched.offers)
                try await body(world)
            }
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func anIOSCampaignPlacesAnIphoneIpadOfferWithItsCountryPayout(kind: PlatformUnderTest) async throws {
        try await withFetchedFeed(kind) { world in
            try world.apply(RulesWorld.campaign(percent: 50, filters: CampaignFilters(devices: ["ios"])))
            let outcome = try await world.sync()
            #expect(outcome.created == 1 && outcome.failed == 0)
            let offer = try #require(try await world.platformOffer("501"))
            let payments = try #require(offer.fields.payments)
            #expect(payments.map(\.countries) == [["US"], ["CA"]])
            #expect(payments.map(\.total) == [2.1, 1.0])
            #expect(payments.map(\.revenue) == [1.05, 0.5])
            #expect(payments.allSatisfy { $0.os == ["ios"] })
            #expect(try world.store.placements(for: OfferKey(sourceID: RulesWorld.sourceID, externalID: "502")).isEmpty)
            if let affise = world.harness.affise {
                let create = try #require(await affise.requests().first { $0.endpoint == .create })
                #expect(create.values("payments[0][countries][]") == ["US"])
                #expect(create.values("payments[0][os][]") == ["ios"])
                #expect(create.values("payments[1][os][]") == ["ios"])
            }
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func iOSAndAndroidOffersArePushedWithTheirOS(kind: PlatformUnderTest) async throws {
        try await withFetchedFeed(kind) { world in
            try world.apply(RulesWorld.campaign())
            #expect(try await world.sync().created == 2)
            let ios = try #require(try await world.platformOffer("501"))
            let android = try #require(try await world.platformOffer("502"))
            #expect(ios.fields.payments?.map(\.os) == [["ios"], ["ios"]])
            #expect(android.fields.payments?.map(\.os) == [["android"]])
        }
    }
}
