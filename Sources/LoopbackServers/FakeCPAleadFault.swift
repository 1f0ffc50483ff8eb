import Foundation

/// A misbehaviour the fake CPAlead server can be switched to, to test how the adapter copes.
public enum FakeCPAleadFault: Sendable, Equatable {
    /// This HTTP status with a short text body (500, 502, 503, 404…).
    case status(Int)
    /// HTTP 429, with `Retry-After` set to this value when given (`"2"` or an HTTP date).
    case tooManyRequests(retryAfter: String?)
    /// An HTML error page with this status.
    case htmlPage(status: Int)
    /// A 200 whose JSON stops halfway through.
    case truncatedBody
    /// A 200 with `{"status":"error","message":…}`.
    case errorStatus(message: String)
    /// A 200 success with no offers.
    case emptyFeed
    /// The normal answer, after this delay.
    case slow(Duration)
    /// The normal answer, once `FakeCPAleadServer.release()` is called: the test acts while the client waits.
    case held
    /// Headers and part of the body, then the connection is closed.
    case dropConnection
    /// HTTP 200 and its headers at once, then one space (JSON's leading whitespace) every `interval`,
    /// never the answer: a read timeout never fires, only the client's request timeout ends it.
    case drip(every: Duration)
}

/// How many requests a fault applies to.
public enum FakeCPAleadFaultRepeat: Sendable, Equatable {
    case once
    case times(Int)
    case untilCleared

    var count: Int? {
        switch self {
        case .once: return 1
        case .times(let count): return max(0, count)
        case .untilCleared: return nil
        }
    }
}
