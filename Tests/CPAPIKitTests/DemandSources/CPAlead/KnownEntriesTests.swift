import Foundation
import Testing
@testable import CPAPIKit

/// An entry whose bytes hash to one the store knows is passed over unparsed, as unchanged; any other
/// entry is read as before, and a repeated id still lets the last entry win.
@Suite struct KnownEntriesTests {
    let parser = CPAleadOfferParser(sourceID: "cpalead", redactor: Redactor(secrets: ["S3CRET"]))

    static func feed(_ entries: [String]) -> Data {
        Data(#"{"status": "success", "offers": [\#(entries.joined(separator: ",\n"))]}"#.utf8)
    }

    static let first = #"{"id": 1, "title": "One \"quoted\" {brace}", "amount": 1.5, "payouts_per_country": {"US": 2}}"#
    static let second = #"{"id": "2", "title": "Two", "amount": 0.5, "countries": ["US", "GB"], "nested": [{"a": [1, {}]}]}"#
    static let third = #"{"id": 3, "title": "Three", "amount": 3}"#

    /// Each offer's entry hash after a read with nothing known, by external id.
    func known(_ data: Data) throws -> [Int64: String] {
        let entries = try #require(try CPAleadEnvelope.read(data, parser: parser)?.entries)
        #expect(entries.entryHashes.count == entries.offers.count)
        return Dictionary(uniqueKeysWithValues: zip(entries.entryHashes, entries.offers.map(\.key.externalID)))
    }

    @Test func aKnownEntryIsUnchangedAndAChangedOneIsRead() throws {
        let known = try known(Self.feed([Self.first, Self.second, Self.third]))
        let changedSecond = Self.second.replacingOccurrences(of: "0.5", with: "0.6")
        let data = Self.feed([Self.first, changedSecond, Self.third, #"{"id": 4, "title": "New"}"#, "42"])
        let entries = try #require(try CPAleadEnvelope.read(data, parser: parser, known: known)?.entries)
        #expect(entries.unchanged == ["1", "3"])
        #expect(entries.offers.map(\.key.externalID) == ["2", "4"])
        #expect(entries.offers[0].payout.amount == 0.6)
        #expect(entries.skipped.map(\.index) == [4])
        #expect(entries.count == 5)
        // The same offers as a read with nothing known.
        let all = try #require(try CPAleadEnvelope.read(data, parser: parser)?.entries)
        #expect(all.offers.filter { ["2", "4"].contains($0.key.externalID) } == entries.offers)
    }

    @Test func anIDBothKnownAndReadMakesTheWholeFeedRead() throws {
        let known = try known(Self.feed([Self.first, Self.third]))
        let laterFirst = #"{"id": 1, "title": "One, later in the feed"}"#
        let data = Self.feed([Self.first, Self.third, laterFirst])
        let entries = try #require(try CPAleadEnvelope.read(data, parser: parser, known: known)?.entries)
        #expect(entries.unchanged.isEmpty)
        #expect(entries.offers.map(\.key.externalID) == ["1", "3", "1"])
    }

    @Test func anEntryWhoseBytesDifferInSpacingIsRead() throws {
        let known = try known(Self.feed([Self.third]))
        let spaced = Self.third.replacingOccurrences(of: ", ", with: ",  ")
        let entries = try #require(try CPAleadEnvelope.read(Self.feed([spaced]), parser: parser, known: known)?.entries)
        #expect(entries.unchanged.isEmpty && entries.offers.map(\.key.externalID) == ["3"])
    }
}
