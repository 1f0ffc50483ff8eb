import CPAPIKit
import Foundation

/// The text of a source's details screen: its status, when it is tried next and with what backoff,
/// the failed call as the store keeps it (code, headers, body: redacted and size-capped), the last
/// runs with their counts, and the settings that shape its fetch.
enum SourceDetailsView {
    /// One entry per line (`SubjectDetailsView` wraps the long ones).
    static func lines(_ d: SourceDetails, now: Date) -> [String] {
        let source = d.source, state = d.source.state
        var out = ["\(source.config.title) · source \(source.id) · \(source.config.kind.rawValue)", ""]
        out.append("Status")
        out.append("  status            " + statusText(state))
        out.append("  last success      " + when(state.lastSuccessAt, now: now))
        out.append("  next try          " + nextTry(d, now: now))
        out.append("  backoff           " + backoff(d))
        out.append("")
        out.append("Failed call")
        if let failure = state.failure {
            out += failedCall(failure)
        } else {
            out.append("  none: the last fetch worked" + (d.failuresInARow > 0 ? " (later runs failed in their writes)" : ""))
        }
        out.append("")
        out.append("Last runs")
        if d.runs.isEmpty { out.append("  none yet") }
        for run in d.runs {
            out.append("  " + runText(run))
            if let error = run.error { out.append("      " + error) }
            if let note = run.missingNote { out.append("      missing not marked: " + note) }
        }
        out.append("")
        out.append("Settings")
        out.append("  base URL          " + source.config.baseURL)
        out.append("  publisher id      " + source.config.cpalead.publisherID)
        out.append(
            "  fetch             "
                + (source.config.incremental
                    ? "incremental, full every \(duration(source.config.fullEvery))" : "full every time")
                + ", at most \(Formatting.count(source.config.effectiveLimit)) offers")
        out.append("  poll interval     " + duration(d.pollInterval) + (source.config.pollInterval == nil ? " ([sync] poll_interval)" : ""))
        return out
    }

    static func statusText(_ state: SourceState) -> String {
        if let archived = state.archivedAt { return "archived \(Formatting.timestamp(archived)) (deleted: no longer fetched)" }
        switch state.status {
        case .ready: return "ready"
        case .processing: return "processing (a run is fetching or storing it)"
        case .invalid: return "invalid" + (state.failure.map { ": \($0.reason)" } ?? "")
        }
    }

    static func when(_ date: Date?, now: Date) -> String {
        guard let date else { return "never" }
        return Formatting.timestamp(date) + " (\(Formatting.age(date, now: now)) ago)"
    }

    static func nextTry(_ d: SourceDetails, now: Date) -> String {
        switch d.schedule {
        case .here(let entry, _):
            if entry.isRunning { return "running now" }
            if entry.nextRunAt <= now { return "due now" }
            return "in \(Formatting.countdown(to: entry.nextRunAt, now: now)) (\(Formatting.clock(entry.nextRunAt)))"
        case .elsewhere(let holder, let status?):
            if let phase = status.phase { return "running now in \(holder) (\(phase.rawValue))" }
            if status.isQueued { return "due, waiting for a free slot in \(holder)" }
            guard let next = status.nextRunAt else { return "as \(holder) schedules it" }
            if next <= now { return "due now in \(holder)" }
            return "in \(Formatting.countdown(to: next, now: now)) (\(Formatting.clock(next))), by \(holder)"
        case .elsewhere(let holder, nil):
            return "as \(holder) schedules it (that process syncs this workspace)"
        case .unscheduled:
            return "not scheduled: no process syncs this workspace now"
        }
    }

    /// The scheduler retries a failed or partial run after its retry base, doubled per such run in
    /// a row, never later than the poll interval.
    static func backoff(_ d: SourceDetails) -> String {
        var failures = d.failuresInARow
        if case .elsewhere(_, let status?) = d.schedule { failures = status.consecutiveFailures }
        if case .here(let entry, let retryBase) = d.schedule {
            failures = entry.consecutiveFailures
            if failures > 0 {
                let delay = min(retryBase * pow(2, Double(min(failures - 1, 30))), d.pollInterval)
                return "\(runs(failures)) failed in a row: retried after \(duration(delay)) "
                    + "(\(duration(retryBase)) doubled per failure, at most the poll interval)"
            }
        }
        guard failures > 0 else {
            return d.runs.isEmpty ? "none (no run yet)" : "none: the last run succeeded, the next comes at the poll interval (±10%)"
        }
        return "\(runs(failures)) failed in a row: retried sooner than the poll interval, the wait doubling per failure"
    }

    static func runs(_ n: Int) -> String { n == 1 ? "1 run" : "\(n) runs" }

    static func failedCall(_ f: FetchFailure) -> [String] {
        var out = ["  at                " + Formatting.timestamp(f.at), "  reason            " + f.reason]
        guard let status = f.httpStatus else {
            out.append("  HTTP status       none: the call got no answer")
            return out
        }
        out.append("  HTTP status       \(status)")
        out.append("  headers           " + (f.headers.isEmpty ? "none" : ""))
        for name in f.headers.keys.sorted(by: { $0.lowercased() < $1.lowercased() }) {
            out.append("    \(name): \(f.headers[name] ?? "")")
        }
        guard let body = f.body, !body.isEmpty else {
            out.append("  body              empty")
            return out
        }
        out.append("  body              (credentials masked; a long body is cut)")
        out += DetailsView.prettyJSON(body).map { "    " + $0 }
        return out
    }

    /// `2024-05-01 14:03:22  full         succeeded  4s  fetched 500 new 2 changed 3`.
    static func runText(_ run: SyncRun) -> String {
        let took = run.endedAt.map { duration($0.timeIntervalSince(run.startedAt)) } ?? "…"
        let counts = SyncStripView.countsText(run.counts)
        return [
            Formatting.timestamp(run.startedAt), run.kind.rawValue.padding(toLength: 11, withPad: " ", startingAt: 0),
            (run.status == .running ? "running (\(run.phase.rawValue))" : run.status.rawValue).padding(toLength: 9, withPad: " ", startingAt: 0),
            took.padding(toLength: 5, withPad: " ", startingAt: 0), counts.isEmpty ? "nothing counted" : counts
        ].joined(separator: "  ")
    }

    /// `45s`, `12m`, `1h 30m`, `2d 3h`.
    static func duration(_ seconds: TimeInterval) -> String {
        let s = max(0, Int(seconds.rounded()))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return s % 60 == 0 || s >= 600 ? "\(s / 60)m" : "\(s / 60)m \(s % 60)s" }
        if s < 86_400 { return "\(s / 3600)h" + (s % 3600 >= 60 ? " \((s % 3600) / 60)m" : "") }
        return "\(s / 86_400)d" + (s % 86_400 >= 3600 ? " \((s % 86_400) / 3600)h" : "")
    }
}
