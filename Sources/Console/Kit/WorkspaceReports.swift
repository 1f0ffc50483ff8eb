import CPAPIKit
import Foundation

/// The console's reports over a real workspace: reads through the store, calls through the kit's
/// `CPAleadReportClient` (its rate limiter held in the workspace, so the CLI and other consoles on the
/// same workspace share each endpoint's one call per interval).
public final class WorkspaceReports: ConsoleReports, Sendable {
    public let store: WorkspaceStore
    /// Seconds between two calls of one endpoint (CPAlead allows one a minute; tests use less).
    public let interval: TimeInterval
    let resolver: SecretResolver
    let http: HTTPFetcher

    public init(
        store: WorkspaceStore, interval: TimeInterval = ReportRateLimiter.defaultInterval,
        resolver: SecretResolver = SecretResolver(), http: HTTPFetcher = .shared
    ) {
        self.store = store; self.interval = interval; self.resolver = resolver; self.http = http
    }

    public func reversalReport(sourceID: String, range: ReportWindow) async throws -> ReversalReport {
        guard try store.source(id: sourceID) != nil else { throw ConsoleFailure("source \(sourceID) is not in the workspace") }
        return ReversalReport(
            sourceID: sourceID, range: range,
            offers: try store.reversedOffers(sourceID: sourceID, from: range.start, to: range.end),
            sourceDays: try store.reversalsPerDay(sourceID: sourceID, from: range.start, to: range.end),
            offerDays: try store.reversalDaysByOffer(sourceID: sourceID, from: range.start, to: range.end),
            coverage: ReversalCoverage(try store.storedReversalWindows(sourceID: sourceID)),
            nextCallAt: try store.nextAllowedAt(sourceID: sourceID, endpoint: .reversals))
    }

    public func offerReversals(_ key: OfferKey) async throws -> OfferReversalFigures {
        let offer = try store.reversalSummary(sourceID: key.sourceID, offerID: key.externalID).first
        let source = try store.reversalSummary(sourceID: key.sourceID)
        return OfferReversalFigures(
            coverage: ReversalCoverage(try store.storedReversalWindows(sourceID: key.sourceID)),
            count: offer?.count ?? 0, amount: offer?.amount ?? 0,
            sourceCount: source.reduce(0) { $0 + $1.count })
    }

    public func downloadReversals(
        sourceID: String, range: ReportWindow,
        progress: @escaping @Sendable (ReversalProgress) -> Void
    ) async throws -> [ReversalWindowOutcome] {
        try await ReversalDownloader(client: try client(sourceID)).download(from: range.start, to: range.end, progress: progress)
    }

    public func lookUpConversions(
        sourceID: String, subid: String, offerID: String?,
        onWait: @escaping @Sendable (Date) -> Void
    ) async throws -> ConversionLookup {
        try await client(sourceID).lookUpConversions(subid: subid, offerID: offerID, onWait: onWait)
    }

    /// The source's report client, its API key read now (never kept).
    private func client(_ sourceID: String) throws -> CPAleadReportClient {
        try CPAleadReportClient.open(sourceID: sourceID, store: store, resolver: resolver, http: http, interval: interval)
    }
}
