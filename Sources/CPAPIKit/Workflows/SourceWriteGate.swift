/// Serialises, within one process, the writers of one source's placements: a source's sync run and
/// an operator's workflow on one of its offers never interleave (the engine writes a whole placement
/// row from what it read at the start of the run, so a hold set in between would otherwise be lost).
///
/// Sources are independent: a workflow waits at most for the run of its own offer's source. Several
/// sources are taken in id order, so two callers never wait on each other. Across processes the sync
/// lease does the same job (see `WorkflowAccess`).
public actor SourceWriteGate {
    private var held = Set<String>()
    private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

    public init() {}

    /// Runs `body` holding the sources `ids` (in id order, duplicates ignored), released after it ends or throws.
    public nonisolated func withSources<T: Sendable>(_ ids: [String], _ body: () async throws -> T) async rethrows -> T {
        let ordered = Array(Set(ids)).sorted()
        for id in ordered { await acquire(id) }
        do {
            let result = try await body()
            await release(ordered)
            return result
        } catch {
            await release(ordered)
            throw error
        }
    }

    /// Whether a writer holds this source now (for the console's hints).
    public func isBusy(_ id: String) -> Bool { held.contains(id) }

    private func acquire(_ id: String) async {
        guard held.contains(id) else {
            held.insert(id)
            return
        }
        // Ownership is handed over by `release`: on resumption the source is ours.
        await withCheckedContinuation { waiters[id, default: []].append($0) }
    }

    private func release(_ ids: [String]) {
        for id in ids {
            if var queue = waiters[id], !queue.isEmpty {
                let next = queue.removeFirst()
                waiters[id] = queue.isEmpty ? nil : queue
                next.resume()
            } else {
                held.remove(id)
            }
        }
    }
}
