import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit

/// The fetcher over real HTTP: transport failures, what they say about delivery, and retries.
@Suite struct HTTPFetcherTests {
    @Test func connectionRefusedIsRetriedAndSurelyDidNotReachTheServer() async throws {
        // Port 1 (tcpmux): nothing listens there (a stopped server's port may be reused by another test's).
        let url = "http://127.0.0.1:1/api/offers?id=1"
        try await FakeCPAleadHarness.with { h in
            do throws(HTTPFetchError) {
                _ = try await h.fetcher.fetch(.get(url), policy: HTTPRetryPolicy(maxAttempts: 3))
                Issue.record("fetched from a closed port")
            } catch {
                guard case .connectionFailed = error else { Issue.record("unexpected \(error)"); return }
                #expect(!error.mayHaveReachedServer)
                #expect(error.description == "connection refused by 127.0.0.1:1")
            }
            #expect(await h.sleeps.waits.count == 2)
        }
    }

    @Test func aCreateIsNotRetriedAfterAServerError() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.inject(.status(500), .untilCleared)
            let response = try await h.fetcher.fetch(
                .form("POST", "\(h.server.baseURL)/api/offers", form: [("title", "x")]), policy: .nonIdempotent)
            #expect(response.status == 500)
            #expect(response.attempts == 1)
            #expect(await h.sleeps.waits.isEmpty)
        }
    }

    @Test func aCreateIsRetriedAfterTooManyRequests() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "1", offers: [])
            await h.server.inject(.tooManyRequests(retryAfter: "1"), .once)
            let response = try await h.fetcher.fetch(.get("\(h.server.baseURL)/api/offers?id=1"), policy: .nonIdempotent)
            #expect(response.status == 200)
            #expect(response.attempts == 2)
            #expect(await h.sleeps.waits == [.seconds(1)])
        }
    }

    @Test func aReadTimeoutMayHaveReachedTheServer() async throws {
        try await FakeCPAleadHarness.with(readTimeout: .milliseconds(150)) { h in
            await h.server.inject(.slow(.seconds(3)))
            do throws(HTTPFetchError) {
                _ = try await h.fetcher.fetch(.get("\(h.server.baseURL)/api/offers?id=1"), policy: .never)
                Issue.record("no timeout")
            } catch {
                #expect(error == .readTimeout)
                #expect(error.mayHaveReachedServer)
            }
        }
    }

    @Test func anInvalidURLIsReportedRedacted() async throws {
        try await FakeCPAleadHarness.with { h in
            do throws(HTTPFetchError) {
                _ = try await h.fetcher.fetch(.get("nohost?api_key=abc"), redactor: Redactor())
                Issue.record("fetched")
            } catch {
                #expect(error == .invalidURL("nohost?api_key=[redacted]"))
            }
        }
    }

    @Test func headersAndBodyOfTheAnswerAreExposed() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "1", offers: [])
            let response = try await h.fetcher.fetch(.get("\(h.server.baseURL)/api/offers?id=1&format=json"))
            #expect(response.status == 200)
            #expect(response.header("CONTENT-TYPE") == "application/json")
            #expect(response.bodyText.hasPrefix(#"{"status":"success","number_offers":0"#))
        }
    }
}
