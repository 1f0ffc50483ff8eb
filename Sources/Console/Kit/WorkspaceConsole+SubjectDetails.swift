import CPAPIKit
import Foundation

/// The details of a source or a campaign (`i`), read through the console's store seam.
extension WorkspaceConsole {
    /// How many of a source's latest runs its details list.
    static let detailsRunCount = 10

    public func subjectDetails(_ subject: EditTarget) async throws -> SubjectDetails? {
        switch subject {
        case .source(let id):
            guard let source = try store.source(id: id) else { return nil }
            let pollInterval = try source.config.pollInterval ?? store.syncSettings().pollInterval
            return .source(
                SourceDetails(
                    source: source, pollInterval: pollInterval, runs: try store.recentRuns(sourceID: id, limit: Self.detailsRunCount),
                    schedule: try await schedule(of: id)))
        case .campaign(let id):
            guard let campaign = try store.campaign(id: id) else { return nil }
            let counts = try store.placementCounts()[id] ?? WorkspaceStore.PlacementCounts()
            return .campaign(CampaignDetails(campaign: campaign, counts: counts))
        }
    }

    /// This console's scheduler entry for the source when it syncs; else who does, if anyone.
    func schedule(of sourceID: String) async throws -> SourceSchedule {
        if let (entry, retryBase) = await scheduler.entry(of: sourceID) { return .here(entry, retryBase: retryBase) }
        guard let holder = try store.syncLeaseHolder() else { return .unscheduled }
        let me = SyncLeaseHolder.currentProcess
        if holder.pid == me.pid && holder.host == me.host { return .unscheduled }
        let published = try await store.syncLiveStatus().flatMap { $0.isPublished(by: holder) ? $0 : nil }
        return .elsewhere("pid \(holder.pid) on \(holder.host)", published?.sources.first { $0.sourceID == sourceID })
    }
}
