import CPAPIKit
import Foundation

/// `cpapi-bench floor [--sizes 20k,100k,250k]`: the tool against the simplest hand-written sync of
/// the same feeds (`FloorSync`), in the same run, taking turns, at each size: a full sync into empty
/// stores, a sync with nothing changed, and one after 10% of the offers changed and 1% left
/// (`BenchFeed.changedOffers`). Each round prints both times and the tool's ratio to the floor;
/// the targets are judged on CPU time, which the shared machine's other work does not inflate.
struct FloorBenchmark {
    static let defaultSizes = [20_000, 100_000, 250_000]
    /// Sizes from which the ratio target holds (the smallest is shown, not judged).
    static let judgedFrom = 100_000
    var sizes: [Int]

    enum Round: String, CaseIterable {
        case full = "full"
        case noChange = "no change"
        case changed = "10% changed + 1% gone"
    }

    struct Measure {
        var wall: Double
        var cpu: Double
        var description: String { String(format: "%.2f s (%.2f s CPU)", wall, cpu) }
    }

    /// The sizes after `--sizes` in `arguments` (`20k`, `100000`, `1m`…, comma-separated), else the defaults.
    init(arguments: [String]) throws {
        guard let flag = arguments.firstIndex(of: "--sizes") else {
            sizes = Self.defaultSizes
            return
        }
        guard flag + 1 < arguments.count else { throw BenchError(description: "--sizes needs a list after it, e.g. 20k,100k") }
        sizes = try arguments[flag + 1].split(separator: ",").map { word in
            let text = word.lowercased()
            let scale = text.hasSuffix("k") ? 1000 : text.hasSuffix("m") ? 1_000_000 : 1
            guard let number = Int(scale == 1 ? text : String(text.dropLast())), number > 0 else {
                throw BenchError(description: "--sizes: '\(word)' is not a number of offers (e.g. 20k, 100000)")
            }
            return number * scale
        }
    }

    func run() async throws -> [BenchFigure] {
        var figures: [BenchFigure] = []
        var fullCPU: [Int: Double] = [:]
        for size in sizes {
            let (sizeFigures, full) = try await run(size: size)
            figures += sizeFigures
            fullCPU[size] = full
        }
        if let hundred = fullCPU[100_000], let larger = fullCPU[250_000] {
            let growth = larger / hundred
            figures.append(
                BenchFigure(
                    name: "tool: 250k full / 100k full", value: String(format: "%.2f× (CPU)", growth), target: "≤ 2.7×",
                    met: growth <= 2.7))
        }
        return figures
    }

    /// The three rounds at one size; returns the figures and the tool's full-sync CPU time.
    private func run(size: Int) async throws -> ([BenchFigure], Double) {
        let perSource = min(size, 5000)
        let sourceCount = (size + perSource - 1) / perSource
        let label = size >= 1000 ? "\(size / 1000)k" : "\(size)"
        print("-- \(label): \(sourceCount) sources × \(perSource) offers; load average \(Self.loadAverage())")
        fflush(nil)
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("cpapi-bench-floor-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        return try await BenchFeeds.serving(sourceCount: sourceCount, offersPerSource: perSource) { feeds in
            let tool = try BenchToolSync(folder: folder + "/tool", sources: feeds.sources)
            let floor = FloorSync(database: try FloorDatabase(path: folder + "/floor.sqlite"), sources: feeds.sources)
            var toolTimes: [Round: Measure] = [:], peak = 0.0
            for (turn, round) in Round.allCases.enumerated() {
                if round == .changed { try await feeds.change() }
                var toolTime = Measure(wall: 0, cpu: 0), floorTime = Measure(wall: 0, cpu: 0)
                // Taking turns at going first, so neither always meets a cooler or warmer machine.
                for toolFirst in turn % 2 == 0 ? [true, false] : [false, true] {
                    if toolFirst {
                        PeakMemory.reset()
                        toolTime = try await Self.measure { _ = try await tool.sync("\(label) \(round.rawValue)") }
                        peak = max(peak, PeakMemory.residentMegabytes() ?? 0)
                    } else {
                        floorTime = try await Self.measure { _ = try await floor.sync() }
                    }
                }
                toolTimes[round] = toolTime
                let ratio = toolTime.cpu / max(floorTime.cpu, 0.001)
                let figure = BenchFigure(
                    name: "\(label) \(round.rawValue)",
                    value: "tool \(toolTime.description), floor \(floorTime.description): "
                        + String(format: "%.2f× CPU, %.2f× wall", ratio, toolTime.wall / max(floorTime.wall, 0.001)),
                    target: size >= Self.judgedFrom ? "≤ 1.0× the floor" : nil, met: size >= Self.judgedFrom ? ratio <= 1 : nil)
                // Printed as it is measured (a 250k round takes a while), so not returned.
                print(figure.line)
                fflush(nil)
            }
            let latency = try await Self.latency(tool: tool, feeds: feeds, label: label, judged: size == Self.judgedFrom)
            let full = toolTimes[.full]!.cpu, still = toolTimes[.noChange]!.cpu
            let figures = [
                BenchFigure(
                    name: "\(label) tool: no change / full", value: String(format: "%.2f× (CPU)", still / full), target: "≤ 0.25×",
                    met: still / full <= 0.25),
                BenchFigure(
                    name: "\(label) tool: peak RSS of its rounds", value: String(format: "%.0f MB", peak),
                    target: size >= 250_000 ? "≤ 250 MB" : nil, met: size >= 250_000 ? peak <= 250 : nil),
                latency
            ]
            return (figures, full)
        }
    }

    /// The tool alone, its sources made incremental (`updated_since`), as a service polling every
    /// minute would run: the time from a feed change (1% of the offers updated now) to the local
    /// platform holding it, after the poll that picks it up has started.
    private static func latency(tool: BenchToolSync, feeds: BenchFeeds, label: String, judged: Bool) async throws -> BenchFigure {
        try tool.apply(
            feeds.sources.map { source in
                var incremental = source
                incremental.incremental = true
                return incremental
            })
        // From when the changed feed is served (making it is the feed server's work, not the tool's).
        try await feeds.touch()
        let start = ContinuousClock.now
        let runs = try await tool.sync("\(label) latency")
        let seconds = (ContinuousClock.now - start).seconds
        let incremental = runs.allSatisfy { $0.kind == .incremental }
        let updated = runs.reduce(0) { $0 + $1.counts.updated }
        return BenchFigure(
            name: "\(label) tool: feed change → platform",
            value: String(format: "poll + %.2f s", seconds)
                + " (\(updated) platform offers updated, \(incremental ? "incremental" : "full") fetches)",
            target: judged ? "poll + ≤ 2 s" : nil, met: judged ? seconds <= 2 && incremental && updated > 0 : nil)
    }

    private static func measure(_ body: () async throws -> Void) async throws -> Measure {
        let start = ContinuousClock.now, cpu = ProcessCPUTime.seconds()
        try await body()
        return Measure(wall: (ContinuousClock.now - start).seconds, cpu: ProcessCPUTime.seconds() - cpu)
    }

    /// The 1-minute load average (`/proc/loadavg`): how busy the shared machine was.
    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "unknown"
    }
}
