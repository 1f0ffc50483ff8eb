import Foundation

/// A demand source as configured (`[[sources]]`).
public struct SourceConfig: Sendable, Codable, Equatable {
    public var id: String
    public var kind: SourceKind
    public var title: String
    /// Base URL (`https://www.cpalead.com`); a loopback URL in tests.
    public var baseURL: String
    public var publisherID: String
    public var apiKey: SecretRef?
    /// Offer types asked for (`cpa`, `cpi`, `cpe`, `cpr`); empty = the API's default.
    public var types: [String]
    public var country: String?
    public var devices: [String]
    public var offerwallOffers: Bool?
    /// Offers asked for per call; nil = 5000 (the API's maximum) for a sync.
    public var limit: Int?
    /// Appended to every offer's tracking URL; may hold platform macros (`subid={clickid}`).
    public var trackingParams: String?
    /// Send `updated_since` between full fetches.
    public var incremental: Bool
    /// Seconds between full fetches when incremental (default 6 h).
    public var fullEvery: Double
    /// Overrides `[sync] poll_interval` for this source, in seconds.
    public var pollInterval: Double?
    /// Overrides `[sync] request_timeout` for this source, in seconds.
    public var requestTimeout: Double?
    /// Overrides `[sync] fetch_deadline` for this source, in seconds.
    public var fetchDeadline: Double?
    /// Ask for JSONP (`format=jsonp&callback=…`) and unwrap it.
    public var jsonp: Bool

    public static let defaultLimit = 5000
    public static let defaultFullEvery: Double = 6 * 3600

    public init(
        id: String, kind: SourceKind = .cpalead, title: String? = nil, baseURL: String,
        publisherID: String, apiKey: SecretRef? = nil, types: [String] = [], country: String? = nil,
        devices: [String] = [], offerwallOffers: Bool? = nil, limit: Int? = nil,
        trackingParams: String? = nil, incremental: Bool = false,
        fullEvery: Double = SourceConfig.defaultFullEvery, pollInterval: Double? = nil, jsonp: Bool = false,
        requestTimeout: Double? = nil, fetchDeadline: Double? = nil
    ) {
        self.id = id; self.kind = kind; self.title = title ?? id; self.baseURL = baseURL
        self.publisherID = publisherID; self.apiKey = apiKey; self.types = types; self.country = country
        self.devices = devices; self.offerwallOffers = offerwallOffers; self.limit = limit
        self.trackingParams = trackingParams; self.incremental = incremental; self.fullEvery = fullEvery
        self.pollInterval = pollInterval; self.jsonp = jsonp
        self.requestTimeout = requestTimeout; self.fetchDeadline = fetchDeadline
    }

    public var effectiveLimit: Int { limit ?? Self.defaultLimit }

    /// The time limits of this source's fetch: its own, else `[sync]`'s, from `startedAt`.
    public func fetchLimits(_ settings: SyncSettings, startedAt: Date) -> HTTPFetchLimits {
        HTTPFetchLimits(requestTimeout: .interval(requestTimeout ?? settings.requestTimeout), startedAt: startedAt,
                        deadline: .interval(fetchDeadline ?? settings.fetchDeadline))
    }
}
