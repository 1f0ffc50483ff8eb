import TUI

/// Render + diff of a 200×60 frame holding a 1,000,000-row table with a scrolled viewport.
struct FrameRenderBenchmark {
    func run() -> [BenchFigure] {
        let perFrame = TUIBenchmark.renderTableFrame(width: 200, height: 60, rows: 1_000_000, frames: 200)
        let milliseconds = perFrame.seconds * 1000
        return [
            BenchFigure(
                name: "render + diff, 200×60, 1M rows", value: String(format: "%.2f ms/frame", milliseconds),
                target: "≤ 2 ms", met: milliseconds <= 2)
        ]
    }
}
