import TUI

/// The line above the hints: the command line or the filter line while open, else the latest
/// message (an outcome, an error, why a key does nothing), actions in flight, or the active filter.
struct StatusLineView {
    let state: ConsoleState

    func render(in area: Rect, frame: inout Frame) {
        let theme = frame.theme
        if state.commandOpen {
            InputLine(state.command, prompt: ":", placeholder: "sync, pause SOURCE:ID, retire CAMPAIGN, platform, q…", theme: theme)
                .render(in: area, frame: &frame)
            return
        }
        if state.filterOpen {
            let count = matches
            let countWidth = DisplayWidth.of(count) + 1
            frame.buffer.write(count, in: Rect(x: area.right - countWidth, y: area.y, width: countWidth, height: 1),
                               style: theme.muted, alignment: .right)
            InputLine(state.filter, prompt: "/", placeholder: "filter all columns (! inverts)", theme: theme)
                .render(in: Rect(x: area.x, y: area.y, width: max(0, area.width - countWidth - 1), height: 1), frame: &frame)
            return
        }
        if let error = state.loadError {
            frame.buffer.write("cannot read the workspace: \(error)", in: area, style: theme.error)
        } else if let status = state.status {
            let busy = state.inFlight.isEmpty ? "" : "  [\(state.inFlight.count) running]"
            frame.buffer.write(status.text + busy, in: area, style: status.isError ? theme.error : theme.normal)
        } else if !state.offers.query.isEmpty {
            frame.buffer.write("filter /\(state.offers.query): \(matches) (/ to change, Esc in Offers to clear)",
                               in: area, style: theme.muted)
        }
    }

    /// "12 matches", "so far" while the workspace's offers are still being read.
    var matches: String {
        "\(Formatting.count(state.offers.count)) match" + (state.offers.count == 1 ? "" : "es") + (state.offersLoading ? " so far" : "")
    }
}
