import Foundation

extension Application {
    /// Runs the loop on a thread of its own and awaits the app's final state.
    ///
    /// `run()` blocks the calling thread for the whole session. Called from async code, that
    /// thread belongs to Swift's cooperative pool, which has only as many threads as cores: the
    /// background tasks that post to the mailbox could then find no thread to run on, and the loop
    /// would wait for messages that never come. A program's main thread may call `run()`;
    /// async callers (tests among them) use this.
    public func runOnOwnThread() async throws -> A {
        let loop = UncheckedLoop(application: self)
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<UncheckedLoop<A>.Outcome, any Error>) in
            let thread = Thread {
                do { continuation.resume(returning: .init(app: try loop.application.run())) } catch { continuation.resume(throwing: error) }
            }
            thread.name = "tui-loop"
            thread.start()
        }.app
    }
}

/// Hands the loop to the thread that runs it. Safe because only that thread touches the
/// application until the continuation resumes, and the caller waits for it meanwhile.
private struct UncheckedLoop<A: App>: @unchecked Sendable {
    let application: Application<A>

    struct Outcome: @unchecked Sendable {
        let app: A
    }
}
