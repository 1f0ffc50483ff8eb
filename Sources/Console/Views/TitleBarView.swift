import TUI

/// The top line: workspace, platform kind and host, sync state, next run countdown, clock.
struct TitleBarView {
    let state: ConsoleState

    var left: String {
        var platform = state.platform.kind.rawValue + " platform"
        if let host = Formatting.host(state.platform.url) { platform += " (\(host))" }
        return " cpapi-tui · \(state.workspace) · \(platform)"
    }

    var syncState: String {
        switch state.scheduler {
        case .heldElsewhere(let holder)?:
            return state.runningRuns.isEmpty ? "synced by \(holder)" : "synced by \(holder): \(state.runningRuns.count) running"
        case .unavailable?: return "sync off"
        case nil: return state.otherSyncHolder.map { "synced by \($0)" } ?? "sync starting"
        case .running?:
            let running = state.activities.filter { !$0.isQueued }.count
            let queued = state.activities.count - running
            if running == 0 && queued == 0 { return "sync idle" }
            return "syncing \(running)" + (queued > 0 ? " (+\(queued) queued)" : "")
        }
    }

    var right: String {
        var parts = [syncState]
        if let next = state.nextRunAt, state.scheduler == .running { parts.append("next \(Formatting.countdown(to: next, now: state.now))") }
        parts.append(Formatting.clock(state.now) + " ")
        return parts.joined(separator: " · ")
    }

    func render(in area: Rect, frame: inout Frame) {
        frame.render(StatusBar(left: left, right: right, theme: frame.theme), in: area)
    }
}
