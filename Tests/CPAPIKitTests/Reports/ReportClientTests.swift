import Foundation
import LoopbackServers
import Testing
@testable import CPAPIKit

@Suite struct ReportClientTests {
    @Test func conversionsLookupWaitsForItsSlotAndNeverExceedsTheLimit() async throws {
        try await ReportsWorld.with { world in
            try await world.server.setConversions(
                [
                    #"{"subid":"abc","offer_id":"18231","amount":"0.85","date":"2026-04-01 12:00:00","lead_id":9}"#,
                    #"{"subid":"abc","offer_id":5,"amount":null}"#
                ], publisherID: ReportsWorld.publisherID)
            let client = try world.client()
            let all = try await client.lookUpConversions(subid: "abc")
            let onOffer = try await client.lookUpConversions(subid: "abc", offerID: "18231")
            let none = try await client.lookUpConversions(subid: "nobody")
            #expect(all.converted && all.conversions.count == 2)
            #expect(onOffer.conversions.map(\.offerID) == ["18231"] && onOffer.conversions.first?.amount == 0.85)
            #expect(onOffer.conversions.first?.leadID == "9")
            #expect(!none.converted && none.conversions.isEmpty)
            #expect(world.waits.all.count == 2 && world.waits.all.allSatisfy { $0 >= 59.9 && $0 <= 60.1 })
            #expect(await world.server.reportRefusals() == 0)
        }
    }

