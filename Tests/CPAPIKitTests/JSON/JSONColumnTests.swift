import Foundation
import GRDB
import Testing
@testable import CPAPIKit

/// The fast JSON columns write what `JSONEncoder` (sorted keys) writes, and read it back.
@Suite struct JSONColumnTests {
    static let fields = PlatformOfferFields(
        title: "Ünïcode \"quoted\" \\ back\tslash\nline", description: "a/b <c> & \u{1} control", url: "https://x.example/v.php?id=1&subid={clickid}",
        previewURL: "https://play.google.com/store/apps/details?id=a.b", externalOfferID: "123", advertiser: "5a0c0f5e8a1b2c3d4e5f6a7b",
        status: .suspended, privacy: .protected, categories: ["Games", "Apps"], redirectType: "http302",
        isRedirectOvercap: true, strictlyCountry: false, logo: "https://x.example/logo.png",
        payments: [
            PlatformPayment(
                countries: ["US", "CA"], devices: ["mobile"], os: ["android"], total: 2, revenue: 1.4,
                currency: "USD", type: "fixed"),
            PlatformPayment(total: 0.1 + 0.2, revenue: 1e-7, currency: "EUR", goal: "1")
        ],
        caps: [PlatformCap(period: "day", type: "conversions", value: 50)])

    static func codableText<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func platformOfferFieldsAreWrittenAsJSONEncoderWritesThem() throws {
        #expect(JSONColumn.encode(Self.fields) == (try Self.codableText(Self.fields)))
        #expect(JSONColumn.encode(PlatformOfferFields()) == (try Self.codableText(PlatformOfferFields())))
        #expect(JSONColumn.encode(PlatformOfferFields(status: .active)) == "{\"status\":\"active\"}")
    }

    @Test func platformOfferFieldsReadBackWhatEitherWrote() throws {
        #expect(try JSONColumn.decode(PlatformOfferFields.self, from: JSONColumn.encode(Self.fields), in: "the test column") == Self.fields)
        #expect(try JSONColumn.decode(PlatformOfferFields.self, from: Self.codableText(Self.fields), in: "the test column") == Self.fields)
    }

    @Test func demandOfferListsAreWrittenAsJSONEncoderWritesThem() throws {
        let payouts = [CountryPayout(country: "US", amount: 2.35), CountryPayout(country: "GB", amount: 1)]
        let caps = [OfferCap(period: "day", type: "budget", value: 12.5)]
        let names = ["US", "", "ü \"x\""]
        #expect(JSONColumn.encode(payouts) == (try Self.codableText(payouts)))
        #expect(JSONColumn.encode(caps) == (try Self.codableText(caps)))
        #expect(JSONColumn.encode(names) == (try Self.codableText(names)))
        #expect(try JSONColumn.decode([CountryPayout].self, from: Self.codableText(payouts), in: "the test column") == payouts)
        #expect(try JSONColumn.decode([OfferCap].self, from: Self.codableText(caps), in: "the test column") == caps)
        #expect(try JSONColumn.decode([String].self, from: Self.codableText(names), in: "the test column") == names)
    }

    @Test func stringListsReadTheSameByEitherPath() throws {
        for names in [[], ["US"], ["US", "", "CA"], ["ü \"x\"", "a\\b", "tab\there"], ["[", "]", ",", "\",\""]] {
            let text = JSONColumn.encode(names)
            #expect(try JSONColumn.decodeStrings(from: text, in: "the test column") == names, "\(text)")
            #expect(
                try JSONColumn.decodeStrings(from: text, in: "the test column")
                    == JSONColumn.decode([String].self, from: text, in: "the test column"))
        }
        // Other spellings of the same list (written by JSONEncoder or by hand) go through the parser.
        #expect(try JSONColumn.decodeStrings(from: #"[ "US" , "CA" ]"#, in: "the test column") == ["US", "CA"])
        for bad in [#"["US""#, #"["US",]"#, #"["US"]x"#, #"["US" 1]"#, #"["US",1]"#, "[", #""US""#] {
            #expect(throws: JSONColumnValueError.self, "\(bad)") { try JSONColumn.decodeStrings(from: bad, in: "the test column") }
        }
    }

    @Test func unreadableColumnSaysWhereAndWhy() {
        #expect {
            try JSONColumn.decode(
                PlatformOfferFields.self, from: #"{"payments":[{"countries":[],"devices":[],"os":[],"total":"2"}]}"#, in: "the test column")
        } throws: { error in
            (error as? JSONColumnValueError)?.description == "stored JSON in the test column at payments[0].total: expected a number, found a string"
        }
        #expect {
            try JSONColumn.decode([String].self, from: "[\"US\", 1]", in: "the test column")
        } throws: { error in
            (error as? JSONColumnValueError)?.description == "stored JSON in the test column at [1]: expected a string, found a number"
        }
        #expect(throws: JSONColumnValueError.self) { try JSONColumn.decode([String].self, from: "[\"US\"", in: "the test column") }
        #expect(throws: JSONColumnValueError.self) {
            try JSONColumn.decode(PlatformOfferFields.self, from: #"{"status":"gone"}"#, in: "the test column")
        }
    }

    @Test func anUnreadablePlacementColumnIsNamedAndReadAsNone() throws {
        let scratch = try ScratchFolder()
        defer { scratch.remove() }
        let store = try scratch.makeStore()
        let id = try store.pool.write { db -> Int64 in
            try db.execute(
                sql: """
                    INSERT INTO placements (campaign_id, source_id, external_id, state, last_pushed, created_at, updated_at)
                    VALUES ('tier1', 'cpalead', '7', 'live', '{"status":"gone"}', '2026-11-22 00:00:00.000', '2026-11-22 00:00:00.000')
                    """)
            return db.lastInsertedRowID
        }
        // Read as none and said (the next push writes it again in full), never an error for the whole source.
        let placement = try #require(try store.placements(sourceID: "cpalead").first)
        #expect(placement.lastPushed == nil && placement.lastPushedHash == nil)
        #expect(
            placement.lastError == "stored JSON in last_pushed of placement \(id) at status: unknown value \"gone\": "
                + "read as none, pushed again in full")
    }
}
