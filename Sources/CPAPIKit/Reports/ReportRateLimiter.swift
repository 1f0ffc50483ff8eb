import Foundation

/// Spaces the calls to a source's report APIs (CPAlead: one per minute each), across every process on
/// the workspace: each call first reserves its slot in the store (`reserveRateLimitSlot`), and a 429
/// pushes the next slot to what its `Retry-After` asks.
///
/// Waiting reads the injected clock and sleeps through the injected sleeper, so tests run on short
/// intervals and stepped time.
public struct ReportRateLimiter: Sendable {
    /// Waits for a duration; `Task.sleep` unless a test steps a clock instead.
    public typealias Sleep = @Sendable (Duration) async throws -> Void

    /// CPAlead allows one call per minute to each report API.
    public static let defaultInterval: TimeInterval = 60

    public let store: WorkspaceStore
    public let interval: TimeInterval
    public let clock: any SyncClock
    private let sleep: Sleep

    public init(
        store: WorkspaceStore, interval: TimeInterval = ReportRateLimiter.defaultInterval,
        clock: any SyncClock = SystemClock(), sleep: @escaping Sleep = { try await Task.sleep(for: $0) }
    ) {
        self.store = store; self.interval = interval; self.clock = clock; self.sleep = sleep
    }

    /// Takes the endpoint's slot. When it is taken: with `waiting`, tells `onWait` until when and sleeps
    /// (then tries again, another process may have taken the next slot meanwhile); without, throws
    /// `.rateLimited` with the time it would be allowed.
    public func acquire(
        sourceID: String, endpoint: ReportEndpoint, waiting: Bool,
        onWait: @Sendable (Date) -> Void = { _ in }
    ) async throws(ReportFailure) {
        while true {
            let now = clock.now()
            let reservation: RateLimitReservation
            do {
                reservation = try store.reserveRateLimitSlot(sourceID: sourceID, endpoint: endpoint, now: now, interval: interval)
            } catch {
                throw .store("source \(sourceID): cannot reserve the \(endpoint.rawValue) API's slot in the workspace: \(error)")
            }
            guard case .wait(let until) = reservation else { return }
            guard waiting else { throw .rateLimited(sourceID: sourceID, endpoint: endpoint, until: until) }
            onWait(until)
            let seconds = max(until.timeIntervalSince(now), 0.001)
            do {
                try await sleep(.milliseconds(Int64((seconds * 1000).rounded(.up))))
            } catch {
                throw .cancelled("source \(sourceID): cancelled while waiting for the \(endpoint.rawValue) API's slot")
            }
        }
    }

    /// The API refused a call with 429: no call before `now + retryAfter` (the interval when it gave none).
    /// Returns that time.
    @discardableResult
    public func backOff(sourceID: String, endpoint: ReportEndpoint, retryAfter: Duration?) throws(ReportFailure) -> Date {
        let now = clock.now()
        let wait = retryAfter.map { Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18 } ?? interval
        let until = now.addingTimeInterval(max(wait, 0))
        do {
            try store.postponeRateLimit(sourceID: sourceID, endpoint: endpoint, until: until, now: now)
        } catch {
            throw .store("source \(sourceID): cannot record the \(endpoint.rawValue) API's Retry-After in the workspace: \(error)")
        }
        return until
    }

    /// When the endpoint may next be called (now or earlier: it is free); for a countdown.
    public func nextAllowedAt(sourceID: String, endpoint: ReportEndpoint) throws -> Date? {
        try store.nextAllowedAt(sourceID: sourceID, endpoint: endpoint)
    }
}
