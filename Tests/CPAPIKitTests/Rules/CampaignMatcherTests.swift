import Foundation
import Testing
@testable import CPAPIKit

@Suite struct CampaignMatcherTests {
    typealias F = CampaignFixtures

    @Test func campaignCoversItsSourcesAndItsSingleOffers() {
        let bySource = F.campaign()
        #expect(CampaignMatcher.verdict(bySource, F.offer()) == .matches)
        #expect(CampaignMatcher.verdict(bySource, F.offer(source: "other")) == .notCovered)
        let byOffer = Campaign(id: "one", offers: [OfferKey(sourceID: "other", externalID: "7")])
        #expect(CampaignMatcher.verdict(byOffer, F.offer("7", source: "other")) == .matches)
        #expect(CampaignMatcher.verdict(byOffer, F.offer("8", source: "other")) == .notCovered)
    }

    @Test func onlyValidOffersMatch() {
        let verdict = CampaignMatcher.verdict(F.campaign(), F.offer(invalidReasons: ["no preview URL"]))
        #expect(verdict == .invalid(["no preview URL"]))
    }

    @Test func countriesFilterNeedsAnOverlapAndWorldwideOffersPass() {
        let campaign = F.campaign(filters: CampaignFilters(countries: ["US", "CA"]))
        #expect(CampaignMatcher.verdict(campaign, F.offer(countries: ["CA", "MX"])).isMatch)
        #expect(!CampaignMatcher.verdict(campaign, F.offer(countries: ["DE"])).isMatch)
        #expect(CampaignMatcher.verdict(campaign, F.offer(countries: [])).isMatch)
        let perCountry = F.offer(countries: ["DE"], countryPayouts: [CountryPayout(country: "US", amount: 2)])
        #expect(CampaignMatcher.verdict(campaign, perCountry).isMatch)
    }

    @Test func devicesFilterTreatsPhoneSystemsAsMobile() {
        let mobile = F.campaign(filters: CampaignFilters(devices: ["mobile"]))
        #expect(CampaignMatcher.verdict(mobile, F.offer(devices: ["ios"])).isMatch)
        #expect(!CampaignMatcher.verdict(mobile, F.offer(devices: ["desktop"])).isMatch)
        let android = F.campaign(filters: CampaignFilters(devices: ["android"]))
        #expect(CampaignMatcher.verdict(android, F.offer(devices: ["mobile"])).isMatch)
        #expect(!CampaignMatcher.verdict(android, F.offer(devices: ["ios"])).isMatch)
        #expect(CampaignMatcher.verdict(android, F.offer(devices: [])).isMatch)
    }

    @Test func currencyAndPayoutBoundsFilterOnTheDefaultAmount() {
        let campaign = F.campaign(filters: CampaignFilters(currencies: ["usd"], payoutMin: 0.5, payoutMax: 10))
        #expect(CampaignMatcher.verdict(campaign, F.offer(amount: 0.5)).isMatch)
        #expect(CampaignMatcher.verdict(campaign, F.offer(amount: 10)).isMatch)
        guard case .outOfFilter(let low) = CampaignMatcher.verdict(campaign, F.offer(amount: 0.4)) else {
            Issue.record("a payout below the minimum must fail"); return
        }
        #expect(low == [.payoutMin(amount: 0.4, min: 0.5)])
        #expect(low.map(\.description) == ["payout 0.4 is below the minimum 0.5"], "the planner's reason, word for word")
        #expect(!CampaignMatcher.verdict(campaign, F.offer(amount: 10.01)).isMatch)
        guard case .outOfFilter(let reasons) = CampaignMatcher.verdict(campaign, F.offer(amount: 20, currency: "EUR")) else {
            Issue.record("EUR at 20 must fail two filters"); return
        }
        #expect(reasons.count == 2)
    }

    @Test func aFailedFilterNamesItsRuleAndBothValues() {
        let us = F.campaign("us", filters: CampaignFilters(countries: ["us", "CA"], devices: ["android"], payoutMin: 0.10))
        let brazil = CampaignMatcher.verdict(us, F.offer(countries: ["BR"]))
        #expect(brazil == .outOfFilter([.countries(offered: ["BR"], wanted: ["US", "CA"])]))
        #expect(brazil.summary == "countries BR not in US, CA", "the campaign's countries in its own order")
        let cheap = CampaignMatcher.verdict(us, F.offer(amount: 0.05))
        #expect(cheap == .outOfFilter([.payoutMin(amount: 0.05, min: 0.10)]))
        #expect(cheap.summary == "payout 0.05 below payout_min 0.10")
        let ios = CampaignMatcher.verdict(us, F.offer(devices: ["ios"]))
        #expect(ios.summary == "devices ios not in android")
        guard case .outOfFilter(let failures) = ios else { Issue.record("ios fails the devices filter"); return }
        #expect(failures.map(\.rule) == ["devices"])
        #expect(CampaignMatcher.verdict(us, F.offer(invalidReasons: ["no tracking link"])).summary == "invalid (no tracking link)")
        #expect(CampaignMatcher.verdict(us, F.offer()).summary == "matches")
    }

    @Test func everyFailedFilterIsListedInTheFiltersOrder() {
        let campaign = F.campaign(
            filters: CampaignFilters(
                countries: ["DE"], devices: ["desktop"], currencies: ["EUR"],
                payoutMin: 2, payoutMax: 0.5))
        let verdict = CampaignMatcher.verdict(campaign, F.offer(amount: 1.125))
        guard case .outOfFilter(let failures) = verdict else { Issue.record("fails every filter"); return }
        #expect(failures.map(\.rule) == ["countries", "devices", "currencies", "payout_min", "payout_max"])
        #expect(
            verdict.summary == "countries US not in DE; devices android not in desktop; currency USD not in EUR; "
                + "payout 1.125 below payout_min 2.00; payout 1.125 above payout_max 0.50")
        var unpaid = F.offer()
        unpaid.payout.amount = nil
        #expect(
            CampaignMatcher.filterFailures(CampaignFilters(payoutMin: 0.1), unpaid).map(\.summary)
                == ["no default payout to compare with payout_min 0.10"])
    }
}
