import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit

/// The request timeout and the fetch deadline over real HTTP. Time between attempts is test time:
/// the fetcher's sleep records each wait and moves its clock by it, and nothing is timed here.
@Suite struct HTTPDeadlineTests {
    /// A fake CPAlead and a fetcher whose waits move `clock` instead of sleeping.
    struct Bench {
        let server: FakeCPAleadServer
        let fetcher: HTTPFetcher
        let clock: SteppedClock
        let sleeps: FakeCPAleadHarness.SleepRecorder

        static func with(readTimeout: Duration = .seconds(10), _ body: (Bench) async throws -> Void) async throws {
            let server = try await FakeCPAleadServer.start()
            let clock = SteppedClock(), sleeps = FakeCPAleadHarness.SleepRecorder()
            let fetcher = HTTPFetcher(
                configuration: .init(connectTimeout: .seconds(5), readTimeout: readTimeout),
                sleep: { wait in
                    await sleeps.record(wait)
                    clock.advance(by: wait.timeInterval)
                },
                clock: clock, random: { 0 })
            await server.setFeed(publisherID: "p1", offers: OfferFeedGenerator(seed: 7).offers(count: 3))
            let bench = Bench(server: server, fetcher: fetcher, clock: clock, sleeps: sleeps)
            do {
                try await body(bench)
            } catch {
                try? await fetcher.shutdown()
                await server.stop()
                throw error
            }
            try await fetcher.shutdown()
            await server.stop()
        }

        var url: String { "\(server.baseURL)/api/offers?id=p1&format=json" }

        func limits(requestTimeout: Duration? = nil, deadline: Duration? = nil) -> HTTPFetchLimits {
            HTTPFetchLimits(requestTimeout: requestTimeout, startedAt: clock.now(), deadline: deadline)
        }

        /// Fetches under `limits` and returns the error, or nil when an answer came.
        func failure(_ limits: HTTPFetchLimits, policy: HTTPRetryPolicy) async -> HTTPFetchError? {
            await limits.applying { () async -> HTTPFetchError? in
                do throws(HTTPFetchError) {
                    _ = try await fetcher.fetch(.get(url), policy: policy)
                    return nil
                } catch {
                    return error
                }
            }
        }

        func requestCount() async -> Int { await server.requests().count }
    }

    @Test func aStalledFeedGivesUpByTheFetchDeadline() async throws {
        try await Bench.with(readTimeout: .milliseconds(100)) { b in
            await b.server.inject(.slow(.seconds(3)), .untilCleared)
            let policy = HTTPRetryPolicy(maxAttempts: 10, baseDelay: .seconds(1), maxDelay: .seconds(60), jitter: 0)
            let error = await b.failure(b.limits(deadline: .seconds(10)), policy: policy)
            // Attempts at 0, 1 and 3 s; the one after 7 s would wait 8 s more: past the deadline, so not made.
            #expect(await b.sleeps.waits == [.seconds(1), .seconds(2), .seconds(4)])
            #expect(await b.requestCount() == 4)
            guard case .gaveUp(_, let deadline, let failures)? = error else {
                Issue.record("expected the deadline to end the retries, got \(String(describing: error))"); return
            }
            #expect(deadline == .seconds(10))
            #expect(failures == Array(repeating: .readTimeout, count: 4))
            #expect(error?.isTimeout == true && error?.mayHaveReachedServer == true)
            let message = error?.description ?? ""
            #expect(message.hasPrefix("gave up after "), "\(message)")
            #expect(message.hasSuffix(": the server answered 4 times too slowly (read timeout)"), "\(message)")
            await b.server.clearFaults()
        }
    }

    @Test func aDrippingAnswerEndsAtTheRequestTimeout() async throws {
        // A space every 20 ms: the 10 s read timeout never fires, only the request timeout can end it.
        try await Bench.with { b in
            await b.server.inject(.drip(every: .milliseconds(20)))
            let error = await b.failure(b.limits(requestTimeout: .seconds(1)), policy: .never)
            #expect(error == .requestTimeout(.seconds(1)))
            #expect(error?.description == "the answer did not finish within 1s")
            #expect(error?.mayHaveReachedServer == true)
            #expect(HTTPRetryPolicy.idempotent.mayRetry(.requestTimeout(.seconds(1))))
            #expect(!HTTPRetryPolicy.nonIdempotent.mayRetry(.requestTimeout(.seconds(1))))
        }
    }

