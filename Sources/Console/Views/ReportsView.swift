import CPAPIKit
import Foundation
import TUI

/// The Reports view of one source: the range and what of it is downloaded, sparklines of reversals
/// per day for the source and the selected offer, the per-offer table (sortable), and the live
/// state of a reversals download started here.
struct ReportsView {
    let state: ConsoleState

    /// Lines above the table: range, source sparkline, offer sparkline, range input or notice, error.
    static let headerLines = 5
    /// Window lines the download section shows at most (the ones around the window being asked).
    static let maxWindowLines = 6
    static let labelWidth = 16
    static let figuresWidth = 34

    static func download(_ s: ConsoleState) -> ReversalDownload? {
        s.reports.view.flatMap { s.reports.downloads[$0.sourceID] }
    }

    /// The download's lines: its state, why it ended early (if it did), its windows.
    static func downloadHeight(_ s: ConsoleState) -> Int {
        download(s).map { 1 + ($0.failure == nil ? 0 : 1) + min($0.windows.count, maxWindowLines) } ?? 0
    }

    /// Rows of data the table shows in `area` (the overlay area), for paging.
    static func tableRows(in area: Rect, state: ConsoleState) -> Int {
        max(1, area.height - 2 - headerLines - downloadHeight(state) - 1)
    }

    /// "12.50 USD", or the bare figure without a currency.
    static func money(_ amount: Double, _ currency: String?) -> String {
        OfferRow.twoDecimals(amount) + (currency.map { " \($0)" } ?? "")
    }

    static func reversals(_ count: Int) -> String {
        "\(Formatting.count(count)) reversal" + (count == 1 ? "" : "s")
    }

    func render(in area: Rect, frame: inout Frame) {
        guard let view = state.reports.view else { return }
        let theme = frame.theme
        frame.buffer.fill(area)
        let title = state.sources.first { $0.id == view.sourceID }.map { "Reports · \($0.id) (\($0.title))" } ?? "Reports · \(view.sourceID)"
        let block = Block(title: title, theme: theme, focused: true)
        frame.render(block, in: area)
        let inner = block.inner(area).inner(Margin(horizontal: 1, vertical: 0))
        guard inner.height > Self.headerLines else { return }
        let report = view.report
        let days = view.range.start.days(to: view.range.end) + 1

        // Range, what is downloaded, the API's slot.
        var line = "Range \(view.range) (\(Formatting.count(days)) days)"
        if let report, view.isCurrent {
            line += " · downloaded: \(report.coverage)"
            let next = report.nextCallAt.flatMap { $0 > state.now ? $0 : nil }
            line += " · reversals API: " + (next.map { "next call allowed in \(Formatting.countdown(to: $0, now: state.now))" } ?? "free")
        }
        frame.buffer.write(line, in: inner.row(0), style: theme.normal)

        // Sparklines.
        let sparkWidth = max(1, inner.width - Self.labelWidth - Self.figuresWidth - 2)
        if let report {
            let perBar = ReversalSparkline.daysPerColumn(days: report.sourceDays.count, width: sparkWidth)
            let scale = perBar > 1 ? " (\(perBar) days a bar)" : ""
            sparkline(
                "Source", counts: report.sourceDays.map(\.count),
                figures: Self.reversals(report.totalCount) + " · " + Self.money(report.totalAmount, report.commonCurrency) + scale,
                row: inner.row(1), width: sparkWidth, frame: &frame)
            if let selected = view.selectedRow {
                sparkline(
                    "Offer " + (selected.offerID ?? "—"), counts: report.days(ofOffer: selected.offerID),
                    figures: Self.reversals(selected.count) + " · " + Self.money(selected.amount, selected.currency),
                    row: inner.row(2), width: sparkWidth, frame: &frame)
            }
        }

        // The range being typed, else what the operator may want to know; then an error.
        if let input = view.rangeInput {
            InputLine(input, prompt: "range FROM TO: ", placeholder: ReportRanges.text(view.range), theme: theme)
                .render(in: inner.row(3), frame: &frame)
        } else {
            frame.buffer.write(notice(view), in: inner.row(3), style: theme.muted)
        }
        if let error = view.rangeInput != nil ? view.rangeError : view.loadError {
            frame.buffer.write(error, in: inner.row(4), style: theme.error)
        }

        // The table, then the download.
        let downloadHeight = Self.downloadHeight(state)
        let tableArea = Rect(
            x: inner.x, y: inner.y + Self.headerLines, width: inner.width,
            height: max(0, inner.height - Self.headerLines - downloadHeight))
        renderTable(view, in: tableArea, frame: &frame)
        if let download = Self.download(state), downloadHeight > 0 {
            renderDownload(download, in: Rect(x: inner.x, y: tableArea.bottom, width: inner.width, height: downloadHeight), frame: &frame)
        }
        if let report, view.isCurrent {
            let offers =
                view.filter.isActive
                ? "/\(view.filter.text): \(Formatting.count(view.rows.count)) of \(Formatting.count(report.offers.count)) offers"
                : "\(Formatting.count(view.rows.count)) offer\(view.rows.count == 1 ? "" : "s")"
            BorderNote.write(offers + " · " + Self.reversals(report.totalCount), on: area, buffer: &frame.buffer, style: theme.muted)
        }
    }

