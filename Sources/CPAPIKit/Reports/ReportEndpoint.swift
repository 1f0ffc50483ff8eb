/// A rate-limited report API of a source; the name is how its limit is stored.
public enum ReportEndpoint: String, Sendable, Codable, CaseIterable {
    /// `GET /api/conversions`: did this subid (or IP) convert.
    case conversions
    /// `GET /api/reversals`: the bad leads between two days.
    case reversals
}
