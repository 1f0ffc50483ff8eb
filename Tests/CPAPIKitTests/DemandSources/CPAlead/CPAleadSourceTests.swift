import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit

/// The real CPAlead adapter over real HTTP against the loopback fake server.
@Suite struct CPAleadSourceTests {
    let generator = OfferFeedGenerator(seed: 7)

    @Test func fullFetchReturnsTheWholeFeedNormalised() async throws {
        try await FakeCPAleadHarness.with { h in
            let feed = generator.offers(count: 40)
            await h.server.setFeed(publisherID: "p1", offers: feed)
            let result = try await h.source(h.config()).fetchOffers(FetchRequest(kind: .full))
            let served = feed.filter { ["CPA", "CPI", "CPE"].contains($0.payoutType) }
            let servedIDs = served.map { String($0.id) }
            let ids = result.offers.map(\.key.externalID)
            #expect(ids == servedIDs)
            let allValid = result.offers.allSatisfy(\.isValid)
            #expect(allValid)
            #expect(!result.mayBeCutShort)
            #expect(result.bytes > 0)
            #expect(result.skipped.isEmpty)
            let first = try #require(result.offers.first)
            #expect(first.title == served[0].title)
            #expect(first.payout.amount == served[0].amount)
            #expect(first.countries == served[0].countries)
        }
    }

