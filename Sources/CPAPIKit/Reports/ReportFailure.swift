import Foundation

/// Why a report call (conversions lookup, reversals download) did not give its answer. Every case
/// carries one line saying what, where and why; none holds the API key.
public enum ReportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The source cannot be asked as stored: unknown, archived, not CPAlead, no API key, key unreadable.
    case notUsable(String)
    /// The endpoint's slot is taken until `until` and the caller chose not to wait.
    case rateLimited(sourceID: String, endpoint: ReportEndpoint, until: Date)
    /// The call was made and failed (transport, HTTP status, unreadable or error answer); redacted.
    case fetch(FetchFailure)
    /// The answer came but could not be stored (nothing of it was kept).
    case store(String)
    /// Bad arguments (a range that ends before it starts).
    case invalidRequest(String)
    /// The caller's task was cancelled while waiting or calling; what was stored stays stored.
    case cancelled(String)

    public var description: String {
        switch self {
        case .notUsable(let why), .store(let why), .invalidRequest(let why), .cancelled(let why): return why
        case .rateLimited(let sourceID, let endpoint, let until):
            return "source \(sourceID): the \(endpoint.rawValue) API allows its next call at "
                + until.formatted(.iso8601) + " (one call per interval)"
        case .fetch(let failure): return failure.reason
        }
    }
}
