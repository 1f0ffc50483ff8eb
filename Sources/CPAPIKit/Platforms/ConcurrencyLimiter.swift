/// Lets at most `limit` operations run at once; the others wait their turn in arrival order.
///
/// A waiter that is cancelled keeps its place until a permit is free (then runs and sees the
/// cancellation itself): permits are never lost or doubled.
actor ConcurrencyLimiter {
    let limit: Int
    private var available: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []
    private var firstWaiter = 0

    init(limit: Int) {
        self.limit = max(1, limit)
        self.available = self.limit
    }

    /// Runs `body` once a permit is free, and frees it afterwards whatever happens.
    nonisolated func run<T: Sendable, Failure: Error>(_ body: () async throws(Failure) -> T) async throws(Failure) -> T {
        await acquire()
        do {
            let result = try await body()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    private func release() {
        if firstWaiter < waiters.count {
            // The permit passes straight to the next waiter.
            let next = waiters[firstWaiter]
            firstWaiter += 1
            if firstWaiter > 64, firstWaiter * 2 > waiters.count {
                waiters.removeFirst(firstWaiter)
                firstWaiter = 0
            }
            next.resume()
        } else {
            available += 1
        }
    }
}
