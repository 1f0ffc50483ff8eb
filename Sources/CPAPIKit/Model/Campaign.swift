import Foundation

/// A campaign (`[[campaigns]]`): which offers it covers, how they look in the platform, and which fields it keeps in sync.
public struct Campaign: Sendable, Codable, Equatable {
    public var id: String
    public var title: String
    public var enabled: Bool
    /// Set by `campaign delete`: the campaign stays stored (its placements frozen) but is gone for the operator.
    public var deletedAt: Date?
    /// Whole sources it covers.
    public var sources: [String]
    /// Single offers it covers (`cpalead:18231`).
    public var offers: [OfferKey]
    public var defaults: CampaignDefaults
    public var filters: CampaignFilters
    /// Rule per field; a field not named here is `always`.
    public var syncRules: [SyncField: SyncRule]

    public init(
        id: String, title: String? = nil, enabled: Bool = true, deletedAt: Date? = nil,
        sources: [String] = [], offers: [OfferKey] = [], defaults: CampaignDefaults = CampaignDefaults(),
        filters: CampaignFilters = CampaignFilters(), syncRules: [SyncField: SyncRule] = [:]
    ) {
        self.id = id; self.title = title ?? id; self.enabled = enabled; self.deletedAt = deletedAt
        self.sources = sources; self.offers = offers; self.defaults = defaults; self.filters = filters
        self.syncRules = syncRules
    }

    public func rule(for field: SyncField) -> SyncRule { syncRules[field] ?? .always }
    /// Enabled and not deleted: only an active campaign writes to the platform.
    public var isActive: Bool { enabled && deletedAt == nil }
}

/// `status` default of a campaign: forced, or according to the source.
public enum StatusDefault: String, Sendable, Codable, CaseIterable {
    case source, active, paused, disabled
}

/// Who may see the offer in the platform.
public enum Privacy: String, Sendable, Codable, CaseIterable {
    case `public`, protected, `private`
}

/// The values a campaign gives every offer it creates.
public struct CampaignDefaults: Sendable, Codable, Equatable {
    /// The platform's advertiser id (must exist there).
    public var advertiser: String?
    public var privacy: Privacy
    /// The affiliate's share of the advertiser's payout, 0…100 (may exceed 100 only if an operator really means it).
    public var payoutPercent: Double
    public var status: StatusDefault
    public var categories: [String]
    /// `http302`, `http302hidden`, `js`, `meta`.
    public var redirectType: String?
    /// Redirect traffic over the cap (`is_redirect_overcap`).
    public var overcap: Bool?
    /// Accept traffic from the offer's countries only (`strictly_country`).
    public var geoRestriction: Bool?

    public init(
        advertiser: String? = nil, privacy: Privacy = .public, payoutPercent: Double = 100,
        status: StatusDefault = .source, categories: [String] = [], redirectType: String? = nil,
        overcap: Bool? = nil, geoRestriction: Bool? = nil
    ) {
        self.advertiser = advertiser; self.privacy = privacy; self.payoutPercent = payoutPercent
        self.status = status; self.categories = categories; self.redirectType = redirectType
        self.overcap = overcap; self.geoRestriction = geoRestriction
    }
}

/// Which offers of its scope a campaign takes. Empty lists and nil bounds mean "any".
public struct CampaignFilters: Sendable, Codable, Equatable {
    public var countries: [String]
    public var devices: [String]
    public var currencies: [String]
    public var payoutMin: Double?
    public var payoutMax: Double?

    public init(
        countries: [String] = [], devices: [String] = [], currencies: [String] = [],
        payoutMin: Double? = nil, payoutMax: Double? = nil
    ) {
        self.countries = countries; self.devices = devices; self.currencies = currencies
        self.payoutMin = payoutMin; self.payoutMax = payoutMax
    }
}

/// A platform offer field whose updates a campaign governs.
public enum SyncField: String, Sendable, Codable, CaseIterable, CodingKeyRepresentable {
    case title, description, url, preview, payments, status, caps, categories
}

/// When a field is written: at creation only, on every sync, or never.
public enum SyncRule: String, Sendable, Codable, CaseIterable {
    case firstSync = "first_sync"
    case always
    case disabled
}
