/// What the reconcile phases (match, observe, plan, push) did in one run.
public struct ReconcileOutcome: Sendable, Equatable {
    public var created = 0
    public var updated = 0
    public var paused = 0
    public var excluded = 0
    public var failed = 0
    /// Offers already in the platform taken over instead of created: made by a lost workspace
    /// (`ExistingOfferAdoption`) or by a create whose answer was lost.
    public var adopted = 0
    /// `succeeded`, `partial` (some writes failed; retried next run) or `failed`.
    public var status: SyncRunStatus
    /// One line: why it failed or was partial.
    public var error: String?

    public init(
        created: Int = 0, updated: Int = 0, paused: Int = 0, excluded: Int = 0, failed: Int = 0,
        status: SyncRunStatus = .succeeded, error: String? = nil
    ) {
        self.created = created; self.updated = updated; self.paused = paused; self.excluded = excluded
        self.failed = failed; self.status = status; self.error = error
    }
}
