import Foundation

/// The thread-safe queue through which background work talks to the loop. Any thread or task may
/// `post`; the loop `drain`s it on its own thread and feeds each message to `App.update`. Posting
/// wakes the loop if it is waiting for input, so messages are handled immediately.
public final class Mailbox<Message: Sendable>: Sendable {
    private let state = Locked(State())

    private struct State {
        var messages: [Message] = []
        var wake: (@Sendable () -> Void)?
    }

    public init() {}

    /// Queues `message` and wakes the loop.
    public func post(_ message: Message) {
        let wake = state.withLock { s -> (@Sendable () -> Void)? in
            s.messages.append(message)
            return s.wake
        }
        wake?()  // outside the lock: waking may block briefly (a pipe write)
    }

    /// Takes every queued message, oldest first.
    public func drain() -> [Message] {
        state.withLock { s in
            defer { s.messages.removeAll(keepingCapacity: true) }
            return s.messages
        }
    }

    public var isEmpty: Bool { state.withLock { $0.messages.isEmpty } }

    /// Installed by the loop while it runs.
    func setWaker(_ wake: (@Sendable () -> Void)?) {
        state.withLock { $0.wake = wake }
    }

    /// Starts background work off the loop's thread (a detached task, so it never waits for the
    /// main actor, which the loop keeps busy). The work posts its results to this mailbox.
    @discardableResult
    public func spawn(
        priority: TaskPriority? = nil,
        _ work: @escaping @Sendable (Mailbox<Message>) async -> Void
    ) -> Task<Void, Never> {
        Task.detached(priority: priority) { [self] in await work(self) }
    }
}

/// A value behind a lock. (The Synchronization module's `Mutex` needs macOS 15; the package
/// supports macOS 14, so this small wrapper over `NSLock` does the same job.)
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// A one-shot wake-up flag a thread can sleep on (used by the headless backend).
final class WakeSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var signaled = false

    func signal() {
        condition.lock()
        signaled = true
        condition.signal()
        condition.unlock()
    }

    /// Sleeps until signalled or until `timeout` passes; returns whether it was signalled.
    @discardableResult
    func wait(timeout: Duration?) -> Bool {
        condition.lock()
        defer { signaled = false; condition.unlock() }
        if signaled { return true }
        if let timeout {
            let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
            let deadline = Date(timeIntervalSinceNow: max(0, seconds))
            while !signaled { if !condition.wait(until: deadline) { break } }
        } else {
            while !signaled { condition.wait() }
        }
        return signaled
    }
}
