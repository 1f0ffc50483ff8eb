import Foundation

/// One offer as its source last sent it, normalised. The key is (source id, external id).
public struct DemandOffer: Sendable, Codable, Equatable {
    public var key: OfferKey
    public var title: String?
    public var description: String?
    /// What the user must do to convert ("Install and open the app").
    public var conversion: String?
    public var previewURL: String?
    /// The advertiser's tracking link as sent (the source's tracking params are appended at push time).
    public var trackingURL: String?
    public var payout: Payout
    /// Per-country payouts, sorted by country code.
    public var countryPayouts: [CountryPayout]
    /// Two-letter country codes, upper-case, sorted.
    public var countries: [String]
    /// Devices / OS, lower-case, sorted (`android`, `ios`, `desktop`, `mobile`).
    public var devices: [String]
    public var caps: [OfferCap]
    public var categories: [String]
    /// Status at the source (`active` when the source offers it).
    public var statusAtSource: String?
    public var logoURL: String?
    public var rank: Int?
    /// Every field the source sent, as canonical JSON (credentials redacted), for the details screen.
    public var rawJSON: String
    /// Why the offer is invalid; empty means valid.
    public var invalidReasons: [String]
    /// Hash of the normalised content (not of `rawJSON` field order); changes when what we would push changes.
    public var contentHash: String

    // Maintained by the store.
    public var firstSeenAt: Date?
    /// When the content last changed.
    public var updatedAt: Date?
    /// Set when a full fetch no longer returned the offer ("not in feed"); nil while it is in the feed.
    public var missingSince: Date?
    /// When a full fetch last returned it, recorded when it went missing (while in the feed, the source's last full fetch).
    public var lastSeenAt: Date?

    public var isValid: Bool { invalidReasons.isEmpty }
    public var inFeed: Bool { missingSince == nil }

    public init(
        key: OfferKey, title: String? = nil, description: String? = nil, conversion: String? = nil,
        previewURL: String? = nil, trackingURL: String? = nil, payout: Payout = Payout(),
        countryPayouts: [CountryPayout] = [], countries: [String] = [], devices: [String] = [],
        caps: [OfferCap] = [], categories: [String] = [], statusAtSource: String? = nil,
        logoURL: String? = nil, rank: Int? = nil, rawJSON: String = "{}", invalidReasons: [String] = [],
        contentHash: String = "", firstSeenAt: Date? = nil, updatedAt: Date? = nil,
        missingSince: Date? = nil, lastSeenAt: Date? = nil
    ) {
        self.key = key; self.title = title; self.description = description; self.conversion = conversion
        self.previewURL = previewURL; self.trackingURL = trackingURL; self.payout = payout
        self.countryPayouts = countryPayouts; self.countries = countries; self.devices = devices
        self.caps = caps; self.categories = categories; self.statusAtSource = statusAtSource
        self.logoURL = logoURL; self.rank = rank; self.rawJSON = rawJSON; self.invalidReasons = invalidReasons
        self.contentHash = contentHash; self.firstSeenAt = firstSeenAt; self.updatedAt = updatedAt
        self.missingSince = missingSince; self.lastSeenAt = lastSeenAt
    }
}

/// The default payout of an offer: what the advertiser pays when no per-country payout applies.
public struct Payout: Sendable, Codable, Equatable, Hashable {
    /// The most a conversion may pay, in any currency: larger amounts are typos or garbage
    /// (`1e308`), and their shares overflow to infinity, which no JSON column can hold.
    public static let maximumAmount: Double = 1_000_000
    /// The most a campaign may pay an affiliate, in percent of the advertiser's payout.
    public static let maximumPercent: Double = 1_000

    public var amount: Double?
    /// ISO 4217 code, upper-case.
    public var currency: String?
    /// The advertiser's payment model as sent (`CPI`, `CPA`, `CPE`, `CPR`).
    public var model: String?

    public init(amount: Double? = nil, currency: String? = nil, model: String? = nil) {
        self.amount = amount; self.currency = currency; self.model = model
    }
}

/// A payout that applies to one country.
public struct CountryPayout: Sendable, Codable, Equatable, Hashable {
    public var country: String
    public var amount: Double

    public init(country: String, amount: Double) { self.country = country; self.amount = amount }
}

/// A cap the source declares (CPAlead's `daily_cap`).
public struct OfferCap: Sendable, Codable, Equatable, Hashable {
    /// `day`, `month`, `all`.
    public var period: String
    /// `conversions`, `budget`.
    public var type: String
    public var value: Double

    public init(period: String, type: String, value: Double) {
        self.period = period; self.type = type; self.value = value
    }
}
