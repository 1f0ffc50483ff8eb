import Foundation

/// Encoding of list and nested values into JSON text columns: sorted keys, so equal values store equal text.
///
/// The values the sync reads and writes by the hundred thousand (platform offer fields, a demand
/// offer's lists) are `JSONColumnValue`s: written by `JSONTextWriter` and read through
/// `JSONValueParser`, several times faster than `JSONEncoder`/`JSONDecoder`, which were most of a
/// 100k-offer sync's time. The text is the same either way, so each can read what the other wrote.
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
}
