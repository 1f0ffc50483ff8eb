import Foundation
import Testing
@testable import CPAPIKit

/// The words of an offer's change: what the `offer_changed` event says.
@Suite struct OfferChangeSummaryTests {
    static func offer(_ change: (inout DemandOffer) -> Void = { _ in }) -> DemandOffer {
        var offer = DemandOffer(
            key: OfferKey(sourceID: "apps", externalID: "200499"), title: "Stash - Sign up",
            previewURL: "https://example.com/p", trackingURL: "https://example.com/t?k=1",
            payout: Payout(amount: 2.52, currency: "USD", model: "CPI"),
            countryPayouts: [CountryPayout(country: "CA", amount: 2), CountryPayout(country: "US", amount: 2.52)],
            countries: ["CA", "US"], devices: ["android", "ios"], categories: ["Finance"], statusAtSource: "active")
        change(&offer)
        return offer
    }

    func text(_ change: (inout DemandOffer) -> Void) -> String {
        OfferChangeSummary(from: Self.offer(), to: Self.offer(change)).text
    }

    @Test func payoutInOneCurrencyAndACountryAdded() {
        #expect(
            text {
                $0.payout.amount = 2.82
                $0.countries = ["CA", "NZ", "US"]
            } == "payout 2.52 → 2.82 USD; countries +NZ")
    }

    @Test func aChangeOfCurrencyShowsBothSides() {
        #expect(text { $0.payout = Payout(amount: 2.4, currency: "EUR", model: "CPI") } == "payout 2.52 USD → 2.40 EUR")
        #expect(text { $0.payout.amount = nil } == "payout 2.52 → — USD")
    }

    @Test func aFractionOfACentIsNotHidden() {
        #expect(text { $0.payout.amount = 2.525 } == "payout 2.52 → 2.525 USD")
    }

    @Test func listsSayWhatWasAddedAndRemoved() {
        #expect(text { $0.countries = ["DE", "US"] } == "countries +DE -CA")
        #expect(text { $0.devices = ["ios"] } == "devices -android")
        #expect(text { $0.categories = ["Finance", "Games"] } == "categories +Games")
        #expect(
            text { $0.countries = ["AT", "BE", "CA", "DE", "ES", "FR", "GB", "IT", "US"] } == "countries +AT +BE +DE +ES +FR +GB (+1 more)")
    }

    @Test func perCountryPayoutsChangedAddedAndRemoved() {
        #expect(
            text { $0.countryPayouts = [CountryPayout(country: "GB", amount: 1.5), CountryPayout(country: "US", amount: 3)] }
                == "per-country -CA, +GB 1.50, US 2.52 → 3.00")
    }

    @Test func statusTitleValidityAndLinks() {
        #expect(text { $0.statusAtSource = "paused" } == "status at source active → paused")
        #expect(text { $0.title = "Stash - Invest" } == "title “Stash - Sign up” → “Stash - Invest”")
        #expect(text { $0.invalidReasons = ["no tracking link"] } == "invalid: no tracking link")
        #expect(text { $0.trackingURL = "https://example.com/t?k=2" } == "tracking link changed", "a link may carry a token: not shown")
        #expect(text { $0.previewURL = nil } == "preview link changed")
        #expect(text { $0.payout.model = "CPA" } == "model CPI → CPA")
        #expect(text { $0.caps = [OfferCap(period: "day", type: "conversions", value: 50)] } == "caps none → 50.00 conversions/day")
        #expect(text { $0.description = "new" } == "description changed")
    }

    @Test func validAgainAfterBeingInvalid() {
        let invalid = Self.offer { $0.invalidReasons = ["no payout"] }
        #expect(OfferChangeSummary(from: invalid, to: Self.offer()).text == "valid again")
    }

    @Test func severalChangesInAFixedOrderAndNothingComparedSaysSo() {
        #expect(
            text {
                $0.devices = ["ios"]
                $0.title = "T"
                $0.payout.amount = 3
            } == "title “Stash - Sign up” → “T”; payout 2.52 → 3.00 USD; devices -android")
        #expect(OfferChangeSummary(from: Self.offer(), to: Self.offer { $0.rank = 4 }).changes.isEmpty)
        #expect(OfferChangeSummary(from: Self.offer(), to: Self.offer { $0.rank = 4 }).text == "changed at the source")
    }
}
