import Foundation

/// Mutations of a real-shape CPAlead answer (the fake's own bytes for a publisher): cut, a byte
/// changed, a key dropped, a value of the wrong type, an absurd number, garbage nested deep, an
/// offer twice, or no answer at all. The same generator state gives the same mutation.
///
/// Served with `FakeCPAleadServer.setRawAnswer`, which takes a `String`: a changed byte that makes
/// invalid UTF-8 reaches the client as U+FFFD.
enum FeedMutator {
    enum Kind: String, CaseIterable {
        case truncated, byteChanged, keyDropped, wrongType, absurdNumber, nestedGarbage, offerTwice, notAnAnswer
    }

    static func mutate(_ answer: Data, _ kind: Kind, using random: inout SeededGenerator) -> String {
        let bytes = [UInt8](answer)
        switch kind {
        case .truncated:
            return String(decoding: bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)), as: UTF8.self)
        case .byteChanged:
            var changed = bytes
            let index = Int.random(in: 0..<bytes.count, using: &random)
            changed[index] = (changed[index] &+ UInt8.random(in: 1...127, using: &random)) & 0x7F
            return String(decoding: changed, as: UTF8.self)
        case .notAnAnswer:
            return [
                "", "null", "[]", "{}", "\"offers\"", #"{"status":"success"}"#, #"{"status":"success","offers":{}}"#,
                #"{"status":"success","offers":null}"#, #"{"status":"success","number_offers":3,"offers":[]}"#
            ]
            .randomElement(using: &random)!
        case .keyDropped, .wrongType, .absurdNumber, .nestedGarbage, .offerTwice:
            guard var envelope = (try? JSONSerialization.jsonObject(with: answer)) as? [String: Any],
                var offers = envelope["offers"] as? [[String: Any]], !offers.isEmpty
            else { return String(decoding: bytes, as: UTF8.self) }
            var raw: String?
            var envelopeKeyDropped: String?
            let index = Int.random(in: 0..<offers.count, using: &random)
            let key = offers[index].keys.sorted().randomElement(using: &random)!
            switch kind {
            case .keyDropped:
                if Bool.random(using: &random) {
                    offers[index][key] = nil
                } else {
                    envelopeKeyDropped = ["status", "offers", "number_offers"].randomElement(using: &random)!
                }
            case .wrongType:
                let values: [Any] = ["text", "", 12, -1, 0.5, [Any](), [String: Any](), NSNull(), true, ["a": [1, 2]], [["id": 1]]]
                offers[index][key] = values.randomElement(using: &random)!
            case .absurdNumber:
                raw = [
                    "1e308", "-1e308", "1e309", "-1e309", "1e-400", "123456789012345678901234567890", "-0",
                    "9223372036854775808", "-9223372036854775809", "0.000000000000000000001", "4.9e-324"
                ].randomElement(using: &random)!
                let numeric = ["id", "amount", "daily_cap", "epc", "offer_rank"]
                offers[index][numeric.randomElement(using: &random)!] = placeholder
            case .nestedGarbage:
                let depth = [8, 200, 5_000, 100_000].randomElement(using: &random)!
                raw =
                    Bool.random(using: &random)
                    ? String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
                    : String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
                offers[index][key] = placeholder
            case .offerTwice:
                var twin = offers[index]
                twin["title"] = "\(twin["title"] ?? "") (again)"
                offers.insert(twin, at: Int.random(in: 0...offers.count, using: &random))
            case .truncated, .byteChanged, .notAnAnswer:
                break
            }
            envelope["offers"] = offers
            if let envelopeKeyDropped { envelope[envelopeKeyDropped] = nil }
            let text = (try? JSONSerialization.data(withJSONObject: envelope)).map { String(decoding: $0, as: UTF8.self) } ?? ""
            return raw.map { text.replacingOccurrences(of: "\"\(placeholder)\"", with: $0) } ?? text
        }
    }

    /// Stands where a raw text (a number JSONSerialization cannot write, garbage) goes in.
    private static let placeholder = "__fault_suite_raw__"
}
