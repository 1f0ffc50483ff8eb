import CPAPIKit
import Foundation

/// Who syncs the workspace and how far its runs are, as the console polls it (with its change
/// counter, without reading the workspace again): the sync lease's holder, whether it is gone, and
/// the live status it publishes (`SyncLiveStatus`).
public struct SyncWatch: Sendable, Equatable {
    /// Nil: no process holds the lease.
    public var holder: SyncLeaseHolder?
    /// The holder is this process.
    public var isSelf: Bool
    /// Its heartbeat is older than the stale limit, or it ran on this host and its process is gone:
    /// the lease may be taken over.
    public var holderGone: Bool
    /// What the holder publishes of its runs and schedule, nil when it publishes nothing (`sync --once`).
    public var live: SyncLiveStatus?

    public init(holder: SyncLeaseHolder?, isSelf: Bool = false, holderGone: Bool = false, live: SyncLiveStatus? = nil) {
        self.holder = holder; self.isSelf = isSelf; self.holderGone = holderGone; self.live = live
    }

    /// Another live process syncs.
    public var isHeldElsewhere: Bool { holder != nil && !isSelf && !holderGone }

    /// The lease is free or its holder gone: a console that does not sync may take the schedule over.
    public var mayTakeOver: Bool { holder == nil || holderGone }

    /// "pid 4242 on host".
    public static func label(_ holder: SyncLeaseHolder) -> String { "pid \(holder.pid) on \(holder.host)" }

    /// What the ticks of the live status compare: equal watches are not posted again.
    public static func == (a: SyncWatch, b: SyncWatch) -> Bool {
        a.holder?.pid == b.holder?.pid && a.holder?.host == b.holder?.host && a.holder?.heartbeatAt == b.holder?.heartbeatAt
            && a.isSelf == b.isSelf && a.holderGone == b.holderGone && a.live?.sources == b.live?.sources
            && a.live?.round == b.live?.round
    }
}
