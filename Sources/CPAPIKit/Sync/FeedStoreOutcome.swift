/// What storing one successful fetch did to a source's stored feed.
public struct FeedStoreOutcome: Sendable, Equatable {
    /// Offers in the answer (after dropping repeated external ids: the last one wins).
    public var fetched = 0
    public var new = 0
    public var changed = 0
    public var unchanged = 0
    /// Offers in the answer that are invalid (they are stored, with their reasons).
    public var invalid = 0
    /// Offers back in the feed after having been marked missing.
    public var back = 0
    /// Offers marked missing by this fetch.
    public var missing = 0
    /// Why offers the fetch did not return were not marked missing, if so.
    public var missingNote: String?

    public init() {}
}
