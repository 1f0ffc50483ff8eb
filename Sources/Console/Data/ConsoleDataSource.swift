import CPAPIKit

/// Where the console reads the workspace. Every call runs in a background task (never on the
/// loop's thread); the real implementation reads through the store's reader pool.
public protocol ConsoleDataSource: Sendable {
    /// The whole main screen's data, with every offer (`offerLimit` nil) or only the first
    /// `offerLimit` in key order: the console reads a first page to draw at once, then the rest.
    func snapshot(offerLimit: Int?) async throws -> ConsoleSnapshot
    /// One offer's details, nil when the offer is no longer stored.
    func offerDetails(_ key: OfferKey) async throws -> OfferDetails?
    /// A source's or a campaign's details (`i`), nil when it is no longer stored.
    func subjectDetails(_ subject: EditTarget) async throws -> SubjectDetails?
    /// A number that changes whenever anything (this or another process) writes to the workspace;
    /// the console polls it and reloads the snapshot when it moves (SQLite's `data_version`).
    func changeToken() async throws -> Int
    /// The offers in the local platform with the offer and campaign each belongs to, for the
    /// `:platform` view; nil when the platform is not local.
    func localPlatformOffers() async throws -> [PlatformOfferRow]?
    /// Who syncs and how far its runs are, polled with the change counter (a light read: the
    /// lease and the holder's live status); nil when the source cannot say.
    func syncWatch() async throws -> SyncWatch?
}

extension ConsoleDataSource {
    public func syncWatch() async throws -> SyncWatch? { nil }
}
