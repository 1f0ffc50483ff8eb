import Foundation

/// When and how long `HTTPFetcher` waits and tries again, chosen per call.
///
/// Delays grow exponentially from `baseDelay` (×2 per attempt) up to `maxDelay`, minus a random
/// share of up to `jitter` so that many clients do not retry in step. A `Retry-After` header on a
/// 429 or 503 (seconds or an HTTP date) replaces the computed delay; when it asks for longer than
/// `retryAfterCeiling`, the fetcher does not wait at all and hands back that answer.
///
/// A request that creates something must not be repeated when it may have reached the server:
/// use `.nonIdempotent` (retries only when it surely did not happen: connection refused, connect
/// timeout, 429).
public struct HTTPRetryPolicy: Sendable, Equatable {
    /// Which outcomes may be retried.
    public struct Outcomes: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// No connection was made (refused, unreachable, connect timeout): surely not received.
        public static let connectionFailure = Outcomes(rawValue: 1 << 0)
        /// HTTP 429: the server refused to handle it.
        public static let tooManyRequests = Outcomes(rawValue: 1 << 1)
        /// HTTP 500–599 (except 501): the server may have acted on it.
        public static let serverError = Outcomes(rawValue: 1 << 2)
        /// Read timeout, or the whole attempt past its request timeout: the server may have acted on it.
        public static let readTimeout = Outcomes(rawValue: 1 << 3)
        /// The connection dropped mid-answer: the server may have acted on it.
        public static let connectionLost = Outcomes(rawValue: 1 << 4)

        /// Outcomes after which the request surely did not take effect.
        public static let surelyNotReceived: Outcomes = [.connectionFailure, .tooManyRequests]
        public static let all: Outcomes = [.connectionFailure, .tooManyRequests, .serverError, .readTimeout, .connectionLost]
    }

    /// Total attempts, the first included (1 = never retry).
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// Share (0…1) of each computed delay that is randomly taken off.
    public var jitter: Double
    /// The longest `Retry-After` that is waited for; a longer one ends the retries.
    public var retryAfterCeiling: Duration
    public var retryOn: Outcomes

    public init(
        maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(8),
        jitter: Double = 0.3, retryAfterCeiling: Duration = .seconds(120), retryOn: Outcomes = .all
    ) {
        self.maxAttempts = max(1, maxAttempts); self.baseDelay = baseDelay; self.maxDelay = maxDelay
        self.jitter = min(max(jitter, 0), 1); self.retryAfterCeiling = retryAfterCeiling; self.retryOn = retryOn
    }

    /// For reads (`GET`, and any call that is safe to repeat): every transient outcome is retried.
    public static let idempotent = HTTPRetryPolicy()
    /// For calls that create or change something: retried only when it surely did not reach the server.
    public static let nonIdempotent = HTTPRetryPolicy(retryOn: .surelyNotReceived)
    /// One attempt, never retried.
    public static let never = HTTPRetryPolicy(maxAttempts: 1)

    /// The backoff before attempt `attempt + 1`, after `attempt` failed ones (1-based), with jitter
    /// drawn from `random` (a value in 0..<1).
    public func backoff(afterAttempt attempt: Int, random: Double) -> Duration {
        let exponent = min(max(attempt - 1, 0), 30)
        let grown = baseDelay * (1 << exponent)
        let capped = grown > maxDelay ? maxDelay : grown
        return capped * (1 - jitter * min(max(random, 0), 1))
    }

    /// Whether an answer with this HTTP status may be retried under this policy.
    public func mayRetry(status: Int) -> Bool {
        if status == 429 { return retryOn.contains(.tooManyRequests) }
        if (500...599).contains(status) && status != 501 { return retryOn.contains(.serverError) }
        return false
    }

    /// Whether this transport error may be retried under this policy.
    public func mayRetry(_ error: HTTPFetchError) -> Bool {
        switch error {
        case .connectionFailed, .connectTimeout: return retryOn.contains(.connectionFailure)
        case .readTimeout, .requestTimeout: return retryOn.contains(.readTimeout)
        case .connectionLost: return retryOn.contains(.connectionLost)
        case .invalidURL, .tooLarge, .cancelled, .other, .gaveUp: return false
        }
    }
}
