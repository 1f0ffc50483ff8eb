@testable import cpapi_bench
import Testing
import TUI

/// The benchmark's harness at a small scale: it fills the workspace, drives the console and times
/// every key it pressed (no assertion on the times themselves: the machine is noisy).
@Suite struct ConsoleBenchmarkTests {
    @Test func benchmarkTimesEveryKeyItPresses() async throws {
        let benchmark = ConsoleBenchmark(
            sourceCount: 2, offersPerSource: 60, size: Size(width: 120, height: 40),
            filterText: "ab", languageFilterText: "ctry:US !a", scrollKeys: 5, pageKeys: 3, sortKeys: 2)
        let figures = try await benchmark.run()
        #expect(figures.offerCount == 120)
        #expect(figures.scroll.samples.count == 5)
        #expect(figures.pageDown.samples.count == 3)
        #expect(figures.sort.samples.count == 2)
        #expect(figures.filterKeystroke.samples.count == 2)
        #expect(figures.languageKeystroke.samples.count == 10)
        #expect(figures.firstFrame <= figures.firstFrameWithOffers)
        #expect(figures.firstFrameWithOffers <= figures.everyOfferRead)
        #expect(figures.scroll.median <= figures.scroll.max)
    }
}
