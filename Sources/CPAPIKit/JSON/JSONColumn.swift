import Foundation

/// Encoding of list and nested values into JSON text columns: sorted keys, so equal values store equal text.
///
/// The values the sync reads and writes by the hundred thousand (platform offer fields, a demand
/// offer's lists) are `JSONColumnValue`s: written by `JSONTextWriter` and read through
/// `JSONValueParser`, faster than `JSONEncoder`/`JSONDecoder` (docs/PERFORMANCE.md). The text is the same either way, so each can read what the other wrote.
enum JSONColumn {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .secondsSince1970
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(type, from: Data(text.utf8))
    }

    static func encode<T: JSONColumnValue>(_ value: T) -> String {
        var writer = JSONTextWriter()
        value.writeJSON(to: &writer)
        return writer.text
    }

    /// `place` names the column and row for the error, e.g. `last_pushed of placement 12`.
    static func decode<T: JSONColumnValue>(_ type: T.Type, from text: String, in place: String) throws -> T {
        do throws(JSONColumnValueError) {
            // Most of an offer's list columns are empty: no need to parse those.
            if text == "[]" { return try T(json: .array([])) }
            let json: JSONValue
            do {
                json = try JSONValueParser.parse(Data(text.utf8))
            } catch {
                throw JSONColumnValueError(path: "", why: "not JSON (\(error.message) at byte \(error.offset))")
            }
            return try T(json: json)
        } catch {
            var located = error
            located.place = place
            throw located
        }
    }

    /// A list of strings (an offer's countries, devices, categories: most of its list columns), read
    /// straight from the text when it is written as `JSONTextWriter` writes it and no string in it
    /// has an escape; through `decode` (and its errors) otherwise.
    static func decodeStrings(from text: String, in place: String) throws -> [String] {
        var text = text
        if let plain = text.withUTF8(plainStrings) { return plain }
        return try decode([String].self, from: text, in: place)
    }

    /// `[]` or `["a","b",…]` without spaces, escapes or control characters; nil for anything else.
    private static func plainStrings(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), close = UInt8(ascii: "]")
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "["), bytes[bytes.count - 1] == close else { return nil }
        if bytes.count == 2 { return [] }
        var strings: [String] = []
        var position = 1
        while position < bytes.count, bytes[position] == quote {
            let start = position + 1
            var end = start
            while end < bytes.count, bytes[end] != quote {
                if bytes[end] == UInt8(ascii: "\\") || bytes[end] < 0x20 { return nil }
                end += 1
            }
            guard end + 1 < bytes.count else { return nil }
            strings.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            position = end + 2
            if bytes[end + 1] == close { return position == bytes.count ? strings : nil }
            guard bytes[end + 1] == comma else { return nil }
        }
        return nil
    }
}
