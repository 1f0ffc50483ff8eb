import Foundation
import Testing
@testable import CPAPIKit

@Suite struct RetryPolicyTests {
    @Test func backoffGrowsExponentiallyUpToTheMaximum() {
        let policy = HTTPRetryPolicy(baseDelay: .milliseconds(100), maxDelay: .milliseconds(500), jitter: 0)
        #expect(policy.backoff(afterAttempt: 1, random: 0.5) == .milliseconds(100))
        #expect(policy.backoff(afterAttempt: 2, random: 0.5) == .milliseconds(200))
        #expect(policy.backoff(afterAttempt: 3, random: 0.5) == .milliseconds(400))
        #expect(policy.backoff(afterAttempt: 4, random: 0.5) == .milliseconds(500))
        #expect(policy.backoff(afterAttempt: 40, random: 0.5) == .milliseconds(500))
    }

    @Test func jitterTakesOffUpToItsShare() {
        let policy = HTTPRetryPolicy(baseDelay: .seconds(1), maxDelay: .seconds(10), jitter: 0.5)
        #expect(policy.backoff(afterAttempt: 1, random: 0) == .seconds(1))
        #expect(policy.backoff(afterAttempt: 1, random: 0.999) > .milliseconds(500))
        #expect(policy.backoff(afterAttempt: 1, random: 0.5) == .milliseconds(750))
    }

    @Test func aCreateIsRetriedOnlyWhenItSurelyDidNotHappen() {
        let policy = HTTPRetryPolicy.nonIdempotent
        #expect(policy.mayRetry(.connectionFailed("refused")))
        #expect(policy.mayRetry(.connectTimeout))
        #expect(policy.mayRetry(status: 429))
        #expect(!policy.mayRetry(.readTimeout))
        #expect(!policy.mayRetry(.connectionLost("reset")))
        #expect(!policy.mayRetry(status: 500))
        #expect(!policy.mayRetry(status: 503))
    }

    @Test func readsRetryServerErrorsAndTimeoutsButNotClientErrors() {
        let policy = HTTPRetryPolicy.idempotent
        #expect(policy.mayRetry(status: 500) && policy.mayRetry(status: 503) && policy.mayRetry(status: 429))
        #expect(!policy.mayRetry(status: 501) && !policy.mayRetry(status: 404) && !policy.mayRetry(status: 400))
        #expect(policy.mayRetry(.readTimeout) && policy.mayRetry(.connectionLost("reset")))
        #expect(!policy.mayRetry(.tooLarge(limit: 1, status: 200, headers: [])))
    }

    @Test func retryAfterReadsSecondsAndHTTPDates() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryAfter.delay(header: "7", now: now) == .seconds(7))
        #expect(RetryAfter.delay(header: RetryAfter.httpDate(now.addingTimeInterval(90)), now: now) == .seconds(90))
        #expect(RetryAfter.delay(header: "Tue, 14 Nov 2023 22:15:00 GMT", now: now) == .seconds(100))
        #expect(RetryAfter.delay(header: RetryAfter.httpDate(now.addingTimeInterval(-30)), now: now) == .zero)
        #expect(RetryAfter.delay(header: "soon", now: now) == nil)
        #expect(RetryAfter.delay(header: "-3", now: now) == nil)
    }

    @Test func formBodiesArePercentEncoded() {
        let request = HTTPFetchRequest.form("POST", "http://x.test/3.0/admin/offer", form: [("title", "A & B"), ("countries[]", "US")])
        #expect(String(decoding: request.body ?? [], as: UTF8.self) == "title=A%20%26%20B&countries%5B%5D=US")
        #expect(request.headers.contains(HeaderField("Content-Type", "application/x-www-form-urlencoded")))
    }
}
