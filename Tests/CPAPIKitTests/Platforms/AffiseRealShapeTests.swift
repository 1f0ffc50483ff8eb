import Foundation
import Synchronization
import Testing
@testable import CPAPIKit
import LoopbackServers

/// What real Affise answers look like (official SDK fixtures, help center, public clients), each read
/// by the client without loss; and the rules that depend on reading them right, on both platforms.
@Suite struct AffiseRealShapeTests {
    /// One real-shape answer of a read-back and what the client must make of it.
    struct ReadBack: CustomTestStringConvertible, Sendable {
        let name: String
        let json: String
        let check: @Sendable (PlatformOffer) -> Bool
        var testDescription: String { name }
    }

    static let readBacks: [ReadBack] = [
        ReadBack(
            name: "countries and currency lower-cased are read as codes",
            json: #"{"id":1,"payments":[{"countries":["kz","us"],"currency":"usd","total":"2","revenue":1.4}]}"#
        ) {
            $0.fields.payments?.first?.countries == ["KZ", "US"] && $0.fields.payments?.first?.currency == "USD"
        },
        ReadBack(name: "goal as a string", json: #"{"id":1,"payments":[{"goal":"1","total":1,"revenue":1}]}"#) {
            $0.fields.payments?.first?.goal == "1"
        },
        ReadBack(name: "goal as a number", json: #"{"id":1,"payments":[{"goal":2,"total":1,"revenue":1}]}"#) {
            $0.fields.payments?.first?.goal == "2"
        },
        ReadBack(
            name: "country_exclude true is kept",
            json: #"{"id":1,"payments":[{"countries":["us"],"country_exclude":true,"total":1,"revenue":1}]}"#
        ) {
            $0.fields.payments?.first?.countryExclude == true
        },
        ReadBack(
            name: "country_exclude false is the same as not said",
            json: #"{"id":1,"payments":[{"countries":["us"],"country_exclude":false,"total":1,"revenue":1}]}"#
        ) {
            $0.fields.payments?.first?.countryExclude == nil
        },
        ReadBack(name: "country_exclude as 1", json: #"{"id":1,"payments":[{"country_exclude":"1","total":1,"revenue":1}]}"#) {
            $0.fields.payments?.first?.countryExclude == true
        },
        ReadBack(name: "privacy premoderated is protected", json: #"{"id":1,"privacy":"premoderated"}"#) {
            $0.fields.privacy == .protected
        },
        ReadBack(name: "privacy private and public", json: #"{"id":1,"privacy":"private"}"#) { $0.fields.privacy == .private },
        ReadBack(
            name: "a number that is not finite is read as none",
            json: #"{"id":1,"payments":[{"total":"inf","revenue":"nan"}]}"#
        ) {
            $0.fields.payments?.first?.total == 0 && $0.fields.payments?.first?.revenue == 0
        },
        ReadBack(name: "status in capitals", json: #"{"id":1,"status":"Suspended"}"#) { $0.status == .suspended },
        ReadBack(
            name: "offer_id is the 24-hex string, id the integer",
            json: #"{"id":936,"offer_id":"5943f7307e28fe9a1f8b456d","external_offer_id":"18231"}"#
        ) {
            $0.id == 936 && $0.externalOfferID == "18231"
        }
    ]

    @Test(arguments: readBacks)
    func readBackInARealShape(_ row: ReadBack) throws {
        let object = try JSONSerialization.jsonObject(with: Data(row.json.utf8))
        #expect(row.check(try AffiseResponseDecoder.offer(from: object)))
    }

    /// A create's answer and the id the client must take from it.
    struct CreateAnswer: CustomTestStringConvertible, Sendable {
        let name: String
        let json: String
        let id: Int
        var testDescription: String { name }
    }

    static let createAnswers: [CreateAnswer] = [
        CreateAnswer(
            name: "top-level id and offer.id",
            json: #"{"status":1,"offer":{"id":936,"offer_id":"5943f7307e28fe9a1f8b456d"},"id":936}"#, id: 936),
        CreateAnswer(name: "offer.id only", json: #"{"status":1,"offer":{"id":12}}"#, id: 12),
        CreateAnswer(name: "top-level id only", json: #"{"status":1,"id":"13"}"#, id: 13)
    ]

    @Test(arguments: createAnswers)
    func createAnswerInARealShape(_ row: CreateAnswer) throws {
        let object = try AffiseResponseDecoder.object(from: Data(row.json.utf8))
        #expect(try AffiseResponseDecoder.createdOfferID(in: object) == row.id)
    }

    // MARK: Against the loopback Affise, which answers in the real shapes

    @Test func listsAndLookupsSeeEveryStatus() async throws {
        try await withFakeAffise { affise, platform in
            var ids: [Int] = []
            for (index, status) in PlatformStatus.allCases.enumerated() {
                var fields = sampleOffer(externalID: "ext-\(index)")
                fields.status = status
                ids.append(try await platform.createOffer(fields))
            }
            #expect(try await platform.offers(ids: ids).map(\.status) == PlatformStatus.allCases.map(Optional.some))
            #expect(try await platform.offers(externalOfferID: "ext-1").map(\.status) == [.suspended])
            #expect(try await platform.offers(externalOfferID: "ext-2").map(\.status) == [.stopped])
            let list = try #require(await affise.requests().last { $0.endpoint == .list })
            #expect(Set(list.values("status[]")) == ["active", "suspended", "stopped"])
        }
    }

    @Test func listingFollowsNextPageUntilItIsAbsent() async throws {
        try await withFakeAffise(options: .init(pageSize: 2)) { affise, platform in
            var ids: [Int] = []
            for index in 0..<5 { ids.append(try await platform.createOffer(sampleOffer(externalID: "same"))) }
            _ = ids
            await affise.clearRequests()
            #expect(try await platform.offers(externalOfferID: "same").count == 5)
            #expect(await affise.requests().filter { $0.endpoint == .list }.map { $0.values("page") } == [["1"], ["2"], ["3"]])
        }
    }

    @Test func aMissingOfferIsNil() async throws {
        try await withFakeAffise { _, platform in
            let missing = try await platform.offer(id: 4242)
            #expect(missing == nil)
        }
    }

    @Test func aRefusedKeyIsTheCredentialsRefusal() async throws {
        try await withFakeAffise(apiKey: "wrong-key-123456") { _, platform in
            do throws(PlatformError) {
                _ = try await platform.createOffer(sampleOffer())
                Issue.record("a create with a wrong key succeeded")
            } catch {
                #expect(error.refusesCredentials)
                #expect(error.description.contains("HTTP 401") && error.description.contains("Token is necessary"))
            }
        }
    }

    @Test func anHTMLPageIsNamedByItsTitle() async throws {
        try await withFakeAffise { affise, platform in
            await affise.inject(.htmlPage(httpStatus: 502, title: "502 Bad Gateway"), on: .create, repeat: .times(9))
            do throws(PlatformError) {
                _ = try await platform.createOffer(sampleOffer())
                Issue.record("a create answered by an HTML page succeeded")
            } catch {
                #expect(error.description == #"platform refused (HTTP 502): an HTML page "502 Bad Gateway""#)
            }
        }
    }

    @Test func aRefusalInsideHTTP200ShowsAffiseTextUnderMessage() async throws {
        try await withFakeAffise { affise, platform in
            await affise.inject(.refusedWithMessageObject(["advertiser": "Advertiser not found"]), on: .create)
            do throws(PlatformError) {
                _ = try await platform.createOffer(sampleOffer())
                Issue.record("a refused create succeeded")
            } catch {
                #expect(error == .rejected(httpStatus: 200, message: "advertiser: Advertiser not found"))
            }
        }
    }

    @Test func connectionRefusedReadsAsSuch() async throws {
        let fetcher = HTTPFetcher()
        let platform = try AffisePlatform(
            baseURL: "http://127.0.0.1:1", apiKey: "some-key-12345",
            options: .init(retryPolicy: .never), fetcher: fetcher)
        do throws(PlatformError) {
            _ = try await platform.offer(id: 1)
            Issue.record("a call to a closed port succeeded")
        } catch {
            #expect(error == .unreachable("connection refused by 127.0.0.1:1"))
        }
        try await fetcher.shutdown()
    }

    // MARK: The rules that depend on it, on both platforms

    @Test(arguments: PlatformUnderTest.allCases)
    func anOfferPausedWhileMissingComesBack(kind: PlatformUnderTest) async throws {
        try await RulesWorld.with(kind) { world in
            try world.apply(RulesWorld.campaign(status: .source))
            try world.feed([RulesWorld.offer("1"), RulesWorld.offer("2")])
            try await world.sync()
            try world.feed([RulesWorld.offer("2")])
            world.clock.advance(RulesWorld.grace)
            #expect(try await world.sync().paused == 1)
            // Read back while suspended: still in the sync, not "deleted".
            world.clock.advance(60)
            let quiet = try await world.sync()
            #expect(quiet.excluded == 0)
            try world.feed([RulesWorld.offer("1"), RulesWorld.offer("2")])
            try await world.sync()
            #expect(try world.placement("1").state == .live)
            #expect(try await world.platformOffer("1")?.status == .active)
        }
    }

    @Test func anOfferLeftOutOfAListIsNotExcluded() async throws {
        try await RulesWorld.with(.affise) { world in
            let affise = try #require(world.harness.affise)
            try world.apply(RulesWorld.campaign(status: .active))
            try world.feed([RulesWorld.offer("1")])
            try await world.sync()
            let id = try #require(try world.placement("1").platformOfferID)
            await affise.inject(.leftOutOfLists(offerID: id), on: .list, repeat: .untilCleared)
            try world.feed([RulesWorld.offer("1", amount: 3)])
            let outcome = try await world.sync()
            #expect(outcome.excluded == 0 && outcome.updated == 1)
            #expect(try world.placement("1").state == .live)
            #expect(await affise.requests().contains { $0.endpoint == .get && $0.path == "/3.0/offer/\(id)" })
            // A deletion is still seen: the lookup by id answers "not found".
            try await world.harness.deleteByHand(id)
            #expect(try await world.sync().excluded == 1)
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func aLostCreateOfAPausedOfferIsFoundNotDuplicated(kind: PlatformUnderTest) async throws {
        try await RulesWorld.with(kind) { world in
            try world.apply(RulesWorld.campaign(status: .paused))
            try world.feed([RulesWorld.offer("1")])
            await world.loseNextCreateAnswer()
            #expect(try await world.sync().failed == 1)
            let second = try await world.sync()
            #expect(second.created == 0 && second.failed == 0)
            #expect(try await world.platformOffers(external: "1").count == 1)
            #expect(try await world.platformOffer("1")?.status == .suspended)
        }
    }

    enum CopyAction: String, CaseIterable, CustomTestStringConvertible {
        case exclude, duplicate
        var testDescription: String { rawValue }
    }

    @Test(arguments: PlatformUnderTest.allCases, CopyAction.allCases)
    func aCopyKeepsTheOriginalsPrivacy(kind: PlatformUnderTest, action: CopyAction) async throws {
        for privacy in Privacy.allCases {
            try await WorkflowWorld.with(kind) { w in
                var campaign = RulesWorld.campaign()
                campaign.defaults.privacy = privacy
                try w.world.apply(campaign)
                try w.world.feed([RulesWorld.offer("1")])
                try await w.world.sync()
                #expect(try await w.world.platformOffer("1")?.fields.privacy == privacy)
                let result =
                    switch action {
                    case .exclude: try await w.offers.exclude(w.key("1"))
                    case .duplicate: try await w.offers.duplicate(w.key("1"))
                    }
                let copyID = try #require(result.copyPlatformOfferID)
                let copy = try #require(try await w.world.harness.platform.offer(id: copyID))
                #expect(copy.fields.privacy == privacy, "a \(privacy) offer's copy is \(copy.fields.privacy.map(\.rawValue) ?? "none")")
            }
        }
    }

    @Test(arguments: PlatformUnderTest.allCases)
    func aRunWhoseEveryWriteFailedHasFailed(kind: PlatformUnderTest) async throws {
        try await RulesWorld.with(kind) { world in
            try world.apply(RulesWorld.campaign())
            try world.feed([RulesWorld.offer("1"), RulesWorld.offer("2")])
            world.platform.failNextCreate(.serverError)
            world.platform.failNextCreate(.serverError)
            let outcome = try await world.sync()
            #expect(outcome.status == .failed && outcome.failed == 2)
            #expect(outcome.error?.hasPrefix("every write failed (2)") == true, "\(outcome.error ?? "")")
        }
    }

    @Test func aRunWhoseKeyWasRefusedHasFailed() async throws {
        try await RulesWorld.with(.affise) { world in
            let affise = try #require(world.harness.affise)
            try world.apply(RulesWorld.campaign())
            try world.feed([RulesWorld.offer("1"), RulesWorld.offer("2")])
            try await world.sync()
            // The key is revoked: the reads fail, nothing is created; the run must not read as a success.
            await affise.inject(.rejected(httpStatus: 401, message: "Token is necessary"), repeat: .untilCleared)
            try world.feed([RulesWorld.offer("1", amount: 4), RulesWorld.offer("2"), RulesWorld.offer("3")])
            let lines = Mutex<[SyncProgress]>([])
            let outcome = try await world.sync { step in lines.withLock { $0.append(step) } }
            #expect(outcome.status == .failed)
            #expect(outcome.error?.contains("the platform refused the API key") == true, "\(outcome.error ?? "")")
            // The push's line leads with the cause, then the counts.
            let push = try #require(lines.withLock { $0 }.last { $0.phase == .push && $0.step == .failed })
            #expect(push.message.hasPrefix("the platform refused the API key"), "\(push.message)")
        }
    }
}
