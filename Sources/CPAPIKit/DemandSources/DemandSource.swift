import Foundation

/// What a fetch asks a source for.
public struct FetchRequest: Sendable, Equatable {
    public var kind: FetchKind
    /// For an incremental fetch: only offers updated on or after this instant.
    public var updatedSince: Date?

    public init(kind: FetchKind, updatedSince: Date? = nil) {
        self.kind = kind; self.updatedSince = updatedSince
    }
}

/// What a successful fetch returned: normalised offers, and whether the answer may be cut short.
public struct FetchResult: Sendable {
    public var offers: [DemandOffer]
    /// The response held exactly `limit` offers: there may be more that were not returned.
    public var mayBeCutShort: Bool
    /// Bytes received, for progress and benchmarks.
    public var bytes: Int
    /// Entries of the feed that could not be read as offers at all (not an object, no id), with why.
    /// They are left out of `offers`; the rest of the feed is still good.
    public var skipped: [SkippedEntry]

    public init(offers: [DemandOffer], mayBeCutShort: Bool, bytes: Int, skipped: [SkippedEntry] = []) {
        self.offers = offers; self.mayBeCutShort = mayBeCutShort; self.bytes = bytes; self.skipped = skipped
    }
}

/// An advertiser's offer API. An adapter fetches, parses, normalises, validates and hashes;
/// it never touches the store. A failed fetch throws `FetchFailure` (with the response's code,
/// headers and a size-capped, redacted body).
public protocol DemandSource: Sendable {
    var config: SourceConfig { get }
    func fetchOffers(_ request: FetchRequest) async throws(FetchFailure) -> FetchResult
}
