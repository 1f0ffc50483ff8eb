import Testing
@testable import CPAPIKit

/// Which offer found by external id a lost create takes over (rule 9), as a pure decision.
@Suite struct LostCreateAdoptionTests {
    typealias F = CampaignFixtures

    static func found(
        _ id: Int, advertiser: String = "adv1", privacy: Privacy = .public, total: Double = 2,
        revenue: Double = 1.4
    ) -> PlatformOffer {
        PlatformOffer(
            id: id,
            fields: PlatformOfferFields(
                externalOfferID: "18231", advertiser: advertiser, privacy: privacy,
                payments: [PlatformPayment(countries: ["US"], total: total, revenue: revenue, currency: "USD")]))
    }

    @Test func nothingFoundMeansCreateIt() {
        #expect(
            LostCreateAdoption.verdict(campaign: F.campaign(), candidates: [], taken: [], sharedWithOtherCampaigns: false)
                == .notFound)
    }

    @Test func theNewestFreeOfferIsTaken() {
        let verdict = LostCreateAdoption.verdict(
            campaign: F.campaign(), candidates: [Self.found(3), Self.found(9), Self.found(5)],
            taken: [9], sharedWithOtherCampaigns: false)
        #expect(verdict == .adopt(5))
    }

    @Test func onlyTakenOffersMeansCreateIt() {
        #expect(
            LostCreateAdoption.verdict(
                campaign: F.campaign(), candidates: [Self.found(3)], taken: [3],
                sharedWithOtherCampaigns: false) == .notFound)
    }

    @Test func withOtherCampaignsOnlyAnOfferThisCampaignCouldHaveMadeIsTaken() {
        // tier1 pays 70%: offer 4 pays 50% (another campaign's), offer 2 pays 70%.
        let candidates = [Self.found(2, revenue: 1.4), Self.found(4, revenue: 1.0)]
        #expect(
            LostCreateAdoption.verdict(
                campaign: F.campaign(percent: 70), candidates: candidates, taken: [],
                sharedWithOtherCampaigns: true) == .adopt(2))
        #expect(
            LostCreateAdoption.verdict(
                campaign: F.campaign(percent: 50), candidates: candidates, taken: [],
                sharedWithOtherCampaigns: true) == .adopt(4))
    }

    @Test func withOtherCampaignsAnOfferThatFitsNoneIsLeftAlone() {
        let verdict = LostCreateAdoption.verdict(
            campaign: F.campaign(percent: 70),
            candidates: [Self.found(4, revenue: 1.0), Self.found(6, privacy: .private)],
            taken: [], sharedWithOtherCampaigns: true)
        guard case .ambiguous(let why) = verdict else { Issue.record("expected ambiguous, got \(verdict)"); return }
        #expect(why.contains("offers 4, 6"))
    }

    @Test func anotherAdvertiserIsNotThisCampaigns() {
        #expect(!LostCreateAdoption.couldBeMade(by: F.campaign(), Self.found(1, advertiser: "someone-else").fields))
        #expect(LostCreateAdoption.couldBeMade(by: F.campaign(), Self.found(1).fields))
    }
}
