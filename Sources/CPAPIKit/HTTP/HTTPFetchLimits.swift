import Foundation

/// Time limits that a caller sets around code making requests it does not write itself (a demand
/// source's adapter): every `HTTPFetcher.fetch` inside `applying(_:)` keeps to them.
///
/// - `requestTimeout`: one attempt as a whole (connecting, sending, waiting, the whole body), in
///   place of the fetcher's configured one. An answer that drips in a byte at a time ends here,
///   where the per-read timeout never fires.
/// - `deadline`: every attempt of every call inside, and the waits between them, measured on the
///   fetcher's clock from `startedAt`. An attempt never runs past it, and a retry that could not
///   finish before it is not made: the call ends with `HTTPFetchError.gaveUp` (or, when the last
///   attempt got an answer, with that answer).
public struct HTTPFetchLimits: Sendable, Equatable {
    public var requestTimeout: Duration?
    /// When the whole fetch began (on the fetcher's clock).
    public var startedAt: Date
    /// How long the whole fetch may take from `startedAt`; nil: no deadline.
    public var deadline: Duration?

    public init(requestTimeout: Duration? = nil, startedAt: Date, deadline: Duration? = nil) {
        self.requestTimeout = requestTimeout; self.startedAt = startedAt; self.deadline = deadline
    }

    /// The moment the deadline passes, if there is one.
    var endsAt: Date? { deadline.map { startedAt.addingTimeInterval($0.timeInterval) } }

    /// The limits in force for the current task (nil: the fetcher's configuration only).
    @TaskLocal public static var current: HTTPFetchLimits?

    /// Runs `body` with these limits on every fetch it makes, in this task and its child tasks.
    public func applying<T>(_ body: () async throws -> T, isolation: isolated (any Actor)? = #isolation) async rethrows -> T {
        try await Self.$current.withValue(self, operation: body, isolation: isolation)
    }
}
