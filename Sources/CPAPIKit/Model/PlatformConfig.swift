/// Which platform the sync writes to (`[platform]`).
public enum PlatformKind: String, Sendable, Codable, CaseIterable {
    /// The embedded platform in the workspace database (the default).
    case local
    case affise
}

/// `[platform]`.
public struct PlatformConfig: Sendable, Codable, Equatable {
    public var kind: PlatformKind
    public var url: String?
    public var apiKey: SecretRef?
    /// Writes in flight at once (default 8).
    public var concurrency: Int

    public init(kind: PlatformKind = .local, url: String? = nil, apiKey: SecretRef? = nil, concurrency: Int = 8) {
        self.kind = kind; self.url = url; self.apiKey = apiKey; self.concurrency = concurrency
    }
}
