import Foundation
import Testing
@testable import CPAPIKit

/// Reading a CPAlead answer in one pass, straight from its bytes, gives what parsing it into a value
/// and reading each entry gives: the same offers (raw JSON and hash included) and the same skips.
@Suite struct CPAleadEnvelopeTests {
    let parser = CPAleadOfferParser(sourceID: "cpalead", redactor: Redactor(secrets: ["S3CRET"]))

    /// Untidy entries of every kind the parser tolerates, and JSON whose canonical form takes care:
    /// escapes in keys and values, repeated keys, keys equal only once normalised, nested objects.
    static let untidyFeed = #"""
        {"number_offers": 9, "offers": [
          \#(CPAleadOfferParserTests.tidy),
          {"id": "18232", "title": "  Padded  ", "amount": "1.20", "daily_cap": "250", "offer_rank": "7",
           "payouts_per_country": [{"country": "us", "payout": "1.2"}, {"country_code": "GB", "amount": 0.9}],
           "countries": "us, CA,,GB", "device": "ios,Android", "devices": ["Desktop"], "category": "Games, Puzzle",
           "categories": ["Casual"], "creatives": [{"type": "banner"}, {"url": "https://c.test/2.png"}],
           "link": "https://t.test/?key=S3CRET", "preview_url": "https://p.test", "payout_currency": "eur"},
          {"id": 18233, "title": null, "description": null, "link": null, "amount": null, "countries": null,
           "device": null, "creatives": null, "daily_cap": null, "payouts_per_country": null, "offer_rank": null},
          {"zeta": {"b": 2, "a": [1, "x", null, {"d": 1e2, "c": -0.50}]}, "id": 18234, "alpha": 1.50,
           "ti\u0074le": "Escaped key", "quote\"d": "a\"b\\c\/d\n\u00e9\ud83d\ude00", "\u00e9t\u00e9": 1,
           "title": "Repeated: the last one counts", "e\u0301t\u00e9": 2, "name": "ignored when a title is given"},
          42,
          {"title": "no id"},
          null,
          {"id": "  ", "title": "blank id"},
          {"id": 18235, "name": "Named", "tracking_link": "https://t.test/b", "payout": 3, "currency": "usd",
           "payouts_per_country": {"de": 1, " fr ": "2.5", "xx": "n/a"}, "creatives": "https://c.test/3.png"}
        ], "status": "success"}
        """#

    @Test func readingTheAnswerInOnePassGivesWhatParsingItsEntriesGives() throws {
        let data = Data(Self.untidyFeed.utf8)
        let envelope = try #require(try CPAleadEnvelope.read(data, parser: parser))
        let entries = try #require(envelope.entries)

        guard case .array(let values)? = try JSONValueParser.parse(data)["offers"] else { Issue.record("no offers"); return }
        var offers: [DemandOffer] = [], skipped: [SkippedEntry] = []
        for (index, value) in values.enumerated() {
            switch parser.parse(value, index: index) {
            case .success(let offer): offers.append(offer)
            case .failure(let skip): skipped.append(skip)
            }
        }
        #expect(entries.count == values.count)
        #expect(entries.offers.count == 5)
        #expect(entries.offers == offers)
        #expect(entries.skipped == skipped)
        #expect(
            entries.skipped.map(\.reason) == [
                "offer #5 is not an object", "offer #6 has no id",
                "offer #7 is not an object", "offer #8 has no id"
            ])
        #expect(envelope.status == "success")
    }

    @Test func aRepeatedFieldKeepsItsLastValueInTheOfferAndItsRawJSON() throws {
        let data = Data(#"{"status": "success", "offers": [{"id": 1, "title": "First", "b": 1, "title": "Last"}]}"#.utf8)
        let offer = try #require(try CPAleadEnvelope.read(data, parser: parser)?.entries?.offers.first)
        #expect(offer.title == "Last")
        #expect(offer.rawJSON == #"{"b":1,"id":1,"title":"Last"}"#)
    }

    @Test func rawJSONOfAnEntryReadInOnePassIsCanonicalAndRedacted() throws {
        let data = Data(Self.untidyFeed.utf8)
        let offers = try #require(try CPAleadEnvelope.read(data, parser: parser)?.entries?.offers)
        // Keys in order, the first text of equal keys (`\u00e9t\u00e9`) with the last value; escapes as canonical JSON writes them.
        #expect(
            offers[3].rawJSON == #"""
                {"alpha":1.5,"id":18234,"name":"ignored when a title is given","quote\"d":"a\"b\\c/d\n\#u{E9}\#u{1F600}","title":"Repeated: the last one counts","zeta":{"a":[1,"x",null,{"c":-0.5,"d":100}],"b":2},"\#u{E9}t\#u{E9}":2}
                """#)
        #expect(offers[3].title == "Repeated: the last one counts")
        #expect(!offers[1].rawJSON.contains("S3CRET") && offers[1].rawJSON.contains("[redacted]"))
    }

    @Test func theEnvelopesFieldsMayComeInAnyOrder() throws {
        let data = Data(#"{"offers": [{"id": 7}], "message": "m", "status": "error", "offers": {"not": "a list"}}"#.utf8)
        let envelope = try #require(try CPAleadEnvelope.read(data, parser: parser))
        #expect(envelope.status == "error")
        #expect(envelope.errorMessage == "m")
        #expect(envelope.offersHasWrongShape)
        #expect(envelope.entries == nil)
    }

    @Test func anAnswerThatIsNotAnObjectHasNoEnvelope() throws {
        #expect(try CPAleadEnvelope.read(Data(#"[{"id": 1}]"#.utf8), parser: parser) == nil)
    }

    @Test func brokenJSONInsideAnEntryFailsWhereItBreaks() {
        let text = #"{"status": "success", "offers": [{"id": 1}, {"id": 2 "title": "x"}]}"#
        do throws(JSONValueParser.Failure) {
            _ = try CPAleadEnvelope.read(Data(text.utf8), parser: parser)
            Issue.record("read \(text)")
        } catch {
            #expect(error.offset == 53 && !error.endedEarly)
            #expect(throws: error) { try JSONValueParser.parse(Data(text.utf8)) }
            #expect(error.message == "expected ',' or '}'")
        }
    }

    @Test func entriesOfOneShapeAndThenAnotherAreEachWrittenAsTheirOwn() throws {
        // The writer reuses the previous entry's key order while the keys repeat: each change of shape must show.
        let entries = [
            #"{"id": 1, "title": "A", "amount": 1}"#, #"{"id": 2, "title": "B", "amount": 2}"#,
            #"{"id": 3, "amount": 3, "title": "C"}"#, #"{"id": 4, "title": "D"}"#,
            #"{"id": 5, "title": "E", "amount": 5, "zeta": [1]}"#, #"{"id": 6, "title": "F", "title": "F2"}"#,
            #"{"id": 7, "title": "G", "amount": 7}"#, #"{}"#, #"{"id": 8, "name": "H", "amount": 8}"#
        ]
        let data = Data(#"{"status": "success", "offers": [\#(entries.joined(separator: ","))]}"#.utf8)
        let read = try #require(try CPAleadEnvelope.read(data, parser: parser)?.entries)
        let expected = entries.enumerated().compactMap { index, entry in
            try? parser.parse(JSONValueParser.parse(Data(entry.utf8)), index: index).get()
        }
        #expect(read.offers == expected)
        #expect(read.offers.map(\.title) == ["A", "B", "C", "D", "E", "F2", "G", "H"])
        #expect(read.offers[4].rawJSON == #"{"amount":5,"id":5,"title":"E","zeta":[1]}"#)
        #expect(read.skipped.map(\.reason) == ["offer #8 has no id"])
    }
}
