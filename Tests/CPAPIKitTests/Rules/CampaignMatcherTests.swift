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
        #expect(low == ["payout 0.4 is below the minimum 0.5"])
        #expect(!CampaignMatcher.verdict(campaign, F.offer(amount: 10.01)).isMatch)
        guard case .outOfFilter(let reasons) = CampaignMatcher.verdict(campaign, F.offer(amount: 20, currency: "EUR")) else {
            Issue.record("EUR at 20 must fail two filters"); return
        }
        #expect(reasons.count == 2)
    }
}
