import Foundation

/// Downloads a source's reversals between two days into the workspace.
///
/// The range is cut into calendar-month windows (the API gives at most a month per call), fetched in
/// order, each stored with its reversals in one transaction as soon as it arrives. A window already
/// stored — inside one fetched after its last day was over — is skipped unless `refresh` is asked, so
/// a download that was interrupted (a failure, a kill) resumes where it stopped. A failure stops the
/// download with the windows before it kept.
public struct ReversalDownloader: Sendable {
    public let client: CPAleadReportClient
    public var store: WorkspaceStore { client.limiter.store }

    public init(client: CPAleadReportClient) { self.client = client }

    /// - Parameters:
    ///   - refresh: fetch every window again, even those already stored.
    ///   - waiting: wait for each window's slot; else fail with `.rateLimited` when it is taken.
    public func download(
        from: ReportDay, to: ReportDay, refresh: Bool = false, waiting: Bool = true,
        progress: @escaping @Sendable (ReversalProgress) -> Void = { _ in }
    ) async throws(ReportFailure) -> [ReversalWindowOutcome] {
        guard from <= to else {
            throw .invalidRequest("reversals from \(from) to \(to): the range ends before it starts")
        }
        let sourceID = client.config.id
        let windows = ReportWindow.months(from: from, to: to)
        let stored: [StoredReversalWindow]
        do { stored = refresh ? [] : try store.storedReversalWindows(sourceID: sourceID) } catch {
            throw .store("source \(sourceID): cannot read the stored reversal windows: \(error)")
        }
        var outcomes: [ReversalWindowOutcome] = []
        for (offset, window) in windows.enumerated() {
            let index = offset + 1
            if stored.contains(where: { $0.completes(window) }) {
                progress(ReversalProgress(window: window, index: index, total: windows.count, event: .skipped))
                outcomes.append(ReversalWindowOutcome(window: window, fetched: false, received: 0, added: 0))
                continue
            }
            let reversals = try await client.fetchReversals(window, waiting: waiting) { until in
                progress(ReversalProgress(window: window, index: index, total: windows.count, event: .waiting(until: until)))
            }
            let added: Int
            do {
                added = try store.storeReversalWindow(
                    sourceID: sourceID, window: window, reversals: reversals,
                    fetchedAt: client.limiter.clock.now())
            } catch {
                throw .store("source \(sourceID): reversals \(window): cannot store \(reversals.count) reversals: \(error)")
            }
            progress(
                ReversalProgress(
                    window: window, index: index, total: windows.count,
                    event: .stored(received: reversals.count, added: added)))
            outcomes.append(ReversalWindowOutcome(window: window, fetched: true, received: reversals.count, added: added))
        }
        return outcomes
    }
}
