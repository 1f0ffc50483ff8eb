import CPAPIKit
import Foundation
import LoopbackServers

/// Full fetch + store of 20 sources × 5,000 generated offers served on loopback, then a re-sync of the
/// same feeds (nothing changed), through the real adapter, sync coordinator and store.
struct FeedSyncBenchmark {
    var sourceCount = 20
    var offersPerSource = 5000

    func run() async throws -> [BenchFigure] {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("cpapi-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let workspace = try Workspace.openOrCreate(directory: folder)
        return try await BenchFeeds.serving(sourceCount: sourceCount, offersPerSource: offersPerSource) { feeds in
            try await measure(workspace: workspace, sources: feeds.sources) + [feeds.serverFigure]
        }
    }

    private func measure(workspace: Workspace, sources: [SourceConfig]) async throws -> [BenchFigure] {
        _ = try ConfigApplier(store: workspace.store).apply(
            WorkspaceConfig(
                path: "(benchmark)", sync: SyncSettings(sourceConcurrency: 4), sources: sources))
        let coordinator = SyncCoordinator(store: workspace.store, makeSource: DemandSourceMakers.live())

        let fullStart = ContinuousClock.now
        let fullCPU = ProcessCPUTime.seconds()
        let full = try await coordinator.syncOnce()
        let fullTime = ContinuousClock.now - fullStart
        let fullCPUSeconds = ProcessCPUTime.seconds() - fullCPU
        let stored = full.reduce(0) { $0 + $1.counts.new }
        try check(full, "full")

        let againStart = ContinuousClock.now
        let againCPU = ProcessCPUTime.seconds()
        let again = try await coordinator.syncOnce()
        let againTime = ContinuousClock.now - againStart
        let againCPUSeconds = ProcessCPUTime.seconds() - againCPU
        try check(again, "no-change")
        let unchanged = again.reduce(0) { $0 + $1.counts.unchanged }

        // Breakdown, one source at a time (so only one feed is in memory): the fetch phase (HTTP, parse,
        // normalise) and the store phase (into a fresh workspace, every offer new), each summed over sources.
        let maker = DemandSourceMakers.live()
        let fresh = try Workspace.openOrCreate(directory: workspace.directory + "-store")
        defer { try? FileManager.default.removeItem(atPath: fresh.directory) }
        _ = try ConfigApplier(store: fresh.store).apply(WorkspaceConfig(path: "(benchmark)", sources: sources))
        var fetchTime = Duration.zero
        var storeTime = Duration.zero
        for source in sources {
            let fetchStart = ContinuousClock.now
            let result = try await maker(source).fetchOffers(FetchRequest(kind: .full))
            fetchTime += ContinuousClock.now - fetchStart
            let storeStart = ContinuousClock.now
            let policy = MissingMarkingPolicy(fetchKind: .full, mayBeCutShort: false, limit: source.effectiveLimit, maxMissingShare: 0.5)
            _ = try await fresh.store.storeFetch(
                sourceID: source.id, result: result, policy: policy, runID: nil,
                startedAt: Date(), now: Date())
            storeTime += ContinuousClock.now - storeStart
        }

        let total = sourceCount * offersPerSource
        let fullSeconds = fullTime.seconds
        let againSeconds = againTime.seconds
        return [
            BenchFigure(name: "offers stored", value: "\(stored) of \(total)"),
            BenchFigure(
                name: "full fetch + store", value: String(format: "%.2f s", fullSeconds), target: "≤ 4 s",
                met: fullSeconds <= 4),
            BenchFigure(name: "  full: the tool's CPU time", value: ProcessCPUTime.describe(cpu: fullCPUSeconds, wall: fullSeconds)),
            BenchFigure(name: "  fetch + parse, one by one (sum)", value: String(format: "%.2f s", fetchTime.seconds)),
            BenchFigure(name: "  store of new offers (sum)", value: String(format: "%.2f s", storeTime.seconds)),
            BenchFigure(name: "full: offers/s", value: String(format: "%.0f", Double(stored) / fullSeconds)),
            BenchFigure(
                name: "no-change re-sync", value: String(format: "%.2f s (%d unchanged)", againSeconds, unchanged),
                target: "≤ 2 s", met: againSeconds <= 2),
            BenchFigure(name: "  no-change: the tool's CPU time", value: ProcessCPUTime.describe(cpu: againCPUSeconds, wall: againSeconds)),
            BenchFigure(name: "no-change: offers/s", value: String(format: "%.0f", Double(unchanged) / againSeconds))
        ]
    }

    private func check(_ runs: [SyncRun], _ label: String) throws {
        let failed = runs.filter { $0.status != .succeeded }
        guard failed.isEmpty else {
            throw BenchError(description: "\(label) sync: \(failed.count) runs failed, e.g. \(failed[0].sourceID): \(failed[0].error ?? "?")")
        }
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
