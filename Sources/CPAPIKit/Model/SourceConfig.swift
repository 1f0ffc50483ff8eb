import Foundation

/// A demand source as configured (`[[sources]]`): what every adapter has (id, URL, key, schedule,
/// limits), and the adapter's own options (`cpalead`: `CPAleadSourceOptions`). A second adapter adds
/// its options type in its folder and a case of `SourceKind`.
public struct SourceConfig: Sendable, Codable, Equatable {
    public var id: String
    public var kind: SourceKind
    public var title: String
    /// Base URL (`https://www.cpalead.com`); a loopback URL in tests.
    public var baseURL: String
    public var apiKey: SecretRef?
    /// The CPAlead adapter's own options.
    public var cpalead: CPAleadSourceOptions
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
        self.id = id; self.kind = kind; self.title = title ?? id; self.baseURL = baseURL; self.apiKey = apiKey
        self.cpalead = CPAleadSourceOptions(
            publisherID: publisherID, types: types, country: country, devices: devices,
            offerwallOffers: offerwallOffers, jsonp: jsonp)
        self.limit = limit
        self.trackingParams = trackingParams; self.incremental = incremental; self.fullEvery = fullEvery
        self.pollInterval = pollInterval
        self.requestTimeout = requestTimeout; self.fetchDeadline = fetchDeadline
    }

    // The CPAlead options, where the callers have always found them.
    public var publisherID: String {
        get { cpalead.publisherID }
        set { cpalead.publisherID = newValue }
    }
    public var types: [String] {
        get { cpalead.types }
        set { cpalead.types = newValue }
    }
    public var country: String? {
        get { cpalead.country }
        set { cpalead.country = newValue }
    }
    public var devices: [String] {
        get { cpalead.devices }
        set { cpalead.devices = newValue }
    }
    public var offerwallOffers: Bool? {
        get { cpalead.offerwallOffers }
        set { cpalead.offerwallOffers = newValue }
    }
    public var jsonp: Bool {
        get { cpalead.jsonp }
        set { cpalead.jsonp = newValue }
    }

    // Stored flat, as before the options had a type of their own: a workspace's stored sources read
    // and write the same JSON (applying the same file twice changes nothing).
    private enum CodingKeys: String, CodingKey {
        case id, kind, title, baseURL, apiKey, limit, trackingParams, incremental, fullEvery, pollInterval
        case requestTimeout, fetchDeadline
        case publisherID, types, country, devices, offerwallOffers, jsonp
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        kind = try c.decode(SourceKind.self, forKey: .kind)
        title = try c.decode(String.self, forKey: .title)
        baseURL = try c.decode(String.self, forKey: .baseURL)
        apiKey = try c.decodeIfPresent(SecretRef.self, forKey: .apiKey)
        cpalead = CPAleadSourceOptions(
            publisherID: try c.decode(String.self, forKey: .publisherID), types: try c.decode([String].self, forKey: .types),
            country: try c.decodeIfPresent(String.self, forKey: .country), devices: try c.decode([String].self, forKey: .devices),
            offerwallOffers: try c.decodeIfPresent(Bool.self, forKey: .offerwallOffers), jsonp: try c.decode(Bool.self, forKey: .jsonp))
        limit = try c.decodeIfPresent(Int.self, forKey: .limit)
        trackingParams = try c.decodeIfPresent(String.self, forKey: .trackingParams)
        incremental = try c.decode(Bool.self, forKey: .incremental)
        fullEvery = try c.decode(Double.self, forKey: .fullEvery)
        pollInterval = try c.decodeIfPresent(Double.self, forKey: .pollInterval)
        requestTimeout = try c.decodeIfPresent(Double.self, forKey: .requestTimeout)
        fetchDeadline = try c.decodeIfPresent(Double.self, forKey: .fetchDeadline)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(title, forKey: .title)
        try c.encode(baseURL, forKey: .baseURL)
        try c.encodeIfPresent(apiKey, forKey: .apiKey)
        try c.encode(cpalead.publisherID, forKey: .publisherID)
        try c.encode(cpalead.types, forKey: .types)
        try c.encodeIfPresent(cpalead.country, forKey: .country)
        try c.encode(cpalead.devices, forKey: .devices)
        try c.encodeIfPresent(cpalead.offerwallOffers, forKey: .offerwallOffers)
        try c.encode(cpalead.jsonp, forKey: .jsonp)
        try c.encodeIfPresent(limit, forKey: .limit)
        try c.encodeIfPresent(trackingParams, forKey: .trackingParams)
        try c.encode(incremental, forKey: .incremental)
        try c.encode(fullEvery, forKey: .fullEvery)
        try c.encodeIfPresent(pollInterval, forKey: .pollInterval)
        try c.encodeIfPresent(requestTimeout, forKey: .requestTimeout)
        try c.encodeIfPresent(fetchDeadline, forKey: .fetchDeadline)
    }

    public var effectiveLimit: Int { limit ?? Self.defaultLimit }

    /// The time limits of this source's fetch: its own, else `[sync]`'s, from `startedAt`.
    public func fetchLimits(_ settings: SyncSettings, startedAt: Date) -> HTTPFetchLimits {
        HTTPFetchLimits(
            requestTimeout: .interval(requestTimeout ?? settings.requestTimeout), startedAt: startedAt,
            deadline: .interval(fetchDeadline ?? settings.fetchDeadline))
    }
}
