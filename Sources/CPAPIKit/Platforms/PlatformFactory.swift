/// Makes the platform a workspace's configuration names (`[platform]`; the local one when absent).
public enum PlatformFactory {
    /// - Parameters:
    ///   - config: `[platform]` as applied to the workspace.
    ///   - apiKey: the Affise API key, already resolved from `config.apiKey` (nil or empty when not found).
    ///   - store: the workspace (the local platform keeps its offers there).
    ///   - fetcher: the HTTP layer for Affise.
    ///   - clock: stamps the local platform's `updated_at`.
    public static func make(
        config: PlatformConfig, apiKey: String?, store: WorkspaceStore,
        fetcher: HTTPFetcher = .shared, clock: any SyncClock = SystemClock()
    ) throws(PlatformSetupError)
        -> any Platform
    {
        switch config.kind {
        case .local:
            return LocalPlatform(store: store, clock: clock)
        case .affise:
            guard let url = config.url, !url.isEmpty else { throw .missingURL }
            guard let apiKey, !apiKey.isEmpty else { throw .missingAPIKey }
            return try AffisePlatform(
                baseURL: url, apiKey: apiKey,
                options: AffisePlatform.Options(concurrency: config.concurrency), fetcher: fetcher)
        }
    }
}
