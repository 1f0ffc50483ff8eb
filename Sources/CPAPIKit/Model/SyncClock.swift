import Foundation

/// The time the engine reads, so tests drive time instead of sleeping.
public protocol SyncClock: Sendable {
    func now() -> Date
}

/// The wall clock.
public struct SystemClock: SyncClock {
    public init() {}
    public func now() -> Date { Date() }
}
