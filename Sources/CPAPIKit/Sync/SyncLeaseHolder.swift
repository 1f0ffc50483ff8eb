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
}