    @Test func aDrippingFeedGivesUpByTheDeadlineThroughTheAdapter() async throws {
        try await Bench.with { b in
            await b.server.inject(.drip(every: .milliseconds(20)), .untilCleared)
            let source = CPAleadSource(
                config: SourceConfig(id: "cpalead", baseURL: b.server.baseURL, publisherID: "p1"),
                http: b.fetcher, retryPolicy: HTTPRetryPolicy(maxAttempts: 5, baseDelay: .milliseconds(250), jitter: 0),
                clock: b.clock)
            let limits = b.limits(requestTimeout: .milliseconds(500), deadline: .milliseconds(1200))
            let failure = await limits.applying { () async -> FetchFailure? in
                do throws(FetchFailure) { _ = try await source.fetchOffers(FetchRequest(kind: .full)); return nil } catch { return error }
            }
            // The second attempt ends 250 ms in; a third would need 500 ms after a 500 ms wait: past 1.2 s.
            #expect(await b.sleeps.waits == [.milliseconds(250)])
            #expect(await b.requestCount() == 2)
            let reason = failure?.reason ?? ""
            #expect(reason.hasPrefix("source cpalead: gave up after "), "\(reason)")
            #expect(reason.hasSuffix(": the server answered 2 times too slowly (request timeout)"), "\(reason)")
            #expect(failure?.httpStatus == nil)
            await b.server.clearFaults()
        }
    }

    @Test func theLastAttemptIsCutAtTheDeadline() async throws {
        // The deadline comes before the request timeout: the one attempt ends there and says so.
        try await Bench.with { b in
            await b.server.inject(.drip(every: .milliseconds(20)))
            let error = await b.failure(b.limits(requestTimeout: .seconds(60), deadline: .milliseconds(400)), policy: .idempotent)
            guard case .gaveUp(_, _, let failures)? = error else { Issue.record("got \(String(describing: error))"); return }
            #expect(failures == [.requestTimeout(.milliseconds(400))])
            #expect(await b.sleeps.waits.isEmpty)
            #expect(error?.description.hasSuffix(": the server answered once too slowly (request timeout)") == true)
        }
    }

    @Test func aServerErrorIsHandedBackWhenNoRetryFitsBeforeTheDeadline() async throws {
        try await Bench.with { b in
            await b.server.inject(.status(503), .untilCleared)
            let policy = HTTPRetryPolicy(maxAttempts: 10, baseDelay: .seconds(1), maxDelay: .seconds(60), jitter: 0)
            let limits = b.limits(deadline: .milliseconds(2500))
            let response = try await limits.applying { () async throws -> HTTPFetchResponse in
                try await b.fetcher.fetch(.get(b.url), policy: policy)
            }
            #expect(response.status == 503 && response.attempts == 2)
            #expect(await b.sleeps.waits == [.seconds(1)])
            await b.server.clearFaults()
        }
    }

    @Test func aRetryAfterPastTheDeadlineIsNotWaitedFor() async throws {
        try await Bench.with { b in
            await b.server.inject(.tooManyRequests(retryAfter: "30"), .untilCleared)
            let response = try await b.limits(deadline: .seconds(20)).applying { () async throws -> HTTPFetchResponse in
                try await b.fetcher.fetch(.get(b.url))
            }
            #expect(response.status == 429 && response.attempts == 1)
            #expect(await b.sleeps.waits.isEmpty)
            await b.server.clearFaults()
        }
    }

    @Test func withoutLimitsTheConfiguredRequestTimeoutHolds() async throws {
        let server = try await FakeCPAleadServer.start()
        let fetcher = HTTPFetcher(
            configuration: .init(readTimeout: .seconds(10), requestTimeout: .milliseconds(600)),
            sleep: { _ in }, random: { 0 })
        await server.inject(.drip(every: .milliseconds(20)))
        do throws(HTTPFetchError) {
            _ = try await fetcher.fetch(.get("\(server.baseURL)/api/offers?id=p1"), policy: .never)
            Issue.record("a dripping answer finished")
        } catch {
            #expect(error == .requestTimeout(.milliseconds(600)))
        }
        try await fetcher.shutdown()
        await server.stop()
    }

    @Test func theGiveUpReadsAsAPersonSaysIt() {
        let slow = HTTPFetchError.gaveUp(after: .seconds(300), deadline: .seconds(300), failures: [.readTimeout, .readTimeout, .readTimeout])
        #expect(slow.description == "gave up after 5m0s (fetch deadline 5m0s): the server answered 3 times too slowly (read timeout)")
        let mixed = HTTPFetchError.gaveUp(
            after: .seconds(241), deadline: .seconds(300),
            failures: [.readTimeout, .requestTimeout(.seconds(120))])
        #expect(
            mixed.description == "gave up after 4m1s (fetch deadline 5m0s): the server answered 2 times too slowly (read timeout, request timeout)")
        let refused = HTTPFetchError.gaveUp(
            after: .seconds(90), deadline: .seconds(90),
            failures: [.readTimeout, .connectionFailed("connection refused by 127.0.0.1:1")])
        #expect(refused.description == "gave up after 1m30s (fetch deadline 1m30s): 2 attempts failed, the last: connection refused by 127.0.0.1:1")
        #expect(refused.mayHaveReachedServer, "the read timeout may have reached it")
        #expect(HTTPFetchError.words(.milliseconds(250)) == "250ms")
        #expect(HTTPFetchError.words(.milliseconds(1500)) == "1.5s")
        #expect(HTTPFetchError.words(.seconds(45)) == "45s")
        #expect(HTTPFetchError.words(.seconds(3723)) == "1h2m3s")
    }
}
