import CPAPIKit
import Foundation

/// The console's view of who syncs, as the polled `SyncWatch` changes: another process's holder
/// seen to stop is said (with when) until this console has taken the schedule over (`Console`
/// starts its scheduler as soon as the lease may be taken).
enum SyncWatchUpdate {
    static func watched(_ s: inout ConsoleState, _ watch: SyncWatch) -> [ConsoleEffect] {
        let before = s.syncWatch
        s.syncWatch = watch
        if watch.isSelf {
            if let stopped = s.stoppedHolder {
                s.backgroundStatus = StatusMessage("\(stopped.label) stopped at \(Formatting.clock(stopped.at)): this console took over the sync")
                s.stoppedHolder = nil
            }
            return []
        }
        if watch.holder != nil, !watch.holderGone {
            s.stoppedHolder = nil  // a live holder (perhaps a new one)
            return []
        }
        guard s.stoppedHolder == nil else { return [] }
        if let holder = watch.holder {
            // Gone: its heartbeat is stale or its process no longer exists; it was last alive at its heartbeat.
            s.stoppedHolder = StoppedHolder(label: SyncWatch.label(holder), at: holder.heartbeatAt)
        } else if let last = before?.holder, before?.isSelf == false {
            // It gave the lease back (stopped cleanly).
            s.stoppedHolder = StoppedHolder(label: SyncWatch.label(last), at: s.now)
        }
        if let stopped = s.stoppedHolder, case .heldElsewhere? = s.scheduler {
            s.backgroundStatus = StatusMessage("\(stopped.label) stopped at \(Formatting.clock(stopped.at)): taking over the sync")
        }
        return []
    }
}
