import Foundation
import Testing
@testable import CPAPIKit

@Suite struct DesiredOfferBuilderTests {
    typealias F = CampaignFixtures

    @Test func payoutPercentAppliesToEveryPaymentRow() {
        let offer = F.offer(
            amount: 1.0, countries: ["CA", "DE", "US"],
            countryPayouts: [CountryPayout(country: "CA", amount: 0.6), CountryPayout(country: "US", amount: 0.85)],
            devices: ["android"])
        let payments = DesiredOfferBuilder.payments(for: offer, payoutPercent: 70)
        #expect(
            payments == [
                PlatformPayment(countries: ["CA"], os: ["android"], total: 0.6, revenue: 0.42, currency: "USD"),
                PlatformPayment(countries: ["US"], os: ["android"], total: 0.85, revenue: 0.595, currency: "USD"),
                PlatformPayment(countries: ["DE"], os: ["android"], total: 1.0, revenue: 0.7, currency: "USD")
            ])
    }

    @Test func defaultPayoutCoversAllCountriesOrTheWorld() {
        let all = DesiredOfferBuilder.payments(for: F.offer(countries: ["CA", "US"], devices: []), payoutPercent: 50)
        #expect(all == [PlatformPayment(countries: ["CA", "US"], total: 1.0, revenue: 0.5, currency: "USD")])
        let world = DesiredOfferBuilder.payments(for: F.offer(countries: [], devices: []), payoutPercent: 50)
        #expect(world == [PlatformPayment(countries: [], total: 1.0, revenue: 0.5, currency: "USD")])
        let covered = DesiredOfferBuilder.payments(
            for: F.offer(countries: ["US"], countryPayouts: [CountryPayout(country: "US", amount: 2)], devices: []),
            payoutPercent: 50)
        #expect(covered == [PlatformPayment(countries: ["US"], total: 2, revenue: 1, currency: "USD")])
    }

    @Test func revenueIsRoundedToFourDecimals() {
        #expect(DesiredOfferBuilder.revenue(total: 0.33333, payoutPercent: 33.3) == 0.111)
        #expect(DesiredOfferBuilder.revenue(total: 1.23456, payoutPercent: 100) == 1.2346)
    }

    @Test func devicesSplitIntoOperatingSystemsAndDeviceKinds() {
        let payments = DesiredOfferBuilder.payments(for: F.offer(devices: ["android", "ios", "mobile", "tablet"]), payoutPercent: 100)
        #expect(payments.first?.os == ["android", "ios"])
        #expect(payments.first?.devices == ["mobile", "tablet"])
    }

    @Test func trackingParamsAreAppendedWithMacrosKept() {
        let params = "subid={clickid}&subid2={pid}"
        #expect(
            DesiredOfferBuilder.trackingURL("https://a.example/v.php?id=1", appending: params)
                == "https://a.example/v.php?id=1&subid={clickid}&subid2={pid}")
        #expect(
            DesiredOfferBuilder.trackingURL("https://a.example/go", appending: params)
                == "https://a.example/go?subid={clickid}&subid2={pid}")
        #expect(DesiredOfferBuilder.trackingURL("https://a.example/go?", appending: "&s={sub1}") == "https://a.example/go?s={sub1}")
        #expect(DesiredOfferBuilder.trackingURL("https://a.example/go#x", appending: "s={sub1}") == "https://a.example/go?s={sub1}#x")
        #expect(DesiredOfferBuilder.trackingURL("https://a.example/go?a=1", appending: nil) == "https://a.example/go?a=1")
        // CPAlead's links carry an empty `subid=`: the source's param fills it instead of repeating it.
        #expect(
            DesiredOfferBuilder.trackingURL("https://www.cpalead.com/view.php?id=1&pub=2&subid=", appending: "subid={clickid}&subid2={pid}")
                == "https://www.cpalead.com/view.php?id=1&pub=2&subid={clickid}&subid2={pid}")
    }

    @Test func statusDefaultMapsToPlatformStatus() {
        let offered = F.offer(statusAtSource: "active")
        let notOffered = F.offer(statusAtSource: "paused")
        #expect(DesiredOfferBuilder.campaignStatus(.active, offer: notOffered) == .active)
        #expect(DesiredOfferBuilder.campaignStatus(.paused, offer: offered) == .suspended)
        #expect(DesiredOfferBuilder.campaignStatus(.disabled, offer: offered) == .stopped)
        #expect(DesiredOfferBuilder.campaignStatus(.source, offer: offered) == .active)
        #expect(DesiredOfferBuilder.campaignStatus(.source, offer: notOffered) == .suspended)
    }

    @Test func desiredOfferCarriesTheCampaignDefaultsAndTheOffer() {
        var campaign = F.campaign(status: .active, percent: 80)
        campaign.defaults.privacy = .protected
        campaign.defaults.redirectType = "http302hidden"
        campaign.defaults.overcap = true
        campaign.defaults.geoRestriction = true
        let offer = F.offer()
        let desired = F.desired(campaign, offer)
        #expect(desired.title == "Play the game")
        #expect(desired.url == "https://www.cpalead.com/view.php?id=18231&subid={clickid}")
        #expect(desired.previewURL == "https://play.example/app")
        #expect(desired.externalOfferID == "18231")
        #expect(desired.advertiser == "adv1")
        #expect(desired.privacy == .protected)
        #expect(desired.categories == ["Games"])
        #expect(desired.redirectType == "http302hidden")
        #expect(desired.isRedirectOvercap == true)
        #expect(desired.strictlyCountry == true)
        #expect(desired.caps == [PlatformCap(period: "day", type: "conversions", value: 500)])
        #expect(desired.payments?.first?.revenue == 0.8)
        campaign.defaults.categories = ["Featured"]
        #expect(F.desired(campaign, offer).categories == ["Featured"])
    }
}
