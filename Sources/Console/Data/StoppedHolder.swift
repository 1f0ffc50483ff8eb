import Foundation

/// A holder seen to stop: its label and when (its last heartbeat when it went stale or its process
/// died, the moment it gave the lease back otherwise).
public struct StoppedHolder: Sendable, Equatable {
    public var label: String
    public var at: Date
    public init(label: String, at: Date) { self.label = label; self.at = at }
}
