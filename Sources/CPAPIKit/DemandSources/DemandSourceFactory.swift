import Foundation

/// Makes the adapter for a configured source, by its kind.
public enum DemandSourceFactory {
    /// - Parameters:
    ///   - http: the process's fetcher (`HTTPFetcher.shared` unless a test brings its own).
    ///   - secrets: the source's resolved credentials (its API key), masked in everything it reports.
    public static func make(
        config: SourceConfig, http: HTTPFetcher = .shared, secrets: [String] = [],
        retryPolicy: HTTPRetryPolicy = .idempotent, clock: any SyncClock = SystemClock()
    ) -> any DemandSource {
        switch config.kind {
        case .cpalead:
            return CPAleadSource(config: config, http: http, secrets: secrets, retryPolicy: retryPolicy, clock: clock)
        }
    }
}
