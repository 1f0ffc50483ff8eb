import TUI

/// How long one frame of a large scrolled table takes to render into a fresh buffer and diff
/// against the previous frame (the work the toolkit's loop does per redraw, minus the terminal I/O).
enum TUIBenchmark {
    /// Renders `frames` frames of a `width`×`height` screen showing a table of `rows` rows, moving
    /// the selection each frame (so the viewport scrolls), and returns the mean time per frame.
    static func renderTableFrame(
        width: Int = 200, height: Int = 60, rows: Int = 1_000_000,
        frames: Int = 200
    ) -> Duration {
        let source = ClosureTableDataSource(rowCount: rows) { i in
            TableRow(["\(i)", "Offer \(i)", "merchant-\(i % 977)", "\(i % 10_000).\(i % 100) EUR", i % 3 == 0 ? "active" : "paused"])
        }
        let columns = [
            TableColumn("ID", width: .length(9), alignment: .right),
            TableColumn("Name", width: .fill(2)),
            TableColumn("Merchant", width: .fill(1)),
            TableColumn("Payout", width: .length(14), alignment: .right),
            TableColumn("Status", width: .length(8))
        ]
        let area = Rect(width: width, height: height)
        let block = Block(title: "Offers", theme: .ansi256, focused: true)
        var state = TableState()
        state.setViewportHeight(height - 3, rowCount: rows)
        state.select(rows / 2, rowCount: rows)
        var previous = Buffer(area: area)
        var changed = 0
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<max(1, frames) {
                state.pageDown(rowCount: rows)
                var buffer = Buffer(area: area)
                Table(
                    columns: columns, data: source, state: state, block: block, sort: SortIndicator(column: 0),
                    highlightSymbol: "▶ ", theme: .ansi256
                ).render(in: area, buffer: &buffer)
                changed &+= buffer.diff(from: previous).count
                previous = buffer
            }
        }
        precondition(changed > 0, "the benchmark must actually change the screen")
        return elapsed / max(1, frames)
    }
}
