import Foundation

/// What a fetch asks a source for.
public struct FetchRequest: Sendable, Equatable {
    public var kind: FetchKind
    /// For an incremental fetch: only offers updated on or after this instant.
    public var updatedSince: Date?
    /// The entries stored as they were last read (`FeedEntryHash` → external id): an adapter may pass
    /// over a feed entry whose bytes hash to one of these, without parsing it, and name it in
    /// `FetchResult.unchanged`.
    public var knownEntries: [Int64: String]

    public init(kind: FetchKind, updatedSince: Date? = nil, knownEntries: [Int64: String] = [:]) {
        self.kind = kind; self.updatedSince = updatedSince; self.knownEntries = knownEntries
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
    /// The external ids of entries byte for byte as last stored (`FetchRequest.knownEntries`): in the
    /// feed, unchanged, and not parsed again (an unchanged entry costs little more than reading its
    /// bytes). No id is both here and in `offers`.
    public var unchanged: [String]
    /// Each offer's `FeedEntryHash`, in `offers`' order, stored with it; empty when not known.
    public var entryHashes: [Int64]

    public init(
        offers: [DemandOffer], mayBeCutShort: Bool, bytes: Int, skipped: [SkippedEntry] = [], unchanged: [String] = [],
        entryHashes: [Int64] = []
    ) {
        self.offers = offers; self.mayBeCutShort = mayBeCutShort; self.bytes = bytes; self.skipped = skipped
        self.unchanged = unchanged; self.entryHashes = entryHashes
    }

    /// Offers in the feed: parsed or unchanged.
    public var offerCount: Int { offers.count + unchanged.count }

    /// The `FeedEntryHash` of `offers[index]`, nil when the hashes are not known.
    public func entryHash(at index: Int) -> Int64? { entryHashes.count == offers.count ? entryHashes[index] : nil }
}

/// An advertiser's offer API. An adapter fetches, parses, normalises, validates and hashes;
/// it never touches the store. A failed fetch throws `FetchFailure` (with the response's code,
/// headers and a size-capped, redacted body).
public protocol DemandSource: Sendable {
    var config: SourceConfig { get }
    func fetchOffers(_ request: FetchRequest) async throws(FetchFailure) -> FetchResult
}
