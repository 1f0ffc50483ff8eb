import Console
import Foundation

/// The console at 100k offers (see `ConsoleBenchmark`), as bench figures against the console's targets.
struct ConsoleBenchmarkSection {
    func run() async throws -> [BenchFigure] {
        let f = try await ConsoleBenchmark().run()
        let ms = { (d: Duration) in d.seconds * 1000 }
        func keys(_ name: String, _ t: ConsoleBenchmark.Timings, targetMs: Double, typed: String? = nil) -> BenchFigure {
            BenchFigure(
                name: name,
                value: String(
                    format: "median %.1f ms, p95 %.1f ms, max %.1f ms (%d keys", ms(t.median), ms(t.p95), ms(t.max), t.samples.count)
                    + (typed.map { " of \"\($0)\"" } ?? "") + ")",
                target: String(format: "p95 ≤ %.0f ms", targetMs), met: ms(t.p95) <= targetMs)
        }
        return [
            BenchFigure(name: "offers in the workspace", value: "\(f.offerCount)"),
            BenchFigure(name: "first frame", value: String(format: "%.0f ms", ms(f.firstFrame))),
            BenchFigure(
                name: "first frame listing offers", value: String(format: "%.0f ms", ms(f.firstFrameWithOffers)),
                target: "≤ 500 ms", met: ms(f.firstFrameWithOffers) <= 500),
            BenchFigure(name: "every offer read (filter complete)", value: String(format: "%.0f ms", ms(f.everyOfferRead))),
            keys("key → frame: j (scroll)", f.scroll, targetMs: 16),
            keys("key → frame: PgDn", f.pageDown, targetMs: 16),
            keys("filter keystroke → frame", f.filterKeystroke, targetMs: 30),
            keys("filter language keystroke → frame", f.languageKeystroke, targetMs: 30, typed: ConsoleBenchmark().languageFilterText),
            BenchFigure(
                name: "key → frame: > (sort every offer)",
                value: String(format: "median %.1f ms, max %.1f ms (%d keys)", ms(f.sort.median), ms(f.sort.max), f.sort.samples.count)),
            BenchFigure(
                name: "console peak RSS (VmHWM)",
                value: (f.peakResidentMegabytes.map { String(format: "%.0f MB", $0) } ?? "unknown")
                    + (f.startResidentMegabytes.map { String(format: " (%.0f MB when it opened)", $0) } ?? ""),
                target: "≤ 300 MB", met: f.peakResidentMegabytes.map { $0 <= 300 })
        ]
    }
}
