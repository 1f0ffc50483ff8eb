import Foundation

/// An offer's status in the platform, as Affise's API names it.
public enum PlatformStatus: String, Sendable, Codable, CaseIterable {
    /// Active.
    case active
    /// Paused in the UI.
    case suspended
    /// Disabled in the UI.
    case stopped
}

/// One payment row of a platform offer: what the advertiser pays (`total`) and the affiliate gets (`revenue`).
public struct PlatformPayment: Sendable, Codable, Equatable, Hashable {
    public var countries: [String]
    public var devices: [String]
    public var os: [String]
    public var total: Double
    public var revenue: Double
    public var currency: String
    /// `fixed` or `percent`.
    public var type: String
    public var goal: String?
    /// True: `countries` are the ones left out (Affise's `country_exclude`); nil or false: the ones paid.
    /// Kept so that a copy of such an offer targets what the original does.
    public var countryExclude: Bool?

    public init(
        countries: [String] = [], devices: [String] = [], os: [String] = [], total: Double,
        revenue: Double, currency: String, type: String = "fixed", goal: String? = nil,
        countryExclude: Bool? = nil
    ) {
        self.countries = countries; self.devices = devices; self.os = os; self.total = total
        self.revenue = revenue; self.currency = currency; self.type = type; self.goal = goal
        // Only `true` says something: a read-back's `false` is the same payment as one that never said.
        self.countryExclude = countryExclude == true ? true : nil
    }
}

/// A cap of a platform offer.
public struct PlatformCap: Sendable, Codable, Equatable, Hashable {
    public var period: String
    public var type: String
    public var value: Double

    public init(period: String, type: String, value: Double) {
        self.period = period; self.type = type; self.value = value
    }
}

/// The fields of a platform offer that a write sends. `nil` means "not sent" (left as it is);
/// for `externalOfferID`, an empty string removes it.
public struct PlatformOfferFields: Sendable, Codable, Equatable, Hashable {
    public var title: String?
    public var description: String?
    public var url: String?
    public var previewURL: String?
    public var externalOfferID: String?
    public var advertiser: String?
    public var status: PlatformStatus?
    public var privacy: Privacy?
    public var categories: [String]?
    public var redirectType: String?
    public var isRedirectOvercap: Bool?
    public var strictlyCountry: Bool?
    public var logo: String?
    public var payments: [PlatformPayment]?
    public var caps: [PlatformCap]?

    public init(
        title: String? = nil, description: String? = nil, url: String? = nil, previewURL: String? = nil,
        externalOfferID: String? = nil, advertiser: String? = nil, status: PlatformStatus? = nil,
        privacy: Privacy? = nil, categories: [String]? = nil, redirectType: String? = nil,
        isRedirectOvercap: Bool? = nil, strictlyCountry: Bool? = nil, logo: String? = nil,
        payments: [PlatformPayment]? = nil, caps: [PlatformCap]? = nil
    ) {
        self.title = title; self.description = description; self.url = url; self.previewURL = previewURL
        self.externalOfferID = externalOfferID; self.advertiser = advertiser; self.status = status
        self.privacy = privacy; self.categories = categories; self.redirectType = redirectType
        self.isRedirectOvercap = isRedirectOvercap; self.strictlyCountry = strictlyCountry; self.logo = logo
        self.payments = payments; self.caps = caps
    }

    /// True when the write would send nothing.
    public var isEmpty: Bool { self == PlatformOfferFields() }
}

/// An offer as the platform reports it.
public struct PlatformOffer: Sendable, Codable, Equatable {
    public var id: Int
    public var fields: PlatformOfferFields
    public var updatedAt: Date?

    public init(id: Int, fields: PlatformOfferFields, updatedAt: Date? = nil) {
        self.id = id; self.fields = fields; self.updatedAt = updatedAt
    }

    public var status: PlatformStatus? { fields.status }
    /// The external offer id, nil when absent or removed.
    public var externalOfferID: String? {
        guard let id = fields.externalOfferID, !id.isEmpty else { return nil }
        return id
    }
}
