import Foundation

/// Full or incremental: what the next fetch of a source asks for.
///
/// A source that opts into `incremental` sends `updated_since` (the previous successful fetch's
/// start minus `overlap`, so an offer updated while that fetch ran is not lost) between full
/// fetches, which come every `full_every`. The first fetch is always full.
public enum FetchSchedule {
    /// How far before the previous fetch's start `updated_since` reaches.
    public static let overlap: TimeInterval = 5 * 60

    public static func request(for source: Source, now: Date) -> FetchRequest {
        guard source.config.incremental,
            let lastFull = source.state.lastFullFetchAt,
            let lastStart = source.state.lastFetchStartAt,
            now.timeIntervalSince(lastFull) < source.config.fullEvery
        else {
            return FetchRequest(kind: .full)
        }
        return FetchRequest(kind: .incremental, updatedSince: lastStart.addingTimeInterval(-overlap))
    }
}
