import Console
import CPAPIKit
import Foundation

/// The same 100k offers through one campaign (every source, 70% payout) into the local platform:
/// the first full sync creates every platform offer; the second, with nothing changed, must write nothing.
struct EngineSyncBenchmark {
    /// `CPAPI_BENCH_SOURCES` / `CPAPI_BENCH_OFFERS` change the scale (to profile or bisect at a smaller one).
    var sourceCount = BenchScale.value("CPAPI_BENCH_SOURCES", default: 20)
    var offersPerSource = BenchScale.value("CPAPI_BENCH_OFFERS", default: 5000)

    func run() async throws -> [BenchFigure] {
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("cpapi-bench-engine-\(UUID().uuidString)")
        defer {
            if ProcessInfo.processInfo.environment["CPAPI_BENCH_KEEP"] == "1" {
                FileHandle.standardError.write(Data("kept the engine's workspace: \(folder)\n".utf8))
            } else {
                try? FileManager.default.removeItem(atPath: folder)
            }
        }
        let workspace = try Workspace.openOrCreate(directory: folder)
        return try await BenchFeeds.serving(sourceCount: sourceCount, offersPerSource: offersPerSource) { feeds in
            try await measure(workspace: workspace, feeds: feeds) + [feeds.serverFigure]
        }
    }

    private func measure(workspace: Workspace, feeds: BenchFeeds) async throws -> [BenchFigure] {
        let campaign = Campaign(
            id: "bench", title: "Benchmark: every offer", sources: feeds.sources.map(\.id),
            defaults: CampaignDefaults(advertiser: "5a0c0f5e8a1b2c3d4e5f6a7b", payoutPercent: 70))
        _ = try ConfigApplier(store: workspace.store).apply(
            WorkspaceConfig(
                path: "(benchmark)", sync: SyncSettings(sourceConcurrency: 4), sources: feeds.sources, campaigns: [campaign]))
        let engine = try WorkspaceEngine.open(store: workspace.store)
        let coordinator = engine.coordinator(makeSource: DemandSourceMakers.live())

        // What the tool holds before it syncs (the feeds are served by a child process).
        let before = PeakMemory.currentResidentMegabytes()
        let firstPhases = PhaseTimes()
        let firstStart = ContinuousClock.now
        let firstCPU = ProcessCPUTime.seconds()
        let first = try await coordinator.syncOnce(progress: firstPhases.recorder)
        let firstSeconds = (ContinuousClock.now - firstStart).seconds
        let firstCPUSeconds = ProcessCPUTime.seconds() - firstCPU
        let created = first.reduce(0) { $0 + $1.counts.created }
        try check(first, "first")

        let againPhases = PhaseTimes()
        let againStart = ContinuousClock.now
        let againCPU = ProcessCPUTime.seconds()
        let again = try await coordinator.syncOnce(progress: againPhases.recorder)
        let againSeconds = (ContinuousClock.now - againStart).seconds
        let againCPUSeconds = ProcessCPUTime.seconds() - againCPU
        try check(again, "no-change")
        let writes = again.reduce(0) { $0 + $1.counts.created + $1.counts.updated + $1.counts.paused }

        let placed = "\(created) (of \(sourceCount * offersPerSource) offers; invalid ones are not placed)"
        return [
            BenchFigure(name: "platform offers created", value: placed),
            BenchFigure(
                name: "first full sync (fetch → push)", value: String(format: "%.2f s", firstSeconds),
                target: "≤ 6 s", met: firstSeconds <= 6)
        ]
            + [BenchFigure(name: "  first: the tool's CPU time", value: ProcessCPUTime.describe(cpu: firstCPUSeconds, wall: firstSeconds))]
            + firstPhases.figures(label: "first")
            + [
                BenchFigure(
                    name: "no-change sync", value: String(format: "%.2f s (%d writes)", againSeconds, writes),
                    target: "≤ 2 s", met: againSeconds <= 2)
            ]
            + [BenchFigure(name: "  no-change: the tool's CPU time", value: ProcessCPUTime.describe(cpu: againCPUSeconds, wall: againSeconds))]
            + againPhases.figures(label: "no-change")
            + [
                BenchFigure(
                    name: "RSS before the first sync",
                    value: before.map { String(format: "%.0f MB (this process; the feeds are served by a child)", $0) } ?? "unknown")
            ]
    }

    private func check(_ runs: [SyncRun], _ label: String) throws {
        let failed = runs.filter { $0.status != .succeeded }
        guard failed.isEmpty else {
            throw BenchError(
                description:
                    "\(label) sync: \(failed.count) runs did not succeed, e.g. \(failed[0].sourceID): \(failed[0].error ?? failed[0].status.rawValue)"
            )
        }
    }
}
