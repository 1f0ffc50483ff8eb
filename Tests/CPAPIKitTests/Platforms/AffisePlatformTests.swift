import Foundation
import Testing
@testable import CPAPIKit
import LoopbackServers

/// What is particular to the Affise client: the wire format, the answers it turns into errors,
/// retries, and its bound on calls in flight.
@Suite struct AffisePlatformTests {
    @Test func formEncoderWritesPHPStyleNestedKeys() {
        let encoded = AffiseFormEncoder.encode(sampleOffer())
        let expected = [
            "title=Cash%20Quest%20%E2%80%93%20Install%20%26%20reach%20level%205",
            "description_lang%5Ben%5D=Install%2C%20open%20%26%20play%3A%205%20levels.%0AUS%2FCA%20only.",
            "url=https%3A%2F%2Fwww.cpalead.com%2Fview.php%3Fid%3D18231%26pub%3D1%26subid%3D%7Bclickid%7D%26subid2%3D%7Bpid%7D",
            "url_preview=https%3A%2F%2Fplay.google.com%2Fstore%2Fapps%2Fdetails%3Fid%3Dcom.example.quest",
            "external_offer_id=cpalead-18231",
            "advertiser=5a0c0f5e8a1b2c3d4e5f6a7b",
            "status=active",
            "privacy=protected",
            "categories%5B%5D=Games",
            "categories%5B%5D=Android",
            "redirect_type=http302",
            "is_redirect_overcap=1",
            "strictly_country=0",
            "logo=https%3A%2F%2Fcdn.example.com%2Flogo.png",
            "payments%5B0%5D%5Bcountries%5D%5B%5D=US",
            "payments%5B0%5D%5Bcountries%5D%5B%5D=CA",
            "payments%5B0%5D%5Bdevices%5D%5B%5D=mobile",
            "payments%5B0%5D%5Bos%5D%5B%5D=android",
            "payments%5B0%5D%5Btotal%5D=1.25",
            "payments%5B0%5D%5Brevenue%5D=0.875",
            "payments%5B0%5D%5Bcurrency%5D=USD",
            "payments%5B0%5D%5Btype%5D=fixed",
            "payments%5B0%5D%5Bgoal%5D=install",
            "payments%5B1%5D%5Bcountries%5D%5B%5D=GB",
            "payments%5B1%5D%5Btotal%5D=0.9",
            "payments%5B1%5D%5Brevenue%5D=0.63",
            "payments%5B1%5D%5Bcurrency%5D=USD",
            "payments%5B1%5D%5Btype%5D=fixed",
            "caps%5B0%5D%5Bperiod%5D=day",
            "caps%5B0%5D%5Btype%5D=conversions",
            "caps%5B0%5D%5Bvalue%5D=150"
        ].joined(separator: "&")
        #expect(encoded == expected)
    }

