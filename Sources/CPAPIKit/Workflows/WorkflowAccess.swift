import Foundation

/// How a workflow gets the right to write placements without racing a sync:
/// - in the process that syncs (the console's scheduler holds the workspace's sync lease), the
///   workflow waits on the `SourceWriteGate` for the sources it touches, so it runs between that
///   source's runs;
/// - applied from the operator action queue (`OperatorActionContext.current` is set), it was claimed
///   by the lease holder, checked in the claim's transaction, and runs for it: it waits on the gate;
/// - in any other process, it takes the sync lease for its duration (a sync started meanwhile is
///   refused, as a second sync would be), and is refused while another live process holds it
///   (the CLI and the console queue their actions instead: `OperatorActionQueue`).
/// Every state change it makes is then written with its events in one store transaction.
struct WorkflowAccess: Sendable {
    let store: any WorkflowStore
    let gate: SourceWriteGate
    let clock: any SyncClock

    func run<T: Sendable>(sources: [String], _ body: () async throws -> T) async throws -> T {
        if OperatorActionContext.current != nil { return try await gate.withSources(sources, body) }
        let me = SyncLeaseHolder.currentProcess
        let holder: SyncLeaseHolder?
        do { holder = try store.syncLeaseHolder() } catch { throw WorkflowError.store(WorkspaceInspection.words(for: error, storePath: store.path)) }
        let inSyncingProcess = holder.map { $0.pid == me.pid && $0.host == me.host } ?? false
        if !inSyncingProcess {
            let other: SyncLeaseHolder?
            do { other = try store.acquireSyncLease(pid: me.pid, host: me.host, now: clock.now()) } catch {
                throw WorkflowError.store(WorkspaceInspection.words(for: error, storePath: store.path))
            }
            if let other { throw WorkflowError.syncInProgress(other) }
        }
        defer {
            if !inSyncingProcess { try? store.releaseSyncLease(pid: me.pid, host: me.host) }
        }
        return try await gate.withSources(sources, body)
    }
}
