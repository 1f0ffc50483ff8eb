import Foundation
import Testing
@testable import CPAPIKit

/// The content hash: stable across wire formatting, sensitive to anything that would be pushed.
@Suite struct OfferContentHashTests {
    func parse(_ json: String) throws -> DemandOffer {
        let parser = CPAleadOfferParser(sourceID: "s", redactor: Redactor())
        return try parser.parse(JSONDecoder().decode(JSONValue.self, from: Data(json.utf8)), index: 0).get()
    }

    @Test func sameOfferWithOtherKeyOrderAndNumberFormattingHashesTheSame() throws {
        let first = try parse(CPAleadOfferParserTests.tidy)
        let second = try parse(
            """
            {"payouts_per_country": [{"country": "US", "payout": "0.850"}, {"country": "CA", "amount": "0.6"}],
             "offer_rank": "9", "countries": "CA,US", "creatives": {"url": "https://cdn.test/icon.png"},
             "amount": "0.85", "payout_currency": "usd", "payout_type": "cpi", "device": ["android"], "daily_cap": "500",
             "preview_link": " https://play.google.com/store/apps/details?id=com.example ",
             "link": "https://www.cpalead.com/view.php?id=1&pub=2&subid=", "conversion": "Install and open the app",
             "description": "Install and open", "title": "Example Puzzle - Install", "id": "18231", "category": ["Games"],
             "epc": "0.5", "featured": 1}
            """)
        #expect(first.contentHash == second.contentHash)
        #expect(first.rawJSON != second.rawJSON)
    }

    @Test func anyChangeToWhatWouldBePushedChangesTheHash() throws {
        let base = try parse(CPAleadOfferParserTests.tidy)
        let changes: [(String, (inout DemandOffer) -> Void)] = [
            ("title", { $0.title = "Other" }), ("description", { $0.description = nil }),
            ("conversion", { $0.conversion = "Reach level 5" }), ("preview", { $0.previewURL = "https://p.test/2" }),
            ("tracking", { $0.trackingURL = "https://t.test/2" }), ("amount", { $0.payout.amount = 0.86 }),
            ("currency", { $0.payout.currency = "EUR" }), ("model", { $0.payout.model = "CPA" }),
            ("country payout", { $0.countryPayouts[0].amount = 0.61 }), ("countries", { $0.countries = ["US"] }),
            ("devices", { $0.devices = ["android", "ios"] }), ("caps", { $0.caps = [] }),
            ("categories", { $0.categories = ["Apps"] }), ("status", { $0.statusAtSource = "paused" }),
            ("logo", { $0.logoURL = nil }), ("invalid reasons", { $0.invalidReasons = ["unreadable payout for CA"] })
        ]
        var seen: Set<String> = [base.contentHash]
        for (name, change) in changes {
            var changed = base
            change(&changed)
            let hash = OfferContentHash.hash(changed)
            #expect(hash != base.contentHash, "changing \(name) kept the hash")
            seen.insert(hash)
        }
        #expect(seen.count == changes.count + 1)
    }

    @Test func nilAndEmptyTextHashDifferently() {
        var a = DemandOffer(key: OfferKey(sourceID: "s", externalID: "1")); a.title = nil
        var b = a; b.title = ""
        #expect(OfferContentHash.hash(a) != OfferContentHash.hash(b))
    }

    @Test func rankAloneDoesNotChangeTheHash() throws {
        var offer = try parse(CPAleadOfferParserTests.tidy)
        offer.rank = 1
        #expect(OfferContentHash.hash(offer) == (try parse(CPAleadOfferParserTests.tidy)).contentHash)
    }
}
