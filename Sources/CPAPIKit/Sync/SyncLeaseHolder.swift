import Foundation

/// The process that holds a workspace's sync lease: only it syncs; others read and show "synced by pid N".
public struct SyncLeaseHolder: Sendable, Equatable, Codable {
    public var pid: Int32
    public var host: String
    public var acquiredAt: Date
    public var heartbeatAt: Date

    public init(pid: Int32, host: String, acquiredAt: Date, heartbeatAt: Date) {
        self.pid = pid; self.host = host; self.acquiredAt = acquiredAt; self.heartbeatAt = heartbeatAt
    }

    /// This process, on this host.
    public static var currentProcess: (pid: Int32, host: String) {
        (ProcessInfo.processInfo.processIdentifier, ProcessInfo.processInfo.hostName)
    }

    /// Whether another process may take the lease over from this holder: its heartbeat is older than
    /// `staleAfter`, or it ran on this host and its process no longer exists (the rule
    /// `acquireSyncLease` applies; a look before trying, which writes).
    public func isGone(at now: Date, staleAfter: TimeInterval = WorkspaceStore.syncLeaseStaleAfter) -> Bool {
        if now.timeIntervalSince(heartbeatAt) > staleAfter { return true }
        guard host == ProcessInfo.processInfo.hostName else { return false }
        return !(kill(pid, 0) == 0 || errno == EPERM)
    }

    /// Whether this process holds it.
    public var isCurrentProcess: Bool {
        let me = Self.currentProcess
        return pid == me.pid && host == me.host
    }
}
