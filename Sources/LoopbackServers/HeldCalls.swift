/// Calls a fake server holds (the `.held` faults) until the test lets them go, oldest first: the
/// test acts while the client waits for its answer.
actor HeldCalls {
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var releasesAhead = 0

    var count: Int { waiting.count }

    /// Returns once `release()` lets this call go (at once when a release came first).
    func hold() async {
        if releasesAhead > 0 {
            releasesAhead -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty { releasesAhead += 1 } else { waiting.removeFirst().resume() }
    }
}
