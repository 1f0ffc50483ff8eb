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
        return try await BenchFeeds.serving(sourceCount: sourceCount, offersPerSource: offersPerSource) { feeds in
            try await measure(BenchToolSync(folder: folder, sources: feeds.sources)) + [feeds.serverFigure]
        }
    }

    private func measure(_ tool: BenchToolSync) async throws -> [BenchFigure] {
        // What the tool holds before it syncs (the feeds are served by a child process).
        let before = PeakMemory.currentResidentMegabytes()
        let firstPhases = PhaseTimes()
        let firstStart = ContinuousClock.now
        let firstCPU = ProcessCPUTime.seconds()
        let first = try await tool.sync("first", progress: firstPhases.recorder)
        let firstSeconds = (ContinuousClock.now - firstStart).seconds
        let firstCPUSeconds = ProcessCPUTime.seconds() - firstCPU
        let created = first.reduce(0) { $0 + $1.counts.created }

        let againPhases = PhaseTimes()
        let againStart = ContinuousClock.now
        let againCPU = ProcessCPUTime.seconds()
        let again = try await tool.sync("no-change", progress: againPhases.recorder)
        let againSeconds = (ContinuousClock.now - againStart).seconds
        let againCPUSeconds = ProcessCPUTime.seconds() - againCPU
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
}