    func notice(_ view: ReversalReportState) -> String {
        guard let report = view.report, view.isCurrent else { return view.loadError == nil ? "reading…" : "" }
        let days = view.range.start.days(to: view.range.end) + 1
        let covered = report.coverage.days(in: view.range)
        if covered == 0 { return "no reversals downloaded for this range — press d to download it" }
        if covered < days { return "only \(covered) of these \(days) days are downloaded — press d to download the rest" }
        return ""
    }

    func sparkline(_ label: String, counts: [Int], figures: String, row: Rect, width: Int, frame: inout Frame) {
        let theme = frame.theme
        frame.buffer.write(Buffer.truncate(label, toWidth: Self.labelWidth - 1), x: row.x, y: row.y, style: theme.header, clip: row)
        let spark = ReversalSparkline.text(counts, width: width)
        let x = frame.buffer.write(spark, x: row.x + Self.labelWidth, y: row.y, style: theme.sparkline, clip: row)
        frame.buffer.write(figures, in: Rect(x: x + 2, y: row.y, width: max(0, row.right - x - 2), height: 1), style: theme.normal)
    }

    func renderTable(_ view: ReversalReportState, in area: Rect, frame: inout Frame) {
        let theme = frame.theme
        let columns = ReversalColumn.allCases
        let rows = view.rows
        let total = view.report?.totalCount ?? 0
        let data = ClosureTableDataSource(rowCount: rows.count) { i in
            TableRow(columns.map { $0.text(of: rows[i], total: total) }, style: rows[i].isStored ? nil : theme.muted)
        }
        frame.render(
            Table(
                columns: columns.map { TableColumn($0.title, width: $0.width, alignment: $0.alignment) }, data: data,
                state: view.table, sort: SortIndicator(column: view.sortColumn.rawValue, ascending: view.ascending),
                highlightSymbol: "▶ ", theme: theme), in: area)
        if rows.isEmpty, view.report != nil, area.height > 2 {
            let empty =
                view.filter.isActive && !(view.report?.offers.isEmpty ?? true)
                ? "no offer matches /\(view.filter.text)" : "no reversals in this range"
            frame.buffer.write(empty, in: area.row(2), style: theme.muted, alignment: .center)
        }
    }

    func renderDownload(_ download: ReversalDownload, in area: Rect, frame: inout Frame) {
        let theme = frame.theme
        var head = "Download \(download.range): "
        let style: Style
        if download.running {
            head += download.stopping ? "stopping…" : "running, x stops it"
            style = theme.title
        } else if download.failure != nil {
            head += (download.stopping ? "stopped" : "failed") + " — the months stored before are kept; d resumes"
            style = download.stopping ? theme.warning : theme.error
        } else {
            head += "done: " + download.summary
            style = theme.ok
        }
        frame.buffer.write(head, in: area.row(0), style: style)
        var y = 1
        if let failure = download.failure {
            frame.buffer.write("  " + failure, in: area.row(y), style: style)
            y += 1
        }
        let shown = min(download.windows.count, Self.maxWindowLines)
        let anchor = download.currentIndex ?? download.windows.count - 1
        let first = max(0, min(anchor - 2, download.windows.count - shown))
        for (row, index) in (first..<(first + shown)).enumerated() where y + row < area.height {
            let window = download.windows[index]
            let text = "  \(index + 1)/\(download.windows.count) \(window)  " + windowText(download, index)
            frame.buffer.write(text, in: area.row(y + row), style: theme.normal)
        }
    }

    func windowText(_ download: ReversalDownload, _ index: Int) -> String {
        switch download.states[index] {
        case .pending:
            return download.currentIndex == index ? "asking the API…" : (download.running ? "pending" : "not fetched")
        case .waiting(let until):
            guard download.running else { return "not fetched" }
            guard until > state.now else { return "asking the API…" }
            return "waiting for the API's slot: next call allowed in \(Formatting.countdown(to: until, now: state.now))"
        case .skipped: return "already stored, skipped"
        case .stored(let received, let added): return "stored \(Formatting.count(received)) (\(Formatting.count(added)) new)"
        }
    }
}