    @Test func noWaitFailsFastWithTheTimeItWouldBeAllowed() async throws {
        try await ReportsWorld.with { world in
            let client = try world.client()
            _ = try await client.lookUpConversions(subid: "x", waiting: false)
            let allowed = world.clock.now().addingTimeInterval(60)
            await #expect(throws: ReportFailure.rateLimited(sourceID: "cpalead", endpoint: .conversions, until: allowed)) {
                try await client.lookUpConversions(subid: "x", waiting: false)
            }
            #expect(await world.server.requests().count == 1)
        }
    }

    @Test func tooManyRequestsWithRetryAfterPushesTheNextAllowedTime() async throws {
        try await ReportsWorld.with { world in
            await world.server.inject(.tooManyRequests(retryAfter: "120"))
            let client = try world.client()
            let now = world.clock.now()
            await #expect(throws: ReportFailure.rateLimited(sourceID: "cpalead", endpoint: .conversions, until: now.addingTimeInterval(120))) {
                try await client.lookUpConversions(subid: "x", waiting: false)
            }
            #expect(try world.store.nextAllowedAt(sourceID: "cpalead", endpoint: .conversions) == now.addingTimeInterval(120))

            // Waiting instead: the 429 is waited out (120 s, not the 60 s interval), then the call passes.
            await world.server.inject(.tooManyRequests(retryAfter: "120"))
            world.clock.advance(by: 120)
            let lookup = try await client.lookUpConversions(subid: "x", waiting: true)
            #expect(!lookup.converted)
            #expect(world.waits.all.count == 1 && abs(world.waits.all[0] - 120) < 0.01)
        }
    }

    @Test func sourceWithoutAPIKeyIsRefusedClearly() async throws {
        try await ReportsWorld.with { world in
            try world.addSource(id: "keyless", apiKey: nil)
            #expect(
                throws: ReportFailure.notUsable(
                    "source keyless has no API key: the conversions and reversals APIs need one "
                        + "(set api_key_env or api_key in its [[sources]] table, then apply)")
            ) {
                try world.client(sourceID: "keyless")
            }
            #expect(throws: ReportFailure.notUsable("unknown source \"nope\"")) { try world.client(sourceID: "nope") }
            try world.addSource(id: "unset", apiKey: .environment("NOT_SET_ANYWHERE"))
            do {
                _ = try world.client(sourceID: "unset")
                Issue.record("a key that cannot be read must refuse the source")
            } catch let error as ReportFailure {
                #expect(error.description.contains("NOT_SET_ANYWHERE"))
            }
        }
    }

    @Test func apiKeyIsNeverInAFailureOrAStoredBody() async throws {
        try await ReportsWorld.with { world in
            let key = ReportsWorld.apiKey
            await world.server.inject(.errorStatus(message: "key \(key) is suspended"))
            let client = try world.client()
            do {
                _ = try await client.fetchReversals(
                    ReportWindow(
                        start: try ReportDay(parsing: "2026-01-01"),
                        end: try ReportDay(parsing: "2026-01-31")))
                Issue.record("an error answer must fail")
            } catch let error as ReportFailure {
                guard case .fetch(let failure) = error else { Issue.record("expected a fetch failure, got \(error)"); return }
                #expect(failure.reason.contains("answered status \"error\""))
                #expect(failure.reason.contains("api_key=[redacted]"))
                let shown = failure.reason + (failure.body ?? "") + failure.headers.values.joined()
                #expect(!shown.contains(key))
            }
            // A reversal that quotes the key keeps it masked in what is stored.
            try await world.server.setReversals(
                [#"{"lead_id":"1","offer_id":3,"date":"2026-01-05","note":"by \#(key)"}"#],
                publisherID: ReportsWorld.publisherID)
            _ = try await ReversalDownloader(client: client).download(
                from: try ReportDay(parsing: "2026-01-01"),
                to: try ReportDay(parsing: "2026-01-31"))
            let stored = try world.store.reversals(sourceID: "cpalead")
            #expect(stored.count == 1 && stored[0].rawJSON.contains("[redacted]") && !stored[0].rawJSON.contains(key))
            #expect(stored[0].reason?.contains(key) == false)
        }
    }

    @Test func untidyReversalAnswersAreReadLeniently() throws {
        let parser = CPAleadReportParser(sourceID: "s", redactor: Redactor(secrets: ["zz-secret-key"]))
        let keyed = try JSONValueParser.parse(
            Data(
                #"""
                {"status":"success","reversals":{"501":{"offer_id":"12","amount":"1.5","reversed_at":"2026-02-03T04:05:06Z","extra":[1,null]},
                                                 "502":{"offerid":13,"payout":2,"date":null,"reason":null}}}
                """#.utf8))
        guard case .success(let entries) = parser.entries(keyed, listKeys: CPAleadReportParser.reversalListKeys) else {
            Issue.record("an object keyed by lead id is a list of reversals"); return
        }
        let reversals = entries.compactMap(parser.reversal)
        #expect(reversals.map(\.leadID) == ["501", "502"])
        #expect(reversals[0].offerID == "12" && reversals[0].amount == 1.5 && reversals[0].day?.description == "2026-02-03")
        #expect(reversals[0].rawJSON.contains(#""extra":[1,null]"#))
        #expect(reversals[1].offerID == "13" && reversals[1].amount == 2 && reversals[1].day == nil && reversals[1].reason == nil)

        let bare = try JSONValueParser.parse(Data(#"[{"offer_id":1,"date":"2026-01-02"},"777",null]"#.utf8))
        guard case .success(let list) = parser.entries(bare, listKeys: CPAleadReportParser.reversalListKeys) else {
            Issue.record("a bare list is a list of reversals"); return
        }
        let read = list.compactMap(parser.reversal)
        #expect(read.count == 2 && read[0].key.hasPrefix("content:") && read[1].key == "lead:777")

        let refused = try JSONValueParser.parse(Data(#"{"status":"error","message":"Invalid API key"}"#.utf8))
        guard case .failure(let refusal) = parser.entries(refused, listKeys: CPAleadReportParser.reversalListKeys) else {
            Issue.record("an error status is refused"); return
        }
        #expect(refusal.reason == #"answered status "error": "Invalid API key""#)
        let empty = try JSONValueParser.parse(Data(#"{"status":"success","message":"No results"}"#.utf8))
        guard case .success(let none) = parser.entries(empty, listKeys: CPAleadReportParser.reversalListKeys) else {
            Issue.record("a success without a list is empty"); return
        }
        #expect(none.isEmpty)
    }
}
