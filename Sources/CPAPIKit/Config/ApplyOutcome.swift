/// What applying a configuration did to one stored item (platform, sync settings, a source, a campaign).
public enum ApplyOutcome: String, Sendable, Codable, Equatable {
    case created, updated, unchanged
}