    @Test func formEncoderSendsOnlySetFieldsAndAnEmptyExternalIDToRemoveIt() {
        #expect(AffiseFormEncoder.encode(PlatformOfferFields(externalOfferID: "")) == "external_offer_id=")
        #expect(AffiseFormEncoder.encode(PlatformOfferFields(status: .suspended, categories: [])) == "status=suspended&categories=")
        #expect(AffiseFormEncoder.encode(PlatformOfferFields()) == "")
        #expect(
            AffiseFormEncoder.encodeMassUpdate(status: .stopped, offerIDs: [3, 7])
                == "offer_id%5B%5D=3&offer_id%5B%5D=7&status=stopped")
    }

    @Test func numbersAreWrittenAsPlainDecimals() {
        #expect(AffiseFormEncoder.number(12) == "12")
        #expect(AffiseFormEncoder.number(0.7) == "0.7")
        #expect(AffiseFormEncoder.number(0.00001) == "0.00001")
        #expect(AffiseFormEncoder.number(-3.5) == "-3.5")
    }

    @Test func offersAreReadLeniently() throws {
        let json = """
            {"id": "42", "title": "T", "description_lang": [], "description": "plain", "url": "https://x",
             "external_offer_id": 18231, "advertiser": {"id": "adv1", "title": "Adv"}, "status": "suspended",
             "privacy": "public", "categories": [{"id": "c1", "title": "Games"}, "c2"],
             "is_redirect_overcap": "1", "strictly_country": 0,
             "payments": {"0": {"countries": {"0": "US", "1": "CA"}, "total": "1.50", "revenue": 1,
                                "currency": "USD", "type": "fixed", "goal": ""}},
             "caps": [{"period": "day", "type": "conversions", "value": "10"}],
             "updated_at": "2026-03-04 05:06:07"}
            """
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8))
        let offer = try AffiseResponseDecoder.offer(from: object)
        #expect(offer.id == 42)
        #expect(offer.fields.description == "plain")
        #expect(offer.externalOfferID == "18231")
        #expect(offer.fields.advertiser == "adv1")
        #expect(offer.status == .suspended)
        #expect(offer.fields.categories == ["c1", "c2"])
        #expect(offer.fields.isRedirectOvercap == true)
        #expect(offer.fields.strictlyCountry == false)
        #expect(offer.fields.payments == [PlatformPayment(countries: ["US", "CA"], total: 1.5, revenue: 1, currency: "USD")])
        #expect(offer.fields.caps == [PlatformCap(period: "day", type: "conversions", value: 10)])
        #expect(offer.updatedAt == Date(timeIntervalSince1970: 1_772_600_767))

        let odd = try JSONSerialization.jsonObject(with: Data(#"{"id": 2, "status": "archived"}"#.utf8))
        #expect(try AffiseResponseDecoder.offer(from: odd).status == nil)

        for empty in ["null", "\"\""] {
            let row = try JSONSerialization.jsonObject(with: Data("{\"id\": 1, \"external_offer_id\": \(empty)}".utf8))
            #expect(try AffiseResponseDecoder.offer(from: row).externalOfferID == nil)
        }
    }

    @Test func everyCallCarriesTheAPIKey() async throws {
        try await withFakeAffise { affise, platform in
            let id = try await platform.createOffer(sampleOffer())
            _ = try await platform.offer(id: id)
            try await platform.setStatus(.stopped, offerIDs: [id])
            let requests = await affise.requests()
            #expect(requests.count == 3)
            #expect(requests.allSatisfy { $0.authorized })
        }
    }

    @Test func aWrongAPIKeyIsRejected() async throws {
        try await withFakeAffise(apiKey: "not-the-key") { affise, platform in
            await #expect(throws: PlatformError.rejected(httpStatus: 401, message: "Token is necessary")) {
                _ = try await platform.createOffer(sampleOffer())
            }
            #expect(await affise.createdCount() == 0)
        }
    }

    @Test func statusTwoIsRejectedWithItsMessage() async throws {
        try await withFakeAffise { affise, platform in
            await affise.inject(.rejected(httpStatus: 200, message: "Advertiser is required"), on: .create)
            await #expect(throws: PlatformError.rejected(httpStatus: 200, message: "Advertiser is required")) {
                _ = try await platform.createOffer(sampleOffer())
            }
        }
    }

    @Test func statusTwoSayingNotFoundIsNotFound() async throws {
        try await withFakeAffise { affise, platform in
            let id = try await platform.createOffer(sampleOffer())
            await affise.inject(.rejected(httpStatus: 200, message: "Offer not found"), on: .edit, offerID: id)
            await #expect(throws: PlatformError.notFound(id: id)) {
                try await platform.editOffer(id: id, PlatformOfferFields(title: "x"))
            }
        }
    }

    @Test func notFoundAnswerIsNotFound() async throws {
        try await withFakeAffise { affise, platform in
            let id = try await platform.createOffer(sampleOffer())
            await affise.inject(.notFound, offerID: id, repeat: .untilCleared)
            await #expect(throws: PlatformError.notFound(id: id)) {
                try await platform.editOffer(id: id, PlatformOfferFields(title: "x"))
            }
            #expect(try await platform.offer(id: id) == nil)
        }
    }

    @Test func aBare404IsNotTakenForADeletedOffer() async throws {
        let affise = try await FakeAffiseServer.start(apiKey: PlatformHarness.apiKey)
        let fetcher = HTTPFetcher()
        // A base URL with a wrong path: every call meets the server's plain 404, not Affise's answer.
        let platform = try AffisePlatform(baseURL: affise.baseURL + "/wrong", apiKey: PlatformHarness.apiKey, fetcher: fetcher)
        await #expect {
            _ = try await platform.offer(id: 1)
        } throws: { error in
            guard case .rejected(httpStatus: 404, _) = error as? PlatformError else { return false }
            return true
        }
        try await fetcher.shutdown()
        await affise.stop()
    }

    @Test func serverErrorOnCreateIsRejectedAndNotRepeated() async throws {
        try await withFakeAffise { affise, platform in
            await affise.inject(.serverError, on: .create)
            await #expect(throws: PlatformError.rejected(httpStatus: 500, message: "Internal Server Error")) {
                _ = try await platform.createOffer(sampleOffer())
            }
            #expect(await affise.requests().filter { $0.endpoint == .create }.count == 1)
            #expect(await affise.createdCount() == 0)
        }
    }

    @Test func droppedAnswerOnCreateIsOutcomeUnknownAndTheOfferExists() async throws {
        try await withFakeAffise { affise, platform in
            await affise.inject(.answerDropped, on: .create)
            await #expect {
                _ = try await platform.createOffer(sampleOffer(externalID: "lost-1"))
            } throws: { error in
                if case .outcomeUnknown = error as? PlatformError { return true }
                return false
            }
            // Never sent twice; and the engine's lookup by external id finds the stored offer.
            #expect(await affise.requests().filter { $0.endpoint == .create }.count == 1)
            let found = try await platform.offers(externalOfferID: "lost-1")
            #expect(found.count == 1)
            #expect(found.first?.fields == sampleOffer(externalID: "lost-1"))
        }
    }

    @Test func tooManyRequestsOnEditIsRetriedAfterRetryAfter() async throws {
        let sleeps = RecordedSleeps()
        try await withFakeAffise(sleep: { await sleeps.record($0) }) { affise, platform in
            let id = try await platform.createOffer(sampleOffer())
            await affise.inject(.tooManyRequests(retryAfterSeconds: 7), on: .edit)
            try await platform.editOffer(id: id, PlatformOfferFields(title: "After the wait"))

            #expect(await sleeps.waits == [.seconds(7)])
            #expect(await affise.requests().filter { $0.endpoint == .edit }.map(\.answeredStatus) == [429, 200])
            #expect(try await platform.offer(id: id)?.fields.title == "After the wait")
        }
    }

    @Test func serverErrorOnEditIsRetried() async throws {
        let sleeps = RecordedSleeps()
        try await withFakeAffise(sleep: { await sleeps.record($0) }) { affise, platform in
            let id = try await platform.createOffer(sampleOffer())
            await affise.inject(.serverError, on: .edit, repeat: .times(2))
            try await platform.editOffer(id: id, PlatformOfferFields(status: .suspended))

            #expect(await sleeps.waits.count == 2)
            #expect(try await platform.offer(id: id)?.status == .suspended)
        }
    }

    @Test func tooManyRequestsOnCreateIsRetriedWithoutADuplicate() async throws {
        let sleeps = RecordedSleeps()
        try await withFakeAffise(sleep: { await sleeps.record($0) }) { affise, platform in
            await affise.inject(.tooManyRequests(retryAfterSeconds: 2), on: .create)
            let id = try await platform.createOffer(sampleOffer())
            #expect(await sleeps.waits == [.seconds(2)])
            #expect(await affise.offers().map(\.id) == [id])
        }
    }

    @Test func connectionRefusedIsUnreachable() async throws {
        // Port 1 (tcpmux): nothing listens there. A stopped fake's port could be taken meanwhile by
        // another test's server (seen: "connection reset" instead of "refused").
        let url = "http://127.0.0.1:1"
        let sleeps = RecordedSleeps()
        let fetcher = HTTPFetcher(sleep: { await sleeps.record($0) })
        let platform = try AffisePlatform(baseURL: url, apiKey: PlatformHarness.apiKey, fetcher: fetcher)
        await #expect {
            _ = try await platform.createOffer(sampleOffer())
        } throws: { error in
            guard case .unreachable = error as? PlatformError else { return false }
            return true
        }
        // A create that surely never arrived is retried with backoff (the policy's attempts).
        #expect(await sleeps.waits.count == HTTPRetryPolicy.nonIdempotent.maxAttempts - 1)
        try await fetcher.shutdown()
    }

    @Test func concurrencyNeverExceedsTheBound() async throws {
        try await withFakeAffise(options: .init(concurrency: 3)) { affise, platform in
            var ids: [Int] = []
            for index in 0..<6 { ids.append(try await platform.createOffer(sampleOffer(externalID: "c-\(index)"))) }
            await affise.inject(.slow(.milliseconds(20)), repeat: .untilCleared)
            await affise.resetMaxInFlight()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<5 {
                    for id in ids {
                        group.addTask { try await platform.editOffer(id: id, PlatformOfferFields(title: "r\(round)")) }
                    }
                }
                try await group.waitForAll()
            }
            let most = await affise.maxInFlight()
            #expect(most >= 1 && most <= 3)
        }
    }

    @Test func listingMoreThan500OffersFollowsNextPage() async throws {
        try await withFakeAffise(options: .init(idsPerListCall: 1000)) { affise, platform in
            var ids: [Int] = []
            for index in 0..<620 { ids.append(await affise.seed(sampleOffer(externalID: "s-\(index)"))) }
            let listed = try await platform.offers(ids: ids)
            #expect(listed.map(\.id) == ids)
            let pages = await affise.requests().filter { $0.endpoint == .list }.map { $0.values("page") }
            #expect(pages == [["1"], ["2"]])
        }
    }

    @Test func theAPIKeyIsInNoErrorDescription() async throws {
        let key = PlatformHarness.apiKey
        try await withFakeAffise { affise, platform in
            await affise.inject(.rejected(httpStatus: 403, message: "key \(key) is not allowed here"), on: .create)
            await affise.inject(.answerDropped, on: .create)
            var descriptions: [String] = []
            for _ in 0..<2 {
                do {
                    _ = try await platform.createOffer(sampleOffer())
                } catch {
                    descriptions.append(String(describing: error))
                    descriptions.append(String(reflecting: error))
                }
            }
            #expect(descriptions.count == 4)
            #expect(descriptions.allSatisfy { !$0.contains(key) })
            #expect(descriptions.first?.contains(Redactor.mask) == true)
        }
    }
}
