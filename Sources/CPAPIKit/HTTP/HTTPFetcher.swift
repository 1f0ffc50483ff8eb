import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The HTTP layer every adapter and platform client goes through (over AsyncHTTPClient).
///
/// - Timeouts: `connectTimeout` for making the connection, `readTimeout` for each wait for bytes
///   after the request was sent (a stalled answer fails even if it started), `requestTimeout` for
///   one attempt as a whole, body included (an answer dripping in a byte at a time fails too).
/// - Deadlines: a caller sets `HTTPFetchLimits` around code it does not write (a source's adapter):
///   its request timeout replaces the configured one, and its deadline bounds every attempt and
///   wait; a retry that could not finish before the deadline is not made (`HTTPFetchError.gaveUp`).
/// - Size cap: the body is collected up to the caller's `maxBodyBytes`; a bigger one is
///   `HTTPFetchError.tooLarge`, never silently cut.
/// - Retries: per call, by an `HTTPRetryPolicy` (attempts, backoff with jitter, which outcomes,
///   `Retry-After` with a ceiling). After the last attempt, an HTTP error status is returned as the
///   answer (the caller reads `status`); a transport failure is thrown.
/// - One fetcher per process: `HTTPFetcher.shared` lives as long as the process (never shut down).
///   A fetcher made with `init` owns its connection pool: call `shutdown()` when done with it.
/// - Tests inject `sleep` (record the waits instead of waiting), `clock` (for `Retry-After` dates)
///   and `random` (jitter).
public final class HTTPFetcher: Sendable {
    /// Connection settings fixed for a fetcher's lifetime.
    public struct Configuration: Sendable, Equatable {
        public var connectTimeout: Duration
        public var readTimeout: Duration
        /// One attempt as a whole: connecting, sending, and the whole answer (`HTTPFetchLimits` may set another).
        public var requestTimeout: Duration
        /// Connections kept per host (sources fetched in parallel share one host in the benchmark).
        public var maxConnectionsPerHost: Int

        public init(
            connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(60),
            requestTimeout: Duration = HTTPFetcher.defaultRequestTimeout, maxConnectionsPerHost: Int = 16
        ) {
            self.connectTimeout = connectTimeout; self.readTimeout = readTimeout; self.requestTimeout = requestTimeout
            self.maxConnectionsPerHost = max(1, maxConnectionsPerHost)
        }
    }

    /// Waits between attempts; `Task.sleep` unless a test records instead.
    public typealias Sleep = @Sendable (Duration) async throws -> Void

    /// The process-wide fetcher (default configuration). Never shut down: it lives as long as the process.
    public static let shared = HTTPFetcher()

    /// The default limit on one attempt as a whole: 2 minutes (`[sync] request_timeout`).
    public static let defaultRequestTimeout: Duration = .seconds(120)

    /// The default cap on a body: 64 MiB (a full CPAlead feed of 5,000 offers is a few MiB).
    public static let defaultMaxBodyBytes = 64 << 20

    public let configuration: Configuration
    private let client: HTTPClient
    private let sleep: Sleep
    private let clock: any SyncClock
    private let random: @Sendable () -> Double

    public init(
        configuration: Configuration = Configuration(),
        sleep: @escaping Sleep = { try await Task.sleep(for: $0) },
        clock: any SyncClock = SystemClock(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        var clientConfiguration = HTTPClient.Configuration()
        clientConfiguration.timeout = .init(connect: configuration.connectTimeout.timeAmount, read: configuration.readTimeout.timeAmount)
        // Our retry policy decides about failed connections; the pool must not retry them silently until the connect timeout.
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        clientConfiguration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = configuration.maxConnectionsPerHost
        clientConfiguration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        self.client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: clientConfiguration)
        self.configuration = configuration
        self.sleep = sleep
        self.clock = clock
        self.random = random
    }

    /// Closes the connection pool. Required before a fetcher made with `init` goes away (not for `shared`).
    public func shutdown() async throws {
        try await client.shutdown()
    }

