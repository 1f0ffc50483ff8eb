/// Which advertiser API a source speaks.
public enum SourceKind: String, Sendable, Codable, CaseIterable {
    case cpalead
}
