import CPAPIKit
import Foundation
import Synchronization

/// What `GET /healthz` answers: 200 `{"status":"ok","lease":"held","last_success":{SOURCE: TIME},
/// "failing":[]}` while this process holds the sync lease and at least one source's last run did
/// not fail; 503 with `"status":"lease_lost"` once the lease is gone (another process took it, or
/// the sync stopped), or `"status":"failing"` when the last run of every source failed.
/// Sources that have not run yet count as not failing.
final class SyncHealth: Sendable {
    struct Answer: Equatable {
        var status: Int
        var body: String
    }

    private struct State {
        var lastStatus: [String: SyncRunStatus] = [:]
        var lastSuccess: [String: Date] = [:]
    }

    private let state = Mutex(State())
    /// Whether the lease is still this process's (read from the store on each request).
    private let leaseHeld: @Sendable () -> Bool

    init(leaseHeld: @escaping @Sendable () -> Bool) {
        self.leaseHeld = leaseHeld
    }

    /// The last success of each source before this process (from the runs recorded).
    func seed(lastSuccess: [String: Date]) {
        state.withLock { $0.lastSuccess.merge(lastSuccess) { old, _ in old } }
    }

    /// Whether this process holds the sync lease now.
    func leaseIsHeld() -> Bool { leaseHeld() }

    func record(_ run: SyncRun) {
        // An interrupted run says nothing of the source: the sync stopped under it.
        guard !SyncRunLog.isInterrupted(run) else { return }
        state.withLock { state in
            state.lastStatus[run.sourceID] = run.status
            if run.status == .succeeded, let ended = run.endedAt { state.lastSuccess[run.sourceID] = ended }
        }
    }

    func answer() -> Answer {
        let held = leaseIsHeld()
        let (statuses, successes) = state.withLock { ($0.lastStatus, $0.lastSuccess) }
        let failing = statuses.filter { $0.value == .failed }.keys.sorted()
        let allFailing = !statuses.isEmpty && failing.count == statuses.count
        let status = !held ? "lease_lost" : allFailing ? "failing" : "ok"
        let last = successes.keys.sorted().map { "\(StructuredLogHandler.jsonString($0)):\"\(StructuredLogHandler.timestamp(successes[$0]!))\"" }
        let body =
            "{\"status\":\"\(status)\",\"lease\":\"\(held ? "held" : "lost")\",\"last_success\":{\(last.joined(separator: ","))},"
            + "\"failing\":[\(failing.map(StructuredLogHandler.jsonString).joined(separator: ","))]}"
        return Answer(status: status == "ok" ? 200 : 503, body: body)
    }
}
