import Foundation
import Testing
@testable import CPAPIKit

/// Every reason an offer is invalid, in its fixed wording.
@Suite struct OfferValidityTests {
    func valid() -> DemandOffer {
        DemandOffer(
            key: OfferKey(sourceID: "s", externalID: "1"), title: "T", previewURL: "https://p.test",
            trackingURL: "https://t.test/c?id=1", payout: Payout(amount: 1, currency: "USD", model: "CPI"))
    }

    @Test func aCompleteOfferIsValid() {
        #expect(OfferValidity.reasons(for: valid()) == [])
    }

    @Test func offerWithoutTitleIsInvalid() {
        var offer = valid(); offer.title = nil
        #expect(OfferValidity.reasons(for: offer) == ["no title"])
    }

    @Test func offerWithoutTrackingLinkIsInvalid() {
        var offer = valid(); offer.trackingURL = nil
        #expect(OfferValidity.reasons(for: offer) == ["no tracking link"])
    }

    @Test func offerWithANonWebTrackingLinkIsInvalid() {
        for link in ["ftp://t.test/x", "javascript:alert(1)", "www.cpalead.com/view.php", "https://"] {
            var offer = valid(); offer.trackingURL = link
            #expect(OfferValidity.reasons(for: offer) == ["invalid tracking link"], "\(link)")
        }
    }

    @Test func offerWithoutPreviewLinkIsInvalid() {
        var offer = valid(); offer.previewURL = nil
        #expect(OfferValidity.reasons(for: offer) == ["no preview link"])
    }

    @Test func offerWithoutPayoutIsInvalid() {
        var offer = valid(); offer.payout.amount = nil
        #expect(OfferValidity.reasons(for: offer) == ["no payout"])
    }

    @Test func offerWithNonPositivePayoutIsInvalid() {
        for amount in [0.0, -0.5] {
            var offer = valid(); offer.payout.amount = amount
            #expect(OfferValidity.reasons(for: offer) == ["non-positive payout"])
        }
    }

    @Test func offerWithAnAbsurdPayoutIsInvalid() {
        var offer = valid(); offer.payout.amount = 1e308
        #expect(OfferValidity.reasons(for: offer) == ["payout 1e+308 out of range (at most 1000000)"])
        offer = valid(); offer.payout.amount = .infinity
        #expect(OfferValidity.reasons(for: offer) == ["payout inf out of range (at most 1000000)"])
        offer = valid(); offer.countryPayouts = [CountryPayout(country: "US", amount: 2e6)]
        #expect(OfferValidity.reasons(for: offer) == ["payout 2000000.0 out of range (at most 1000000) for US"])
        offer = valid(); offer.payout.amount = 1_000_000
        #expect(OfferValidity.reasons(for: offer).isEmpty, "the limit itself is a payout")
    }

    @Test func offerWithUnknownCurrencyIsInvalid() {
        var offer = valid(); offer.payout.currency = "XYZ"
        #expect(OfferValidity.reasons(for: offer) == ["unknown currency XYZ"])
    }

    @Test func offerWithANegativeCountryPayoutIsInvalid() {
        var offer = valid()
        offer.countryPayouts = [CountryPayout(country: "CA", amount: -1), CountryPayout(country: "US", amount: 2)]
        #expect(OfferValidity.reasons(for: offer) == ["negative payout for CA"])
    }

    @Test func everyReasonIsGivenAtOnce() throws {
        let parser = CPAleadOfferParser(sourceID: "s", redactor: Redactor())
        let entry = try JSONDecoder().decode(
            JSONValue.self, from: Data(#"{"id": 9, "link": "nope", "amount": "0", "payout_currency": "xyz", "payouts_per_country": {"US": -2}}"#.utf8)
        )
        let offer = try parser.parse(entry, index: 0).get()
        #expect(
            offer.invalidReasons == [
                "no title", "invalid tracking link", "no preview link", "non-positive payout", "unknown currency XYZ", "negative payout for US"
            ])
    }

    @Test func aMissingCurrencyMeansUSD() throws {
        let parser = CPAleadOfferParser(sourceID: "s", redactor: Redactor())
        let entry = try JSONDecoder().decode(JSONValue.self, from: Data(#"{"id": 9, "amount": 1}"#.utf8))
        #expect(try parser.parse(entry, index: 0).get().payout.currency == "USD")
    }
}