    /// Sends `request`, retrying as `policy` allows, and returns the answer with its whole body.
    ///
    /// Keeps to the task's `HTTPFetchLimits`: each attempt ends at the request timeout or at the
    /// deadline, whichever comes first, and no retry is made that could not finish before the
    /// deadline (it would need at least as long as the attempt before it took; a timed-out one took
    /// its timeout).
    ///
    /// - Parameters:
    ///   - maxBodyBytes: the body cap; a larger body throws `.tooLarge` (not retried).
    ///   - redactor: masks credentials in the URL quoted by `.invalidURL`.
    /// - Returns: the last answer, whatever its status (a 500 that outlived the retries, or that the
    ///   deadline left no time to retry, is returned, not thrown).
    /// - Throws: `HTTPFetchError` when no answer came (check `mayHaveReachedServer` before repeating a
    ///   create); `.gaveUp` when the deadline ended the retries.
    public func fetch(
        _ request: HTTPFetchRequest, policy: HTTPRetryPolicy = .idempotent,
        maxBodyBytes: Int = HTTPFetcher.defaultMaxBodyBytes, redactor: Redactor = Redactor()
    ) async throws(HTTPFetchError) -> HTTPFetchResponse {
        let limits = HTTPFetchLimits.current
        let requestTimeout = limits?.requestTimeout ?? configuration.requestTimeout
        var failures: [HTTPFetchError] = []
        var attempt = 0
        while true {
            attempt += 1
            var limit = requestTimeout
            var cutByDeadline = false
            if let limits, let endsAt = limits.endsAt {
                let left = endsAt.timeIntervalSince(clock.now())
                guard left > 0 else { throw Self.gaveUp(limits, failures, now: clock.now()) }
                if Duration.interval(left) < limit { limit = .interval(left); cutByDeadline = true }
            }
            let began = clock.now()
            let wait: Duration
            do {
                var response = try await fetchOnce(request, limit: limit, maxBodyBytes: maxBodyBytes, redactor: redactor)
                response.attempts = attempt
                guard attempt < policy.maxAttempts, policy.mayRetry(status: response.status) else { return response }
                if let header = response.header("Retry-After"), response.status == 429 || response.status == 503,
                    let asked = RetryAfter.delay(header: header, now: clock.now())
                {
                    // Asked to wait longer than we may: hand back the refusal rather than hammer or stall.
                    guard asked <= policy.retryAfterCeiling else { return response }
                    wait = asked
                } else {
                    wait = policy.backoff(afterAttempt: attempt, random: random())
                }
                guard nextAttemptFits(after: wait, began: began, failure: nil, limits: limits) else { return response }
            } catch {
                failures.append(error)
                if cutByDeadline, case .requestTimeout = error, let limits { throw Self.gaveUp(limits, failures, now: clock.now()) }
                guard attempt < policy.maxAttempts, policy.mayRetry(error) else { throw error }
                wait = policy.backoff(afterAttempt: attempt, random: random())
                if let limits, !nextAttemptFits(after: wait, began: began, failure: error, limits: limits) {
                    throw Self.gaveUp(limits, failures, now: clock.now())
                }
            }
            do { try await sleep(wait) } catch { throw .cancelled }
        }
    }

    /// Whether an attempt started after `wait` could finish before the deadline of `limits`: it needs
    /// at least as long as the one that began at `began` took, and a timed-out one took its timeout.
    private func nextAttemptFits(after wait: Duration, began: Date, failure: HTTPFetchError?, limits: HTTPFetchLimits?) -> Bool {
        guard let endsAt = limits?.endsAt else { return true }
        let now = clock.now()
        var needs = now.timeIntervalSince(began)
        switch failure {
        case .connectTimeout?: needs = max(needs, configuration.connectTimeout.timeInterval)
        case .readTimeout?: needs = max(needs, configuration.readTimeout.timeInterval)
        case .requestTimeout(let limit)?: needs = max(needs, limit.timeInterval)
        default: break
        }
        return now.addingTimeInterval(wait.timeInterval + needs) <= endsAt
    }

    private static func gaveUp(_ limits: HTTPFetchLimits, _ failures: [HTTPFetchError], now: Date) -> HTTPFetchError {
        .gaveUp(after: .interval(now.timeIntervalSince(limits.startedAt)), deadline: limits.deadline ?? .zero, failures: failures)
    }

