import Foundation

/// Why `HTTPFetcher` got no usable answer. Any HTTP status, even 500, is an answer, not an error:
/// the caller reads `HTTPFetchResponse.status`.
///
/// `mayHaveReachedServer` tells a caller whose request creates something whether it must look the
/// result up before trying again (it may have happened) or can simply try again (it surely did not).
public enum HTTPFetchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The URL could not be used (no scheme, no host…). Carries the redacted URL.
    case invalidURL(String)
    /// No connection could be made (refused, unreachable, DNS): the request surely did not reach the server.
    /// Carries the whole sentence (`connection refused by 127.0.0.1:1`).
    case connectionFailed(String)
    /// The connection was not made within the connect timeout: the request surely did not reach the server.
    case connectTimeout
    /// No byte came within the read timeout after the request was sent: it may have reached the server.
    case readTimeout
    /// The whole attempt (connecting, sending, the whole answer) did not finish within this limit
    /// (the request timeout, or what was left of the fetch deadline): an answer trickling in byte by
    /// byte ends here. The request may have reached the server.
    case requestTimeout(Duration)
    /// The fetch deadline ended the retries: another attempt could not have finished before it.
    /// Carries how long the fetch had taken, its deadline, and each attempt's failure in order.
    case gaveUp(after: Duration, deadline: Duration, failures: [HTTPFetchError])
    /// The connection closed before the whole answer arrived: the request may have reached the server.
    case connectionLost(String)
    /// The body was larger than the cap. The status and headers are those of the over-large answer.
    case tooLarge(limit: Int, status: Int, headers: [HeaderField])
    /// The calling task was cancelled.
    case cancelled
    /// Anything else the HTTP stack reported (TLS, protocol errors): the request may have reached the server.
    case other(String)

    /// False only when the request surely never reached the server.
    public var mayHaveReachedServer: Bool {
        switch self {
        case .invalidURL, .connectionFailed, .connectTimeout: return false
        case .readTimeout, .requestTimeout, .connectionLost, .tooLarge, .cancelled, .other: return true
        case .gaveUp(_, _, let failures): return failures.contains { $0.mayHaveReachedServer }
        }
    }

    public var isTimeout: Bool {
        switch self {
        case .connectTimeout, .readTimeout, .requestTimeout: return true
        case .gaveUp(_, _, let failures): return failures.last?.isTimeout ?? true
        default: return false
        }
    }

    /// One line for the operator (holds no credentials: URLs in it are redacted when built).
    public var description: String {
        switch self {
        case .invalidURL(let url): return "invalid URL \(url)"
        case .connectionFailed(let why): return why
        case .connectTimeout: return "timed out connecting"
        case .readTimeout: return "timed out waiting for the answer"
        case .requestTimeout(let limit): return "the answer did not finish within \(Self.words(limit))"
        case .connectionLost(let why): return "connection lost before the whole answer arrived (\(why))"
        case .tooLarge(let limit, let status, _): return "answer larger than \(limit) bytes (HTTP \(status))"
        case .cancelled: return "cancelled"
        case .other(let why): return why
        case .gaveUp(let elapsed, let deadline, let failures):
            return "gave up after \(Self.words(elapsed)) (fetch deadline \(Self.words(deadline))): " + Self.summary(of: failures)
        }
    }

    /// What the attempts met: `the server answered 3 times too slowly (read timeout)` when each was
    /// too slow, else how many failed and the last one's reason.
    static func summary(of failures: [HTTPFetchError]) -> String {
        guard let last = failures.last else { return "no time was left for a request" }
        let times = failures.count == 1 ? "once" : "\(failures.count) times"
        if failures.allSatisfy(\.isTimeout) {
            var kinds: [String] = []
            for failure in failures {
                let kind: String
                switch failure {
                case .connectTimeout: kind = "connect timeout"
                case .readTimeout: kind = "read timeout"
                default: kind = "request timeout"
                }
                if !kinds.contains(kind) { kinds.append(kind) }
            }
            return "the server answered \(times) too slowly (\(kinds.joined(separator: ", ")))"
        }
        return failures.count == 1 ? last.description : "\(failures.count) attempts failed, the last: \(last.description)"
    }

    /// A duration as a person reads it, the way Go prints one: `5m0s`, `1h2m3s`, `45s`, `1.5s`, `250ms`.
    public static func words(_ duration: Duration) -> String {
        let milliseconds = max(0, Int64((duration.timeInterval * 1000).rounded()))
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        if milliseconds < 60_000 {
            let tenths = (milliseconds + 50) / 100
            return tenths % 10 == 0 ? "\(tenths / 10)s" : "\(tenths / 10).\(tenths % 10)s"
        }
        let seconds = (milliseconds + 500) / 1000
        let (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
        return hours > 0 ? "\(hours)h\(minutes)m\(rest)s" : "\(minutes)m\(rest)s"
    }
}

extension Duration {
    /// In seconds, as Foundation counts them.
    var timeInterval: TimeInterval { Double(components.seconds) + Double(components.attoseconds) / 1e18 }

    /// Seconds as a duration (at millisecond precision).
    static func interval(_ seconds: TimeInterval) -> Duration { .milliseconds(Int64((seconds * 1000).rounded())) }
}
