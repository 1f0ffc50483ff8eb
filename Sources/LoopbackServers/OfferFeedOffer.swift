import CPAPIKit
import Foundation

/// One offer as the fake CPAlead feed holds it, typed; `FakeCPAleadOfferEncoder` writes it in
/// CPAlead's wire shape (tidy or untidy).
public struct OfferFeedOffer: Sendable, Equatable {
    public var id: Int
    public var title: String
    public var description: String
    public var conversion: String
    /// `android`, `ios`, `desktop` (one or more).
    public var devices: [String]
    public var dailyCap: Int?
    public var link: String
    public var previewLink: String
    public var amount: Double
    public var currency: String
    /// `CPI`, `CPA`, `CPE`, `CPR`.
    public var payoutType: String
    public var countries: [String]
    /// Per-country payouts (tier-1 countries), sorted by country.
    public var payoutsPerCountry: [CountryPayout]
    public var epc: Double
    public var iconURL: String?
    public var offerRank: Int
    public var featured: Bool
    public var isFastPay: Bool
    public var category: String?
    /// When the offer last changed at the advertiser (what `updated_since` filters on; not sent).
    public var updatedAt: Date

    public init(
        id: Int, title: String, description: String = "", conversion: String = "", devices: [String] = ["android"],
        dailyCap: Int? = nil, link: String, previewLink: String, amount: Double, currency: String = "USD",
        payoutType: String = "CPI", countries: [String] = ["US"], payoutsPerCountry: [CountryPayout] = [],
        epc: Double = 0, iconURL: String? = nil, offerRank: Int = 1, featured: Bool = false, isFastPay: Bool = false,
        category: String? = nil, updatedAt: Date = Date(timeIntervalSince1970: 1_735_689_600)
    ) {
        self.id = id; self.title = title; self.description = description; self.conversion = conversion
        self.devices = devices; self.dailyCap = dailyCap; self.link = link; self.previewLink = previewLink
        self.amount = amount; self.currency = currency; self.payoutType = payoutType; self.countries = countries
        self.payoutsPerCountry = payoutsPerCountry; self.epc = epc; self.iconURL = iconURL; self.offerRank = offerRank
        self.featured = featured; self.isFastPay = isFastPay; self.category = category; self.updatedAt = updatedAt
    }
}
