import Foundation

/// How the scheduler waits for a moment on its clock; injected so tests drive time instead of sleeping.
/// A wait ends early (throwing `CancellationError`) when its task is cancelled.
public protocol SyncSchedulerSleeper: Sendable {
    func sleep(until deadline: Date, clock: any SyncClock) async throws
}

/// Waits on the system's monotonic clock for as long as `clock` says is left.
public struct SystemSyncSleeper: SyncSchedulerSleeper {
    public init() {}

    public func sleep(until deadline: Date, clock: any SyncClock) async throws {
        let seconds = deadline.timeIntervalSince(clock.now())
        guard seconds > 0 else { return }
        try await Task.sleep(for: .milliseconds(Int64((seconds * 1000).rounded(.up))))
    }
}