    /// One attempt within `limit`: send, collect the body up to the cap, translate failures. The
    /// client's own deadline ends the attempt only until the answer's head arrives, so the body is
    /// collected in a race with a timer.
    private func fetchOnce(
        _ request: HTTPFetchRequest, limit: Duration, maxBodyBytes: Int, redactor: Redactor
    ) async throws(HTTPFetchError) -> HTTPFetchResponse {
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = url.host, !host.isEmpty
        else {
            throw .invalidURL(redactor.url(request.url))
        }
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = HTTPMethod(rawValue: request.method)
        for field in request.headers { outgoing.headers.add(name: field.name, value: field.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let prepared = outgoing
        let outcome = await withTaskGroup(of: Result<HTTPFetchResponse, HTTPFetchError>?.self) { group in
            group.addTask {
                do throws(HTTPFetchError) {
                    return .success(try await self.exchange(prepared, url: url, limit: limit, maxBodyBytes: maxBodyBytes, redactor: redactor))
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                // Cancelled when the exchange ended first, or with the caller: the exchange's outcome stands then.
                do { try await Task.sleep(for: limit) } catch { return nil }
                return .failure(.requestTimeout(limit))
            }
            var first: Result<HTTPFetchResponse, HTTPFetchError>?
            while first == nil, let next = await group.next() { first = next }
            group.cancelAll()
            return first ?? .failure(.cancelled)
        }
        return try outcome.get()
    }

    /// Sends `outgoing` and collects its answer.
    private func exchange(
        _ outgoing: HTTPClientRequest, url: URL, limit: Duration, maxBodyBytes: Int, redactor: Redactor
    ) async throws(HTTPFetchError) -> HTTPFetchResponse {
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing, deadline: .now() + limit.timeAmount)
        } catch let error as HTTPClientError where error == .deadlineExceeded {
            throw .requestTimeout(limit)
        } catch {
            throw Self.translate(error, redactor: redactor, endpoint: Self.endpoint(of: url))
        }
        let headers = response.headers.map { HeaderField($0.name, $0.value) }
        let status = Int(response.status.code)
        do {
            let buffer = try await response.body.collect(upTo: maxBodyBytes)
            return HTTPFetchResponse(status: status, headers: headers, body: Data(buffer.readableBytesView))
        } catch is NIOTooManyBytesError {
            throw .tooLarge(limit: maxBodyBytes, status: status, headers: headers)
        } catch {
            throw Self.translate(error, redactor: redactor, endpoint: Self.endpoint(of: url))
        }
    }

    /// `host:port` of a URL, the port its scheme's default when none is written.
    static func endpoint(of url: URL) -> String {
        let host = url.host ?? "?"
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        return (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
    }

    /// Sorts the HTTP stack's errors into "surely not sent" and "may have reached the server".
    static func translate(_ error: any Error, redactor: Redactor, endpoint: String) -> HTTPFetchError {
        if error is CancellationError { return .cancelled }
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout, .tlsHandshakeTimeout, .socksHandshakeTimeout, .httpProxyHandshakeTimeout,
                .getConnectionFromPoolTimeout:
                return .connectTimeout
            case .readTimeout, .deadlineExceeded: return .readTimeout
            case .remoteConnectionClosed: return .connectionLost("the server closed the connection")
            case .cancelled: return .cancelled
            case .invalidURL, .emptyHost, .emptyScheme: return .invalidURL(redactor.text(String(describing: error)))
            default: return .other(redactor.text(String(describing: error)))
            }
        }
        if let error = error as? HTTPParserError, error == .invalidEOFState || error == .closedConnection {
            return .connectionLost("the answer ended before its announced length")
        }
        if let error = error as? NIOConnectionError {
            if let first = error.connectionErrors.first {
                let why = (first.error as? IOError).map { Self.words(errno: $0.errnoCode, endpoint: endpoint) }
                return .connectionFailed(redactor.text(why ?? "could not connect to \(endpoint): \(first.error)"))
            }
            return .connectionFailed(redactor.text("no address found for \(error.host)"))
        }
        if let error = error as? ChannelError {
            switch error {
            case .connectTimeout: return .connectTimeout
            case .connectPending: return .connectionFailed("connection pending")
            default: return .connectionLost(String(describing: error))
            }
        }
        if let error = error as? IOError {
            let why = Self.words(errno: error.errnoCode, endpoint: endpoint)
            switch error.errnoCode {
            case ECONNREFUSED, ENETUNREACH, EHOSTUNREACH, EADDRNOTAVAIL:
                return .connectionFailed(why)
            case ECONNRESET, EPIPE, ECONNABORTED:
                return .connectionLost(why)
            default:
                return .other(why)
            }
        }
        return .other(redactor.text(String(describing: error)))
    }

    /// A socket error as a person says it: `connection refused by 127.0.0.1:1`, not NIO's
    /// `connection reset (error set): Connection refused (errno: 111)`.
    static func words(errno code: CInt, endpoint: String) -> String {
        switch code {
        case ECONNREFUSED: return "connection refused by \(endpoint)"
        case ENETUNREACH: return "network unreachable on the way to \(endpoint)"
        case EHOSTUNREACH: return "no route to \(endpoint)"
        case EADDRNOTAVAIL: return "cannot connect to \(endpoint): address not available"
        case ECONNRESET: return "connection reset by \(endpoint)"
        case EPIPE, ECONNABORTED: return "connection to \(endpoint) broken"
        case ETIMEDOUT: return "timed out connecting to \(endpoint)"
        default: return "\(endpoint): " + String(cString: strerror(code)).lowercased()
        }
    }
}

extension Duration {
    /// The NIO equivalent, in nanoseconds.
    var timeAmount: TimeAmount {
        let parts = components
        return .nanoseconds(parts.seconds * 1_000_000_000 + parts.attoseconds / 1_000_000_000)
    }
}
