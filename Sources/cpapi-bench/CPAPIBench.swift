import Console
import CPAPIKit
import Foundation

/// `swift run -c release cpapi-bench`: measures the product at benchmark scale and prints the figures.
/// `cpapi-bench console` runs only the sections whose name contains "console".
/// Each section is a separate type with `run() async throws -> [BenchFigure]`; add new ones to `sections`.
/// `cpapi-bench serve-feeds` is the feed server the feed and engine sections start as a child process.
@main
struct CPAPIBench {
    static let usage = """
        usage: cpapi-bench [SECTION] [--sizes 20k,100k,250k]
            Runs every section, or those whose name contains SECTION: feed, engine, push, terminal, console,
            and floor (only when named: the tool against a hand-written sync of the same feeds, taking
            turns, at each of --sizes offers: full, no change, 10% changed + 1% gone; ratios on CPU time;
            then the tool's latency from a feed change to the platform with incremental fetches).
            RSS figures are this process's: the feed and engine sections serve their feeds from a child
            (serve-feeds, below). CPAPI_BENCH_SOURCES / CPAPI_BENCH_OFFERS set the engine section's scale;
            CPAPI_BENCH_TRACE=1 prints every sync phase with the RSS to stderr; CPAPI_BENCH_KEEP=1 keeps
            the engine section's workspace (its folder is printed) to look into afterwards.
        \(ServeFeedsCommand.usage)
        """

    static func main() async {
        MallocArenas.limit()
        setenv(BenchFeed.apiKeyVariable, BenchFeed.apiKey, 0)
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "--help" || arguments.first == "-h" {
            print(usage)
            return
        }
        if arguments.first == ServeFeedsCommand.name {
            do {
                try await ServeFeedsCommand.run(arguments: Array(arguments.dropFirst()))
            } catch {
                FileHandle.standardError.write(Data("cpapi-bench \(ServeFeedsCommand.name): \(error)\n".utf8))
                exit(1)
            }
            return
        }
        let sections: [(name: String, run: () async throws -> [BenchFigure])] = [
            ("feed sync (20 sources × 5,000 offers on loopback)", { try await FeedSyncBenchmark().run() }),
            ("engine sync (the same 100k offers through one campaign into the local platform)", { try await EngineSyncBenchmark().run() }),
            ("push throughput (loopback fake Affise)", { try await PushThroughputBenchmark().run() }),
            ("terminal toolkit", { FrameRenderBenchmark().run() }),
            ("console (100,000 offers, headless terminal 120×40)", { try await ConsoleBenchmarkSection().run() }),
            ("floor (the tool against a hand-written sync)", { try await FloorBenchmark(arguments: arguments).run() })
        ]
        let only = arguments.first
        var failed = false
        // The console section resets the peak to measure itself, so the overall peak is kept here.
        var peak: Double?
        // The floor takes minutes at 250k offers: it runs only when asked for.
        for section in sections where only.map({ section.name.contains($0) }) ?? !section.name.hasPrefix("floor") {
            defer { if let now = PeakMemory.residentMegabytes() { peak = max(peak ?? 0, now) } }
            print("== \(section.name)")
            do {
                for figure in try await section.run() { print(figure.line) }
            } catch {
                failed = true
                FileHandle.standardError.write(Data("cpapi-bench: \(section.name) failed: \(error)\n".utf8))
            }
        }
        print(
            BenchFigure(
                name: "peak RSS (VmHWM, this process)", value: peak.map { String(format: "%.0f MB", $0) } ?? "unknown",
                target: "≤ 400 MB", met: peak.map { $0 <= 400 }
            ).line)
        if failed { exit(1) }
    }
}
