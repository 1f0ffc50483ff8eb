/// Makes the adapter for a configured source; injected into the sync so tests can stub sources.
/// Throws when the source cannot be used as configured (e.g. its API key's variable is not set).
public typealias DemandSourceMaker = @Sendable (SourceConfig) throws -> any DemandSource

/// The real adapters: the source's API key is resolved at each run (never stored) and handed to the
/// adapter as a secret to mask in everything it reports.
public enum DemandSourceMakers {
    public static func live(
        resolver: SecretResolver = SecretResolver(), http: HTTPFetcher = .shared,
        clock: any SyncClock = SystemClock()
    ) -> DemandSourceMaker {
        { config in
            var secrets: [String] = []
            if let ref = config.apiKey { secrets.append(try resolver.resolve(ref, for: "source \(config.id)")) }
            return DemandSourceFactory.make(config: config, http: http, secrets: secrets, clock: clock)
        }
    }
}
