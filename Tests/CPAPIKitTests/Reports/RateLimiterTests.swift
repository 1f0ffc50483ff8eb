import Foundation
import Testing
@testable import CPAPIKit

@Suite struct RateLimiterTests {
    @Test func exactlyOneOfManyConcurrentCallersPassesPerInterval() async throws {
        let scratch = try ScratchFolder(); defer { scratch.remove() }
        let store = try scratch.makeStore()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func race(at instant: Date) async throws -> Int {
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<16 {
                    group.addTask {
                        if case .granted = try store.reserveRateLimitSlot(sourceID: "s", endpoint: .reversals, now: instant, interval: 60) {
                            return true
                        }
                        return false
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
        }
        #expect(try await race(at: now) == 1)
        #expect(try await race(at: now.addingTimeInterval(59)) == 0)
        #expect(try await race(at: now.addingTimeInterval(60)) == 1)
        // Each endpoint has its own slot.
        #expect(
            try store.reserveRateLimitSlot(sourceID: "s", endpoint: .conversions, now: now, interval: 60)
                == .granted(nextAllowedAt: now.addingTimeInterval(60)))
    }

    @Test func limiterHoldsAcrossTwoStoreHandlesOnOneWorkspace() async throws {
        let scratch = try ScratchFolder(); defer { scratch.remove() }
        let first = try scratch.makeStore()
        // A second handle on the same file, as a second process opens it.
        let second = try WorkspaceStore(path: first.path)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let granted = try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<20 {
                let store = index.isMultiple(of: 2) ? first : second
                group.addTask {
                    if case .granted = try store.reserveRateLimitSlot(sourceID: "s", endpoint: .conversions, now: now, interval: 60) {
                        return true
                    }
                    return false
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(granted == 1)
        #expect(try second.nextAllowedAt(sourceID: "s", endpoint: .conversions) == now.addingTimeInterval(60))
        #expect(
            try first.reserveRateLimitSlot(sourceID: "s", endpoint: .conversions, now: now.addingTimeInterval(30), interval: 60)
                == .wait(until: now.addingTimeInterval(60)))
    }

    @Test func retryAfterNeverShortensAReservedWait() throws {
        let scratch = try ScratchFolder(); defer { scratch.remove() }
        let store = try scratch.makeStore()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        _ = try store.reserveRateLimitSlot(sourceID: "s", endpoint: .reversals, now: now, interval: 60)
        try store.postponeRateLimit(sourceID: "s", endpoint: .reversals, until: now.addingTimeInterval(10), now: now)
        #expect(try store.nextAllowedAt(sourceID: "s", endpoint: .reversals) == now.addingTimeInterval(60))
        try store.postponeRateLimit(sourceID: "s", endpoint: .reversals, until: now.addingTimeInterval(300), now: now)
        #expect(try store.nextAllowedAt(sourceID: "s", endpoint: .reversals) == now.addingTimeInterval(300))
    }

    @Test func waitingCallerSleepsUntilItsSlotThenPasses() async throws {
        let scratch = try ScratchFolder(); defer { scratch.remove() }
        let store = try scratch.makeStore()
        let clock = SteppedClock()
        let limiter = ReportRateLimiter(
            store: store, interval: 60, clock: clock,
            sleep: { duration in
                clock.advance(by: Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18)
            })
        try await limiter.acquire(sourceID: "s", endpoint: .conversions, waiting: true)
        let start = clock.now()
        await #expect(throws: ReportFailure.rateLimited(sourceID: "s", endpoint: .conversions, until: start.addingTimeInterval(60))) {
            try await limiter.acquire(sourceID: "s", endpoint: .conversions, waiting: false)
        }
        try await limiter.acquire(sourceID: "s", endpoint: .conversions, waiting: true)
        #expect(clock.now() >= start.addingTimeInterval(60))
    }
}