    @Test func requestCarriesIdLimitTypeCountryDeviceAndFormat() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "p9", offers: generator.offers(count: 3))
            var config = h.config(publisherID: "p9", types: ["cpi", "cpr"])
            config.country = "US"; config.devices = ["android", "ios"]; config.offerwallOffers = true
            _ = try await h.source(config).fetchOffers(FetchRequest(kind: .full))
            let request = try #require(await h.server.requests().first)
            #expect(request.path == "/api/offers")
            #expect(request.value("id") == "p9")
            #expect(request.value("limit") == "5000")
            #expect(request.value("type") == "cpi,cpr")
            #expect(request.value("country") == "US")
            #expect(request.value("device") == "android,ios")
            #expect(request.value("offerwall_offers") == "true")
            #expect(request.value("format") == "json")
            #expect(request.value("updated_since") == nil)
        }
    }

    @Test func incrementalFetchSendsUpdatedSinceAsISO8601() async throws {
        try await FakeCPAleadHarness.with { h in
            let feed = generator.feed(count: 200, step: 3)
            await h.server.setFeed(publisherID: "p1", offers: feed)
            let since = generator.start.addingTimeInterval(2 * generator.stepInterval)
            let result = try await h.source(h.config()).fetchOffers(FetchRequest(kind: .incremental, updatedSince: since))
            let request = try #require(await h.server.requests().first)
            #expect(request.value("updated_since") == "2025-01-01T02:00:00Z")
            let expected = feed.filter { $0.updatedAt >= since && $0.payoutType != "CPR" }.map { String($0.id) }
            #expect(!expected.isEmpty && expected.count < feed.count)
            let ids = result.offers.map(\.key.externalID)
            #expect(ids == expected)
        }
    }

    @Test func fullFetchNeverSendsUpdatedSince() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "p1", offers: generator.offers(count: 2))
            _ = try await h.source(h.config()).fetchOffers(FetchRequest(kind: .full, updatedSince: Date()))
            #expect(await h.server.requests().first?.value("updated_since") == nil)
        }
    }

    @Test func answerWithExactlyLimitOffersMayBeCutShort() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "p1", offers: generator.offers(count: 30))
            let cut = try await h.source(h.config(limit: 10)).fetchOffers(FetchRequest(kind: .full))
            #expect(cut.offers.count == 10)
            #expect(cut.mayBeCutShort)
            let whole = try await h.source(h.config(limit: 100)).fetchOffers(FetchRequest(kind: .full))
            #expect(!whole.mayBeCutShort)
        }
    }

    @Test func jsonpAnswerIsUnwrapped() async throws {
        try await FakeCPAleadHarness.with { h in
            let feed = generator.offers(count: 5).map { offer -> OfferFeedOffer in
                var o = offer; o.payoutType = "CPA"; return o
            }
            await h.server.setFeed(publisherID: "p1", offers: feed)
            let result = try await h.source(h.config(jsonp: true)).fetchOffers(FetchRequest(kind: .full))
            #expect(result.offers.count == 5)
            let request = try #require(await h.server.requests().first)
            #expect(request.value("format") == "jsonp")
            #expect(request.value("callback") == "cpapi")
        }
    }

    @Test func untidyPayloadGivesTheSameOffersAsATidyOne() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "p1", offers: generator.offers(count: 60))
            let source = h.source(h.config())
            let tidy = try await source.fetchOffers(FetchRequest(kind: .full))
            await h.server.setPayloadStyle(.untidy)
            let untidy = try await source.fetchOffers(FetchRequest(kind: .full))
            #expect(untidy.offers.count == tidy.offers.count)
            for (a, b) in zip(tidy.offers, untidy.offers) {
                #expect(a.contentHash == b.contentHash, "\(a.key)")
                var normalisedA = a, normalisedB = b
                normalisedA.rawJSON = ""; normalisedB.rawJSON = ""
                #expect(normalisedA == normalisedB)
            }
        }
    }

    @Test func entriesThatAreNotOffersAreSkippedAndCounted() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(
                publisherID: "p1",
                offers: generator.offers(count: 4).map {
                    var o = $0; o.payoutType = "CPI"; return o
                },
                rawEntries: ["42", #"{"title":"no id"}"#, "null"])
            let result = try await h.source(h.config()).fetchOffers(FetchRequest(kind: .full))
            #expect(result.offers.count == 4)
            let reasons = result.skipped.map(\.reason)
            #expect(reasons == ["offer #5 is not an object", "offer #6 has no id", "offer #7 is not an object"])
        }
    }

    // MARK: Failures

    @Test func serverErrorIsRetriedThenSucceeds() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "p1", offers: generator.offers(count: 5))
            await h.server.inject(.status(500), .once)
            let result = try await h.source(h.config()).fetchOffers(FetchRequest(kind: .full))
            #expect(!result.offers.isEmpty)
            #expect(await h.server.requests().count == 2)
            #expect(await h.sleeps.waits == [.milliseconds(500)])
        }
    }

    @Test func persistentServerErrorFailsWithStatusHeadersAndBody() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "p1", offers: generator.offers(count: 5))
            await h.server.inject(.status(502), .untilCleared)
            let failure = try #require(await h.failure(of: h.source(h.config())))
            #expect(failure.reason == "source cpalead: answered HTTP 502 after 3 attempts")
            #expect(failure.httpStatus == 502)
            #expect(failure.headers["content-type"] == "text/plain" || failure.headers["Content-Type"] == "text/plain")
            #expect(failure.body == "Server error 502")
            #expect(failure.at == h.clock.now())
            #expect(await h.sleeps.waits.count == 2)
        }
    }

    @Test func tooManyRequestsHonoursRetryAfterSeconds() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "p1", offers: generator.offers(count: 5))
            await h.server.inject(.tooManyRequests(retryAfter: "7"), .once)
            _ = try await h.source(h.config()).fetchOffers(FetchRequest(kind: .full))
            #expect(await h.sleeps.waits == [.seconds(7)])
        }
    }

    @Test func tooManyRequestsHonoursRetryAfterHTTPDate() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "p1", offers: generator.offers(count: 5))
            await h.server.inject(.tooManyRequests(retryAfter: RetryAfter.httpDate(h.clock.now().addingTimeInterval(45))), .once)
            _ = try await h.source(h.config()).fetchOffers(FetchRequest(kind: .full))
            #expect(await h.sleeps.waits == [.seconds(45)])
        }
    }

    @Test func retryAfterBeyondTheCeilingEndsTheRetries() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "p1", offers: generator.offers(count: 5))
            await h.server.inject(.tooManyRequests(retryAfter: "3600"), .untilCleared)
            let policy = HTTPRetryPolicy(maxAttempts: 5, retryAfterCeiling: .seconds(60))
            let failure = try #require(await h.failure(of: h.source(h.config(), policy: policy)))
            #expect(failure.httpStatus == 429)
            let retryAfter = failure.headers.first { $0.key.lowercased() == "retry-after" }?.value
            #expect(retryAfter == "3600")
            #expect(await h.sleeps.waits.isEmpty)
            #expect(await h.server.requests().count == 1)
        }
    }

    @Test func htmlPageFailsSayingSo() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.inject(.htmlPage(status: 200))
            let failure = try #require(await h.failure(of: h.source(h.config())))
            #expect(failure.reason == #"source cpalead: answered an HTML page "503 Service Unavailable""#)
            #expect(failure.httpStatus == 200)
            #expect(failure.body?.hasPrefix("<!DOCTYPE html>") == true)
        }
    }

    @Test func truncatedBodyFailsAtItsLastByte() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "p1", offers: generator.offers(count: 20))
            await h.server.inject(.truncatedBody)
            let failure = try #require(await h.failure(of: h.source(h.config())))
            let size = try #require(failure.body?.utf8.count)
            #expect(failure.reason == "source cpalead: truncated JSON at byte \(size)")
        }
    }

    @Test func wrongShapeFailsSayingWhatWasExpected() async throws {
        #expect(CPAleadSource.diagnose(Data("  ".utf8)) == "answered an empty body")
        #expect(CPAleadSource.diagnose(Data(" <html>".utf8)) == "answered an HTML page")
        #expect(CPAleadSource.diagnose(Data("<html><head><title> Bad\n  Gateway </title>".utf8)) == #"answered an HTML page "Bad Gateway""#)
        // An unknown publisher answers an error envelope.
        try await FakeCPAleadHarness.with { h in
            let failure = try #require(await h.failure(of: h.source(h.config(publisherID: "unknown"))))
            #expect(failure.reason == "source cpalead: answered status \"error\": \"Invalid publisher id\"")
        }
    }

    @Test func errorStatusFailsQuotingItsMessage() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "p1", offers: generator.offers(count: 2))
            await h.server.inject(.errorStatus(message: "Publisher suspended"))
            let failure = try #require(await h.failure(of: h.source(h.config())))
            #expect(failure.reason == "source cpalead: answered status \"error\": \"Publisher suspended\"")
            #expect(failure.httpStatus == 200)
        }
    }

    @Test func emptyFeedIsASuccessWithNoOffers() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "p1", offers: generator.offers(count: 10))
            await h.server.inject(.emptyFeed)
            let result = try await h.source(h.config()).fetchOffers(FetchRequest(kind: .full))
            #expect(result.offers.isEmpty)
            #expect(!result.mayBeCutShort)
        }
    }

    @Test func slowAnswerFailsWithAReadTimeout() async throws {
        try await FakeCPAleadHarness.with(readTimeout: .milliseconds(200)) { h in
            await h.server.setFeed(publisherID: "p1", offers: generator.offers(count: 2))
            await h.server.inject(.slow(.seconds(3)))
            let failure = try #require(await h.failure(of: h.source(h.config(), policy: .never)))
            #expect(failure.reason == "source cpalead: timed out waiting for the answer")
            #expect(failure.httpStatus == nil)
        }
    }

    @Test func droppedConnectionFailsAsLost() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "p1", offers: generator.offers(count: 50))
            await h.server.inject(.dropConnection)
            let failure = try #require(await h.failure(of: h.source(h.config(), policy: .never)))
            #expect(failure.reason.hasPrefix("source cpalead: connection lost"), "\(failure.reason)")
        }
    }

    @Test func tooLargeAnswerFailsAtTheSizeCap() async throws {
        try await FakeCPAleadHarness.with { h in
            await h.server.setFeed(publisherID: "p1", offers: generator.offers(count: 100))
            let failure = try #require(await h.failure(of: h.source(h.config(), maxBodyBytes: 4096)))
            #expect(failure.reason == "source cpalead: answer larger than 4096 bytes (HTTP 200)")
            #expect(failure.httpStatus == 200)
            #expect(await h.server.requests().count == 1)
        }
    }

    @Test func apiKeyNeverAppearsInAFetchFailure() async throws {
        try await FakeCPAleadHarness.with { h in
            let key = "k3y-SECRET-0042"
            await h.server.inject(.errorStatus(message: "api_key \(key) is not valid"))
            let failure = try #require(await h.failure(of: h.source(h.config(), secrets: [key])))
            let shown = [failure.reason, failure.body ?? ""] + failure.headers.map { "\($0.key): \($0.value)" }
            let leaks = shown.filter { $0.contains(key) }
            #expect(leaks.isEmpty)
            #expect(failure.reason.contains("[redacted]"))
            #expect(String(decoding: try JSONEncoder().encode(failure), as: UTF8.self).contains(key) == false)
        }
    }

    @Test func factoryMakesACPAleadSourceForItsKind() {
        let config = SourceConfig(id: "c", kind: .cpalead, baseURL: "http://127.0.0.1:1", publisherID: "1")
        #expect(DemandSourceFactory.make(config: config) is CPAleadSource)
    }

    @Test func jsonpWrapperIsRequiredWhenAskedFor() {
        #expect(CPAleadSource.unwrapJSONP(Data(" cpapi({\"a\":1}); ".utf8), callback: "cpapi") == Data("{\"a\":1}".utf8))
        #expect(CPAleadSource.unwrapJSONP(Data("{\"a\":1}".utf8), callback: "cpapi") == nil)
        #expect(CPAleadSource.unwrapJSONP(Data("other({})".utf8), callback: "cpapi") == nil)
    }
}
