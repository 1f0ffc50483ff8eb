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
        case .readTimeout, .connectionLost, .tooLarge, .cancelled, .other: return true
        }
    }

    public var isTimeout: Bool {
        switch self {
        case .connectTimeout, .readTimeout: return true
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
        case .connectionLost(let why): return "connection lost before the whole answer arrived (\(why))"
        case .tooLarge(let limit, let status, _): return "answer larger than \(limit) bytes (HTTP \(status))"
        case .cancelled: return "cancelled"
        case .other(let why): return why
        }
    }
}
