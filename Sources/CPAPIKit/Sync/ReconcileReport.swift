/// How a pass reports its steps: a phase, where it stands, a line, and how many of the phase's items
/// are done when it counts them (the push's writes).
struct ReconcileReport: Sendable {
    let send: @Sendable (SyncPhase, SyncProgress.Step, String, (done: Int, total: Int)?) -> Void

    init(_ send: @escaping @Sendable (SyncPhase, SyncProgress.Step, String, (done: Int, total: Int)?) -> Void) {
        self.send = send
    }

    func callAsFunction(_ phase: SyncPhase, _ step: SyncProgress.Step, _ message: String, tally: (done: Int, total: Int)? = nil) {
        send(phase, step, message, tally)
    }
}
