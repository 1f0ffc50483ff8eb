import Foundation

/// Keeps a held sync lease alive while its holder works: renews the heartbeat on a task of its own
/// every `interval`, so a run longer than the stale limit never looks abandoned to another process
/// (a second writer of the same workspace would create every new offer twice).
///
/// When renewing finds the lease given back, it takes it again if it is free; when another process
/// holds it (this one was stopped past the stale limit, or the lease row was removed by a restore),
/// `onLost` is called once with that holder and the keeper ends: the holder must stop writing.
public final class SyncLeaseKeeper: Sendable {
    private let task: Task<Void, Never>

    public init(
        store: any SyncLeaseStore, identity: (pid: Int32, host: String),
        interval: TimeInterval = WorkspaceStore.syncLeaseHeartbeat, clock: any SyncClock = SystemClock(),
        onLost: @escaping @Sendable (SyncLeaseHolder) -> Void
    ) {
        task = Task.detached {
            while !Task.isCancelled {
                do { try await Task.sleep(for: .seconds(interval)) } catch { return }
                do {
                    let now = clock.now()
                    guard try await !store.renewSyncLease(pid: identity.pid, host: identity.host, now: now) else { continue }
                    if let other = try store.acquireSyncLease(pid: identity.pid, host: identity.host, now: now) {
                        onLost(other)
                        return
                    }
                } catch {
                    // A failed renewal (a busy or full disk) is tried again next beat: the stale limit
                    // is ten beats, so one miss never loses the lease.
                    continue
                }
            }
        }
    }

    /// Stops renewing (the holder gives the lease back itself), once the renewing task has ended:
    /// it holds the store, whose closing at the end of a process checkpoints and removes the WAL.
    public func stop() async {
        task.cancel()
        await task.value
    }

    deinit {
        task.cancel()
    }
}
