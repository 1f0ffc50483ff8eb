import Foundation

/// `[sync]`: how often and how carefully sources are synced. Durations in seconds.
public struct SyncSettings: Sendable, Codable, Equatable {
    public var pollInterval: Double
    public var missingGrace: Double
    public var maxMissingShare: Double
    /// Sources fetched at the same time.
    public var sourceConcurrency: Int

    public init(pollInterval: Double = 45 * 60, missingGrace: Double = 2 * 3600, maxMissingShare: Double = 0.5,
                sourceConcurrency: Int = 4) {
        self.pollInterval = pollInterval; self.missingGrace = missingGrace
        self.maxMissingShare = maxMissingShare; self.sourceConcurrency = sourceConcurrency
    }
}
