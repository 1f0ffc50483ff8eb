import Foundation

/// Parses the JSON text of a stored list of strings (`["US","CA"]`, as the store writes the
/// offers' countries and devices) straight from its bytes for the common case of plain strings,
/// which is about all of them; text with escapes goes through `JSONDecoder`.
enum StringListColumn {
    /// The strings, or nil when `text` is not a JSON list of strings.
    static func parse(_ text: String) -> [String]? { parse(Data(text.utf8)) }

    /// The strings, or nil when the UTF-8 `bytes` are not a JSON list of strings.
    static func parse(_ bytes: Data) -> [String]? {
        if let plain = bytes.withUnsafeBytes({ parsePlain($0.bindMemory(to: UInt8.self)) }) { return plain }
        return try? JSONDecoder().decode([String].self, from: bytes)
    }

    /// `["a","b"]` with optional spaces and no backslash in the strings; nil for anything else.
    private static func parsePlain(_ bytes: UnsafeBufferPointer<UInt8>) -> [String]? {
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), space = UInt8(ascii: " ")
        var i = 0
        func skipSpaces() { while i < bytes.count && bytes[i] == space { i += 1 } }
        func atEnd() -> Bool { skipSpaces(); return i == bytes.count }
        skipSpaces()
        guard i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        skipSpaces()
        var values: [String] = []
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return atEnd() ? values : nil }
        while true {
            guard i < bytes.count, bytes[i] == quote else { return nil }
            let start = i + 1
            var end = start
            while end < bytes.count && bytes[end] != quote {
                if bytes[end] == UInt8(ascii: "\\") { return nil }
                end += 1
            }
            guard end < bytes.count else { return nil }
            values.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
            i = end + 1
            skipSpaces()
            guard i < bytes.count else { return nil }
            if bytes[i] == comma { i += 1; skipSpaces(); continue }
            guard bytes[i] == UInt8(ascii: "]") else { return nil }
            i += 1
            return atEnd() ? values : nil
        }
    }
}
