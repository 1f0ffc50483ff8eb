/// Identifies one demand offer: the source's id and the advertiser's offer id (`cpalead:18231`).
public struct OfferKey: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var sourceID: String
    public var externalID: String

    public init(sourceID: String, externalID: String) {
        self.sourceID = sourceID
        self.externalID = externalID
    }

    /// Parses `SOURCE:EXTERNAL_ID`; the external id may itself contain colons.
    public init?(parsing text: String) {
        guard let colon = text.firstIndex(of: ":") else { return nil }
        let source = String(text[..<colon])
        let external = String(text[text.index(after: colon)...])
        guard !source.isEmpty, !external.isEmpty else { return nil }
        self.init(sourceID: source, externalID: external)
    }

    public var description: String { "\(sourceID):\(externalID)" }

    public static func < (lhs: OfferKey, rhs: OfferKey) -> Bool {
        (lhs.sourceID, lhs.externalID) < (rhs.sourceID, rhs.externalID)
    }
}
