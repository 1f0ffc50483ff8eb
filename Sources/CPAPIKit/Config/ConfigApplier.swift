import Foundation

/// Applies a config to a workspace like `kubectl apply`: creates and updates what the file names,
/// deletes nothing, in one transaction. Applying the same file again writes nothing.
///
/// It warns (and applies) when an API key it can read now is shorter than `shortestSafeKeyLength`.
public struct ConfigApplier: Sendable {
    public let store: any ConfigStore
    public let clock: any SyncClock
    /// Reads the keys the file refers to, for the length check only (they are not stored).
    public let secrets: SecretResolver

    /// Redaction masks a key wherever it stands as a word: a shorter key is likely a placeholder,
    /// and short words occur in answers and messages by chance.
    public static let shortestSafeKeyLength = 8

    public init(store: any ConfigStore, clock: any SyncClock = SystemClock(), secrets: SecretResolver = SecretResolver()) {
        self.store = store; self.clock = clock; self.secrets = secrets
    }

    /// Loads, validates and applies the file at `path`. Nothing is written when it has any problem.
    public func apply(fileAt path: String) throws -> ApplyReport {
        let config = try ConfigParser.load(path: path, knownSourceIDs: try store.sourceIDs())
        return try apply(config)
    }

    /// Applies a validated config.
    public func apply(_ config: WorkspaceConfig) throws -> ApplyReport {
        let now = clock.now()
        let warnings = shortKeyWarnings(config)
        return try store.apply(config, warnings: warnings, at: now)
    }

    /// One warning per key the config refers to that can be read now and is too short to redact
    /// safely (a key that cannot be read yet is the sync's to report).
    func shortKeyWarnings(_ config: WorkspaceConfig) -> [String] {
        var refs: [(owner: String, ref: SecretRef)] = config.platform?.apiKey.map { [("platform", $0)] } ?? []
        refs += config.sources.compactMap { source in source.apiKey.map { ("source \(source.id)", $0) } }
        return refs.compactMap { owner, ref in
            guard let key = try? secrets.resolve(ref, for: owner), key.count < Self.shortestSafeKeyLength else { return nil }
            return "api_key of \(owner) is \(key.count) character\(key.count == 1 ? "" : "s"): too short to be redacted "
                + "safely; check that it is the whole key (the value is masked only where it stands as a word)"
        }
    }
}
