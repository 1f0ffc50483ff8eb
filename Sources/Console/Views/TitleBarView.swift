import CPAPIKit
import Foundation
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
        case .running?:
            let running = state.activities.filter { !$0.isQueued }.count
            let queued = state.activities.count - running
            if running == 0 && queued == 0 { return "sync idle" }
            return "syncing \(running)" + (queued > 0 ? " (+\(queued) queued)" : "")
        case .unavailable?: return "sync off"
        case .heldElsewhere(let holder)?: return otherHolderState ?? runningElsewhere("synced by \(holder)")
        case nil: return otherHolderState ?? state.otherSyncHolder.map { runningElsewhere("synced by \($0)") } ?? "sync starting"
        }
    }

    /// Another process's sync as the polled watch has it: "synced by pid N on HOST" only while that
    /// process is alive, else when it stopped.
    private var otherHolderState: String? {
        if let stopped = state.stoppedHolder { return "holder \(stopped.label) stopped at \(Formatting.clock(stopped.at))" }
        guard let watch = state.syncWatch, !watch.isSelf else { return nil }
        guard let holder = watch.holder else { return state.scheduler == nil ? nil : "no process syncs" }
        if watch.holderGone { return "holder \(SyncWatch.label(holder)) stopped at \(Formatting.clock(holder.heartbeatAt))" }
        return runningElsewhere("synced by \(SyncWatch.label(holder))")
    }

    /// "synced by …: 2 running · 12/20 sources": the holder's live status, else the runs in the store.
    private func runningElsewhere(_ text: String) -> String {
        let running = state.syncWatch?.live.map { $0.sources.filter(\.isRunning).count } ?? state.runningRuns.count
        return (running > 0 ? "\(text): \(running) running" : text) + roundText
    }

    /// " · 12/20 sources" while another holder runs a round (this console's own lines say as much).
    private var roundText: String {
        guard let round = state.syncWatch?.live?.round, round.total > 0 else { return "" }
        return " · \(round.done)/\(round.total) sources"
    }

    /// When the holder runs a source next: this console's scheduler's, else another holder's published schedule.
    var nextRun: Date? {
        let published = state.syncWatch?.live?.sources.filter { !$0.isRunning && !$0.isQueued }.compactMap(\.nextRunAt).min()
        // This console's: read with the workspace, else as its scheduler published it (just after a takeover).
        if state.scheduler == .running { return state.nextRunAt ?? (state.syncWatch?.isSelf == true ? published : nil) }
        return state.syncWatch?.isHeldElsewhere == true ? published : nil
    }

    var right: String {
        var parts = [syncState]
        if let next = nextRun { parts.append("next \(Formatting.countdown(to: next, now: state.now))") }
        parts.append(Formatting.clock(state.now) + " ")
        return parts.joined(separator: " · ")
    }

    func render(in area: Rect, frame: inout Frame) {
        frame.render(StatusBar(left: left, right: right, theme: frame.theme), in: area)
    }
}
