import Foundation
@testable import CPAPIKit

/// Values the pure campaign tests build on.
enum CampaignFixtures {
    static let t0 = Date(timeIntervalSince1970: 1_750_000_000)
    static let settings = SyncSettings(missingGrace: 7200)

    static func offer(
        _ id: String = "18231", source: String = "cpalead", amount: Double = 1.0,
        countries: [String] = ["US"], countryPayouts: [CountryPayout] = [],
        devices: [String] = ["android"], currency: String = "USD",
        title: String = "Play the game", description: String? = "Install and play",
        statusAtSource: String? = "active", missingSince: Date? = nil,
        invalidReasons: [String] = []
    ) -> DemandOffer {
        DemandOffer(
            key: OfferKey(sourceID: source, externalID: id), title: title, description: description,
            previewURL: "https://play.example/app", trackingURL: "https://www.cpalead.com/view.php?id=\(id)",
            payout: Payout(amount: amount, currency: currency, model: "CPI"), countryPayouts: countryPayouts,
            countries: countries, devices: devices, caps: [OfferCap(period: "day", type: "conversions", value: 500)],
            categories: ["Games"], statusAtSource: statusAtSource, invalidReasons: invalidReasons,
            contentHash: "h-\(id)-\(amount)-\(title)", missingSince: missingSince)
    }

    static func campaign(
        _ id: String = "tier1", status: StatusDefault = .source, percent: Double = 70,
        filters: CampaignFilters = CampaignFilters(), rules: [SyncField: SyncRule] = [:],
        enabled: Bool = true, deletedAt: Date? = nil
    ) -> Campaign {
        Campaign(
            id: id, enabled: enabled, deletedAt: deletedAt, sources: ["cpalead"],
            defaults: CampaignDefaults(advertiser: "adv1", payoutPercent: percent, status: status),
            filters: filters, syncRules: rules)
    }

    static func desired(_ campaign: Campaign, _ offer: DemandOffer, params: String? = "subid={clickid}") -> PlatformOfferFields {
        DesiredOfferBuilder.desired(campaign: campaign, offer: offer, trackingParams: params)
    }

    /// A placement as the engine leaves it after a successful create of `desired` (observed as pushed).
    static func livePlacement(
        _ campaign: Campaign, _ offer: DemandOffer, pushed: PlatformOfferFields,
        observedStatus: PlatformStatus? = nil, state: PlacementState = .live,
        id: Int = 101
    ) -> Placement {
        var observed = pushed
        observed.status = observedStatus ?? pushed.status
        return Placement(
            id: 1, campaignID: campaign.id, offerKey: offer.key, platformOfferID: id, state: state,
            lastPushed: pushed, lastPushedAt: t0, lastObserved: observed,
            lastObservedAt: t0.addingTimeInterval(60))
    }

    static func plan(
        _ campaign: Campaign, _ offer: DemandOffer?, _ placement: Placement?, now: Date = t0,
        source: SourceState = SourceState(), params: String? = "subid={clickid}"
    ) -> PlacementPlan {
        PlacementPlanner.plan(
            campaign: campaign, offer: offer, placement: placement,
            desired: offer.map { desired(campaign, $0, params: params) },
            settings: settings, now: now, source: source)
    }
}
