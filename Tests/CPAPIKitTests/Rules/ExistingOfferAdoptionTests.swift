import Testing
@testable import CPAPIKit

/// Which offer already in the platform a new placement adopts (a lost workspace's), as a pure decision.
@Suite struct ExistingOfferAdoptionTests {
    typealias F = CampaignFixtures

    /// An offer with external id 18231 paying 2.0 (tier1's 70% is 1.4).
    static func listed(
        _ id: Int, external: String? = "18231", advertiser: String? = "adv1", privacy: Privacy = .public,
        revenue: Double = 1.4
    ) -> PlatformOffer {
        PlatformOffer(
            id: id,
            fields: PlatformOfferFields(
                externalOfferID: external, advertiser: advertiser, privacy: privacy,
                payments: [PlatformPayment(countries: ["US"], total: 2, revenue: revenue, currency: "USD")]))
    }

    struct Row: Sendable, CustomTestStringConvertible {
        let name: String
        let candidates: [PlatformOffer]
        var taken: Set<Int> = []
        var shared = false
        /// `adopt N`, `create`, or `ambiguous`.
        let expected: String

        var testDescription: String { name }
    }

    static let table: [Row] = [
        Row(name: "nothing listed: create", candidates: [], expected: "create"),
        Row(name: "one that fits: adopt", candidates: [listed(7)], expected: "adopt 7"),
        Row(
            name: "one that fits among other advertisers' offers: adopt",
            candidates: [listed(3, advertiser: "other"), listed(7), listed(9, advertiser: "other")], expected: "adopt 7"),
        Row(name: "two that fit: ambiguous", candidates: [listed(3), listed(7)], expected: "ambiguous"),
        Row(
            name: "two that fit, one held by a placement: adopt the other", candidates: [listed(3), listed(7)], taken: [3],
            expected: "adopt 7"),
        Row(name: "only held ones: create", candidates: [listed(3)], taken: [3], expected: "create"),
        Row(name: "another advertiser's only: not ours, create", candidates: [listed(3, advertiser: "other")], expected: "create"),
        Row(
            name: "another external id (an operator's copy): create",
            candidates: [listed(3, external: "cpapi-copy-of-2"), listed(4, external: nil)], expected: "create"),
        Row(
            name: "other percent, no other campaign: ours with a changed percent, adopt",
            candidates: [listed(3, revenue: 1.0)], expected: "adopt 3"),
        Row(name: "other privacy, no other campaign: adopt", candidates: [listed(3, privacy: .private)], expected: "adopt 3"),
        Row(
            name: "other percent, another campaign places it: ambiguous", candidates: [listed(3, revenue: 1.0)], shared: true,
            expected: "ambiguous"),
        Row(
            name: "fits, another campaign places it: adopt", candidates: [listed(3), listed(5, revenue: 1.0)], shared: true,
            expected: "adopt 3"),
        Row(
            name: "two of other percents, no other campaign: ambiguous",
            candidates: [listed(3, revenue: 1.0), listed(5, revenue: 0.5)], expected: "ambiguous"),
        Row(
            name: "one fits, one of another percent, no other campaign: adopt the fitting one",
            candidates: [listed(3, revenue: 1.0), listed(5)], expected: "adopt 5")
    ]

    @Test(arguments: table)
    func decides(_ row: Row) {
        let verdict = ExistingOfferAdoption.verdict(
            campaign: F.campaign(percent: 70), externalID: "18231",
            candidates: row.candidates, taken: row.taken,
            sharedWithOtherCampaigns: row.shared)
        switch verdict {
        case .adopt(let id): #expect(row.expected == "adopt \(id)")
        case .notFound: #expect(row.expected == "create")
        case .ambiguous: #expect(row.expected == "ambiguous")
        }
    }

    @Test func theReasonNamesTheOffersAndWhatToDo() {
        let verdict = ExistingOfferAdoption.verdict(
            campaign: F.campaign(), externalID: "18231",
            candidates: [Self.listed(7), Self.listed(3)], taken: [],
            sharedWithOtherCampaigns: false)
        guard case .ambiguous(let why) = verdict else { Issue.record("expected ambiguous, got \(verdict)"); return }
        #expect(why.contains("offers 3, 7") && why.contains("18231") && why.contains("delete the extra"))
    }

    @Test func aCampaignWithoutAdvertiserJudgesByPrivacyAndPercent() {
        var campaign = F.campaign()
        campaign.defaults.advertiser = nil
        #expect(
            ExistingOfferAdoption.verdict(
                campaign: campaign, externalID: "18231",
                candidates: [Self.listed(3, advertiser: "any")], taken: [],
                sharedWithOtherCampaigns: false) == .adopt(3))
    }
}
