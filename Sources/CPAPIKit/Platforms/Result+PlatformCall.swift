extension Result where Success: Sendable, Failure == PlatformError {
    /// The outcome of a platform call as a value, for a task group's child to return with its tag:
    /// `(index, await .of { try await platform.offers(ids: batch) })`.
    ///
    /// Child tasks build their tagged results from this rather than returning a tuple from inside a
    /// `do`/`catch` of their own: with Swift 6.3.1, release builds compiled such an async closure so
    /// that its task group received a corrupt result and crashed copying it (reading back offers in
    /// the sync's observe phase). A function keeps the `do`/`catch` out of the closure.
    static func of(_ call: () async throws(PlatformError) -> Success) async -> Result {
        do {
            return .success(try await call())
        } catch {
            return .failure(error)
        }
    }
}
