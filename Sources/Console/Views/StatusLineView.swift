import TUI

/// The line above the hints: the command line or the filter line while open, else the latest
/// message (an outcome, an error, why a key does nothing), actions in flight, or the active filter.
struct StatusLineView {
    let state: ConsoleState

    func render(in area: Rect, frame: inout Frame) {
        let theme = frame.theme
        switch state.prompt {
        case .commandLine?:
            InputLine(state.command, prompt: ":", placeholder: "sync, pause SOURCE:ID, retire CAMPAIGN, platform, q…", theme: theme)
                .render(in: area, frame: &frame)
            return
        case .offerFilter?:
            // A text that does not parse says why where the count was; the rows stay as they were.
            let error = state.offers.queryError.map { "\(matches) kept: \($0.message)" }
            filterLine(
                state.filter, placeholder: "ctry:US payout>5 !state:held /re/ title words… (? for the language)",
                count: error ?? matches, countStyle: error == nil ? frame.theme.muted : frame.theme.error, in: area, frame: &frame)
            return
        case .detailsFind?:
            var count = ""
            if let page = state.detailsPage, state.detailsFind.isActive {
                let n = page.lines.filter { !DetailsView.matches(of: state.detailsFind.text, in: $0).isEmpty }.count
                count = "\(Formatting.count(n)) line" + (n == 1 ? "" : "s")
            }
            filterLine(state.detailsFind.input, placeholder: "find in the details", count: count, in: area, frame: &frame)
            return
        case .platformFilter?:
            let total: Int
            if case .platform(let offers, _)? = state.topOverlay { total = offers?.all.count ?? 0 } else { total = 0 }
            filterLine(
                state.platformFilter.input, placeholder: "filter the platform offers (! inverts)",
                count: "\(Formatting.count(state.platformRows?.count ?? 0)) of \(Formatting.count(total))", in: area, frame: &frame)
            return
        case .reportsFilter?:
            let view = state.reports.view
            filterLine(
                view?.filter.input ?? InputState(), placeholder: "filter the offers (! inverts)",
                count: "\(Formatting.count(view?.rows.count ?? 0)) of \(Formatting.count(view?.report?.offers.count ?? 0))",
                in: area, frame: &frame)
            return
        case .dialog?, .range?, .lookup?, nil:
            break
        }
        if let error = state.loadError {
            frame.buffer.write("cannot read the workspace: \(error)", in: area, style: theme.error)
        } else if let status = state.status ?? state.backgroundStatus {
            let busy = state.inFlight.isEmpty ? "" : "  [\(state.inFlight.count) running]"
            frame.buffer.write(status.text + busy, in: area, style: status.isError ? theme.error : theme.normal)
        } else if let error = state.offers.queryError {
            frame.buffer.write(
                "filter /\(state.offers.query) not applied (showing /\(state.offers.appliedQuery), \(matches)): \(error.message)",
                in: area, style: theme.error)
        } else if !state.offers.query.isEmpty {
            frame.buffer.write(
                "filter /\(state.offers.query): \(matches) (/ to change, Esc in Offers to clear)",
                in: area, style: theme.muted)
        }
    }

    /// A filter's input line with its count on the right.
    func filterLine(
        _ input: InputState, placeholder: String, count: String, countStyle: Style? = nil, in area: Rect, frame: inout Frame
    ) {
        // The count never takes more than two thirds of the line: the text typed stays in view.
        let countWidth = count.isEmpty ? 0 : min(DisplayWidth.of(count) + 1, area.width * 2 / 3)
        if !count.isEmpty {
            frame.buffer.write(
                count, in: Rect(x: area.right - countWidth, y: area.y, width: countWidth, height: 1),
                style: countStyle ?? frame.theme.muted, alignment: .right)
        }
        InputLine(input, prompt: "/", placeholder: placeholder, theme: frame.theme)
            .render(in: Rect(x: area.x, y: area.y, width: max(0, area.width - countWidth - 1), height: 1), frame: &frame)
    }

    /// "12 matches", "so far" while the workspace's offers are still being read.
    var matches: String {
        "\(Formatting.count(state.offers.count)) match" + (state.offers.count == 1 ? "" : "es") + (state.offersLoading ? " so far" : "")
    }
}
