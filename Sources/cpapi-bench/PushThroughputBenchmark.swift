import LoopbackServers

/// Writes per second against the loopback fake Affise at the platform client's default concurrency (8).
struct PushThroughputBenchmark {
    func run() async throws -> [BenchFigure] {
        let result = try await FakeAffiseThroughput.measure(offers: 2_000, concurrency: 8)
        return [
            BenchFigure(name: "Affise creates/s (8 in flight)", value: String(format: "%.0f (%d offers)", result.createsPerSecond, result.offers)),
            BenchFigure(name: "Affise edits/s (8 in flight)", value: String(format: "%.0f (%d offers)", result.editsPerSecond, result.offers))
        ]
    }
}
