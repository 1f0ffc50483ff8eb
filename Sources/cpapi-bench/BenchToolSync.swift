import CPAPIKit
import Foundation

/// The tool as the engine and floor sections run it: a workspace in `folder` with `sources`, one
/// campaign over all of them at 70% payout into the local platform, 4 sources fetched at a time.
struct BenchToolSync {
    let workspace: Workspace
    let coordinator: SyncCoordinator

    init(folder: String, sources: [SourceConfig]) throws {
        workspace = try Workspace.openOrCreate(directory: folder)
        try Self.apply(sources, to: workspace)
        coordinator = try WorkspaceEngine.open(store: workspace.store).coordinator(makeSource: DemandSourceMakers.live())
    }

    /// Applies `sources` (e.g. the same ones made incremental) and the campaign over them.
    func apply(_ sources: [SourceConfig]) throws { try Self.apply(sources, to: workspace) }

    private static func apply(_ sources: [SourceConfig], to workspace: Workspace) throws {
        let campaign = Campaign(
            id: "bench", title: "Benchmark: every offer", sources: sources.map(\.id),
            defaults: CampaignDefaults(advertiser: "5a0c0f5e8a1b2c3d4e5f6a7b", payoutPercent: 70))
        _ = try ConfigApplier(store: workspace.store).apply(
            WorkspaceConfig(
                path: "(benchmark)", sync: SyncSettings(sourceConcurrency: 4), sources: sources, campaigns: [campaign]))
    }

    /// One sync of every source; throws unless every run succeeded.
    func sync(_ label: String, progress: @escaping @Sendable (SyncProgress) -> Void = { _ in }) async throws -> [SyncRun] {
        let runs = try await coordinator.syncOnce(progress: progress)
        let failed = runs.filter { $0.status != .succeeded }
        guard failed.isEmpty else {
            throw BenchError(
                description:
                    "\(label) sync: \(failed.count) runs did not succeed, e.g. \(failed[0].sourceID): \(failed[0].error ?? failed[0].status.rawValue)"
            )
        }
        return runs
    }
}
