import CPAPIKit
import TUI

/// The Sync strip: one live line per running source (phase, progress bar, counts), then the
/// latest events, newest first.
struct SyncStripView {
    let state: ConsoleState

    /// One live line: a source, its phase (or "queued", "retry N"), a bar when it runs, a text.
    struct LiveLine: Equatable {
        var source: String
        var phase: String
        var ratio: Double?
        var gauge = true
        var counts: String
    }

    /// Live lines: this process's runs, else the runs the holder publishes (`SyncLiveStatus`), else
    /// the runs another process records in the store; then the failing sources with their retry's countdown.
    var liveLines: [LiveLine] {
        var lines: [LiveLine]
        let watch = state.syncWatch
        if !state.activities.isEmpty {
            lines = state.activities.map { a in
                LiveLine(
                    source: a.sourceID, phase: Self.phaseText(a.phase?.rawValue ?? "queued", done: a.done, total: a.total),
                    ratio: a.fraction, counts: Self.countsText(a.counts))
            }
        } else if let watch, watch.isHeldElsewhere, let live = watch.live {
            lines = live.sources.filter { $0.isRunning || $0.isQueued }.map { source in
                let ratio = source.total.flatMap { t in source.done.map { t > 0 ? min(1, Double($0) / Double(t)) : 0 } }
                return LiveLine(
                    source: source.sourceID,
                    phase: Self.phaseText(source.phase?.rawValue ?? "queued", done: source.done, total: source.total),
                    ratio: ratio, counts: Self.countsText(source.counts))
            }
        } else {
            lines = state.runningRuns.map { run in
                LiveLine(source: run.sourceID, phase: run.phase.rawValue, ratio: nil, counts: Self.countsText(run.counts))
            }
        }
        if let watch, watch.isSelf || watch.isHeldElsewhere, let live = watch.live {
            let shown = Set(lines.map(\.source))
            for source in live.sources where source.consecutiveFailures > 0 && !source.isRunning && !shown.contains(source.sourceID) {
                guard let next = source.nextRunAt else { continue }
                let countdown = next > state.now ? "in \(Formatting.countdown(to: next, now: state.now))" : "due"
                lines.append(
                    LiveLine(
                        source: source.sourceID, phase: "retry \(source.consecutiveFailures)", gauge: false,
                        counts: countdown + (source.lastError.map { " · \($0)" } ?? "")))
            }
        }
        return lines
    }

    /// "push 2,312/5,000" when the phase counts its items, else the phase.
    static func phaseText(_ phase: String, done: Int?, total: Int?) -> String {
        guard let done, let total, total > 0 else { return phase }
        return "\(phase) \(Formatting.count(done))/\(Formatting.count(total))"
    }

    static func countsText(_ c: SyncCounts) -> String {
        var parts: [String] = []
        if c.fetched > 0 { parts.append("fetched \(c.fetched)") }
        if c.new > 0 { parts.append("new \(c.new)") }
        if c.changed > 0 { parts.append("changed \(c.changed)") }
        if c.missing > 0 { parts.append("missing \(c.missing)") }
        if c.created > 0 { parts.append("created \(c.created)") }
        if c.updated > 0 { parts.append("updated \(c.updated)") }
        if c.paused > 0 { parts.append("paused \(c.paused)") }
        if c.excluded > 0 { parts.append("excluded \(c.excluded)") }
        if c.failed > 0 { parts.append("failed \(c.failed)") }
        return parts.joined(separator: " ")
    }

    static func eventText(_ e: SyncEvent) -> String {
        var subject = ""
        if let source = e.sourceID, let offer = e.offerExternalID {
            subject = "\(source):\(offer) "
        } else if let source = e.sourceID {
            subject = "\(source) "
        }
        return "\(Formatting.clock(e.at)) \(subject)\(e.kind.rawValue.replacingOccurrences(of: "_", with: " ")): \(e.message)"
    }

    func render(in area: Rect, frame: inout Frame) {
        let theme = frame.theme
        let focused = state.focus == .sync && state.topOverlay == nil
        let block = Block(title: Pane.sync.title, theme: theme, focused: focused)
        frame.render(block, in: area)
        let inner = block.inner(area)
        guard !inner.isEmpty else { return }
        var y = inner.y
        for line in liveLines.prefix(max(0, inner.height - 1)) {
            let row = inner.row(y - inner.y)
            var x = frame.buffer.write(Buffer.truncate(line.source, toWidth: 14), x: row.x, y: y, style: theme.title, clip: row)
            x = max(x, row.x + 15)
            x = frame.buffer.write(line.phase, x: x, y: y, style: theme.hintKey, clip: row)
            x = max(x + 1, row.x + 23)
            let barWidth = min(20, max(0, row.right - x - 1))
            if line.gauge && barWidth > 2 {
                let ratio = line.ratio ?? Self.phaseRatio(line.phase)
                frame.render(Gauge(ratio: ratio, label: "", theme: theme), in: Rect(x: x, y: y, width: barWidth, height: 1))
                x += barWidth + 1
            }
            frame.buffer.write(line.counts, in: Rect(x: x, y: y, width: max(0, row.right - x), height: 1), style: theme.normal)
            y += 1
        }
        if state.scheduler == .running && liveLines.isEmpty && state.events.isEmpty {
            frame.buffer.write("waiting for the first sync…", in: inner.row(0), style: theme.muted)
            return
        }
        let room = inner.bottom - y
        guard room > 0 else { return }
        let first = state.syncList.visibleOffset(rowCount: state.events.count, height: room)
        for (i, event) in state.events.dropFirst(first).prefix(room).enumerated() {
            let selected = focused && first + i == state.syncList.selected
            let style: Style =
                event.kind == .fetchFailed || event.kind == .writeFailed
                ? theme.error
                : (event.kind == .excluded ? theme.warning : theme.normal)
            frame.buffer.write(Self.eventText(event), in: inner.row(y - inner.y + i), style: selected ? style.patched(with: theme.selected) : style)
        }
    }

    /// Without counts, the bar shows how far through the five phases the run is.
    static func phaseRatio(_ phase: String) -> Double {
        guard let p = SyncPhase(rawValue: phase), let i = SyncPhase.allCases.firstIndex(of: p) else { return 0 }
        return Double(i) / Double(SyncPhase.allCases.count - 1)
    }
}
