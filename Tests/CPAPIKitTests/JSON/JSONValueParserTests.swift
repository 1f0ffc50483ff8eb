import Foundation
import Testing
@testable import CPAPIKit

/// The byte parser behind every feed: correct values, and errors that say where and whether cut short.
@Suite struct JSONValueParserTests {
    func parse(_ text: String) throws(JSONValueParser.Failure) -> JSONValue {
        try JSONValueParser.parse(Data(text.utf8))
    }

    @Test func parsesEveryKindOfValue() throws {
        let value = try parse(#" {"a": [1, -2.5, 3e2, true, false, null], "b": {"c": "d"}, "e": ""} "#)
        #expect(
            value
                == .object([
                    "a": .array([.number(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null]),
                    "b": .object(["c": .string("d")]), "e": .string("")
                ]))
    }

    @Test func decodesEscapesAndUnicode() throws {
        #expect(try parse(#""a\"b\\c\/d\n\t\u00e9\ud83d\ude00""#) == .string("a\"b\\c/d\n\té😀"))
        #expect(try parse("\"déjà vu\"") == .string("déjà vu"))
    }

    @Test func agreesWithJSONDecoderOnAGeneratedFeed() throws {
        let text = #"{"offers":[{"id":18231,"amount":"0.85","t":"x\u0041","n":[1.25,-0.001,123456789012345678901]}]}"#
        let mine = try parse(text)
        let theirs = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(mine == theirs)
    }

    @Test func aDocumentCutShortSaysItEndedEarly() {
        for text in [#"{"a": [1, 2"#, #"{"a": "unfinished"#, #"{"a": tr"#, "[", #"{"a": 1."#, #"{"a""#] {
            do throws(JSONValueParser.Failure) {
                _ = try parse(text)
                Issue.record("parsed \(text)")
            } catch {
                #expect(error.endedEarly, "\(text): \(error)")
                #expect(error.offset == text.utf8.count, "\(text)")
            }
        }
    }

    @Test func aBrokenDocumentSaysWhereItBreaks() {
        for (text, offset) in [(#"{"a": 1,}"#, 8), (#"{"a" 1}"#, 5), ("[1 2]", 3), (#"{"a": x}"#, 6), ("{} {}", 3)] {
            do throws(JSONValueParser.Failure) {
                _ = try parse(text)
                Issue.record("parsed \(text)")
            } catch {
                #expect(!error.endedEarly, "\(text)")
                #expect(error.offset == offset, "\(text): \(error)")
            }
        }
    }

    @Test func canonicalJSONSortsKeysAndNormalisesNumbers() throws {
        #expect(
            try parse(#"{"b": 1.50, "a": {"d": 2.0, "c": "x\"y"}, "e": [null]}"#).canonicalJSON == #"{"a":{"c":"x\"y","d":2},"b":1.5,"e":[null]}"#)
    }
}
