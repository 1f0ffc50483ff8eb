/// When offers a fetch did not return may be marked "not in feed".
///
/// Only a full fetch that succeeded, was not cut short (an answer with exactly `limit` offers may
/// hide more), and would not mark more than `maxMissingShare` of the source's in-feed offers marks
/// anything. Otherwise nothing is marked and the reason is recorded on the run.
public struct MissingMarkingPolicy: Sendable, Equatable {
    public var fetchKind: FetchKind
    public var mayBeCutShort: Bool
    public var limit: Int
    /// `[sync] max_missing_share`, in (0, 1].
    public var maxMissingShare: Double

    /// Mark the offers, or leave everything as it is and say why.
    public enum Decision: Sendable, Equatable {
        case mark
        case markNothing(reason: String)
    }

    public init(fetchKind: FetchKind, mayBeCutShort: Bool, limit: Int, maxMissingShare: Double) {
        self.fetchKind = fetchKind; self.mayBeCutShort = mayBeCutShort; self.limit = limit
        self.maxMissingShare = maxMissingShare
    }

    /// - Parameters:
    ///   - inFeedCount: the source's offers in the feed before this fetch.
    ///   - notReturnedCount: how many of those this fetch did not return.
    public func decision(inFeedCount: Int, notReturnedCount: Int) -> Decision {
        if fetchKind == .incremental {
            return .markNothing(reason: "incremental fetch: it returns changed offers only, so none is marked missing")
        }
        guard notReturnedCount > 0 else { return .mark }
        if mayBeCutShort {
            return .markNothing(
                reason: "the answer held exactly limit=\(limit) offers and may be cut short: "
                    + "\(notReturnedCount) offers not returned were not marked missing")
        }
        let share = Double(notReturnedCount) / Double(max(inFeedCount, 1))
        if share > maxMissingShare {
            return .markNothing(
                reason: "\(notReturnedCount) of \(inFeedCount) offers (\(Self.percent(share))) were not returned, "
                    + "more than max_missing_share \(Self.percent(maxMissingShare)): none was marked missing")
        }
        return .mark
    }

    private static func percent(_ share: Double) -> String {
        let value = (share * 1000).rounded() / 10
        return value == value.rounded() ? "\(Int(value))%" : "\(value)%"
    }
}
