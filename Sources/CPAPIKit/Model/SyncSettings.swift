import Foundation

/// `[sync]`: how often and how carefully sources are synced. Durations in seconds.
public struct SyncSettings: Sendable, Codable, Equatable {
    public var pollInterval: Double
    public var missingGrace: Double
    public var maxMissingShare: Double
    /// Sources fetched at the same time.
    public var sourceConcurrency: Int
    /// One request of a fetch as a whole, its answer's body included (`request_timeout`; a source may override it).
    public var requestTimeout: Double
    /// A source's whole fetch, its retries and the waits between them included (`fetch_deadline`; a source may override it).
    public var fetchDeadline: Double

    public static let defaultRequestTimeout: Double = 120
    public static let defaultFetchDeadline: Double = 5 * 60

    public init(
        pollInterval: Double = 45 * 60, missingGrace: Double = 2 * 3600, maxMissingShare: Double = 0.5,
        sourceConcurrency: Int = 4, requestTimeout: Double = SyncSettings.defaultRequestTimeout,
        fetchDeadline: Double = SyncSettings.defaultFetchDeadline
    ) {
        self.pollInterval = pollInterval; self.missingGrace = missingGrace
        self.maxMissingShare = maxMissingShare; self.sourceConcurrency = sourceConcurrency
        self.requestTimeout = requestTimeout; self.fetchDeadline = fetchDeadline
    }

    /// Settings stored before `request_timeout` and `fetch_deadline` existed read with their defaults.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            pollInterval: try container.decode(Double.self, forKey: .pollInterval),
            missingGrace: try container.decode(Double.self, forKey: .missingGrace),
            maxMissingShare: try container.decode(Double.self, forKey: .maxMissingShare),
            sourceConcurrency: try container.decode(Int.self, forKey: .sourceConcurrency),
            requestTimeout: try container.decodeIfPresent(Double.self, forKey: .requestTimeout) ?? Self.defaultRequestTimeout,
            fetchDeadline: try container.decodeIfPresent(Double.self, forKey: .fetchDeadline) ?? Self.defaultFetchDeadline)
    }
}
