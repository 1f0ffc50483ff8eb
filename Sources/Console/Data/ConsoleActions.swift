import CPAPIKit
import Foundation

/// How the console acts on the workspace: each call is one kit workflow, run in a background
/// task. The returned sentence is shown to the operator ("excluded cpalead:123; the copy is
/// platform offer 812").
public protocol ConsoleActions: Sendable {
    func perform(_ action: OperatorAction) async throws -> String
    /// The source or campaign as a TOML fragment in the `apply` file format.
    func fragment(for target: EditTarget) async throws -> String
    /// Validates `toml` like `apply` does and applies it; throws an error naming line and reason.
    func apply(fragment toml: String, for target: EditTarget) async throws
    /// Starts the sync scheduler inside this process. `progress` receives live activity; the
    /// answer says whether this process syncs or who else holds the workspace's sync lease.
    func startScheduler(progress: @escaping @Sendable (SchedulerEvent) -> Void) async -> SchedulerStart
    /// Stops the scheduler (on quit) and releases the lease.
    func stopScheduler() async
}

/// What the scheduler reports while it runs.
public enum SchedulerEvent: Sendable, Equatable {
    /// A source's run moved on (queued, a phase, progress in a phase).
    case activity(SyncActivity)
    /// A source's run ended (its activity line goes away); the error when it failed.
    case finished(sourceID: String, error: String?)
    /// When the next run is due.
    case nextRun(at: Date)
}

/// Whether the scheduler runs in this process.
public enum SchedulerStart: Sendable, Equatable {
    case running
    /// Another process holds the sync lease ("pid 4242"): the console only watches the store.
    case heldElsewhere(String)
    /// Syncing is not possible (e.g. no platform configured): why.
    case unavailable(String)
}
