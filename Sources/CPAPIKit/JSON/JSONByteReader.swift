import Foundation

/// A strict (RFC 8259) reader over JSON bytes, one value at a time: the single tokenizer behind
/// `JSONValueParser` (a whole document into a `JSONValue`) and `CPAleadFeedReader` (a feed read
/// straight into offers, without a tree of the whole answer).
///
/// Callers walk containers with `object(depth:field:)` and `array(depth:element:)`, reading each
/// member with `value(depth:)` or their own code, so every reader reports the same errors at the
/// same offsets. `depth` is the nesting depth of the container being read (the document's own value
/// is read at depth 0; its members, if it is a container, at depth 1).
struct JSONByteReader {
    typealias Failure = JSONValueParser.Failure

    let bytes: UnsafeBufferPointer<UInt8>
    let maxDepth: Int
    var index = 0

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) { self.bytes = bytes; self.maxDepth = maxDepth }

    /// The byte at the reader's position, nil at the end.
    var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    func fail(_ message: String) -> Failure {
        Failure(offset: index, endedEarly: index >= bytes.count, message: index >= bytes.count ? "unexpected end of input" : message)
    }

    mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    /// Checks that nothing but white space follows the document.
    mutating func end() throws(Failure) {
        skipSpace()
        guard index == bytes.count else { throw fail("unexpected data after the document") }
    }

    /// Any value, as a `JSONValue`; `depth` is that of the container holding it.
    mutating func value(depth: Int) throws(Failure) -> JSONValue {
        guard index < bytes.count else { throw fail("") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            var fields: [String: JSONValue] = [:]
            fields.reserveCapacity(24)
            try object(depth: depth + 1) { reader, key throws(Failure) in fields[key] = try reader.value(depth: depth + 1) }
            return .object(fields)
        case UInt8(ascii: "["):
            var items: [JSONValue] = []
            try array(depth: depth + 1) { reader, _ throws(Failure) in items.append(try reader.value(depth: depth + 1)) }
            return .array(items)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try number())
        default: throw fail("unexpected character '\(Character(Unicode.Scalar(bytes[index])))'")
        }
    }

    mutating func literal(_ word: StaticString) throws(Failure) {
        let text = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for expected in text {
            guard index < bytes.count else { throw fail("") }
            guard bytes[index] == expected else { throw fail("invalid literal") }
            index += 1
        }
    }

    /// Reads the object at the reader's position (`{`), calling `field` with each key and the reader
    /// at the start of its value, which `field` must read whole. `depth` is the object's own.
    mutating func object(depth: Int, field: (inout JSONByteReader, String) throws(Failure) -> Void) throws(Failure) {
        guard depth <= maxDepth else { throw fail("nested too deeply") }
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return }
        while true {
            skipSpace()
            guard index < bytes.count else { throw fail("") }
            guard bytes[index] == UInt8(ascii: "\"") else { throw fail("expected a field name") }
            let key = try string()
            skipSpace()
            guard index < bytes.count else { throw fail("") }
            guard bytes[index] == UInt8(ascii: ":") else { throw fail("expected ':'") }
            index += 1
            skipSpace()
            try field(&self, key)
            skipSpace()
            guard index < bytes.count else { throw fail("") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return }
            throw fail("expected ',' or '}'")
        }
    }

    /// Reads the array at the reader's position (`[`), calling `element` with each position and the
    /// reader at the start of that element, which `element` must read whole. `depth` is the array's own.
    mutating func array(depth: Int, element: (inout JSONByteReader, Int) throws(Failure) -> Void) throws(Failure) {
        guard depth <= maxDepth else { throw fail("nested too deeply") }
        index += 1
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return }
        var position = 0
        while true {
            skipSpace()
            try element(&self, position)
            position += 1
            skipSpace()
            guard index < bytes.count else { throw fail("") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return }
            throw fail("expected ',' or ']'")
        }
    }

    mutating func string() throws(Failure) -> String {
        var verbatim = false
        return try string(verbatim: &verbatim)
    }

    /// A string; `verbatim` tells whether it held no escape, in which case its bytes in the input,
    /// quotes included, are its canonical JSON text (`JSONValue.writeString` would write the same).
    mutating func string(verbatim: inout Bool) throws(Failure) -> String {
        index += 1
        let start = index
        // Fast path: no escapes.
        index = JSONStringScan.firstSpecialByte(in: bytes, from: index)
        if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            index += 1
            verbatim = true
            return text
        }
        verbatim = false
        if index < bytes.count, bytes[index] < 0x20 { throw fail("control character in a string") }
        var buffer = Array(UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(decoding: buffer, as: UTF8.self)
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw fail("") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): buffer.append(0x22)
                case UInt8(ascii: "\\"): buffer.append(0x5C)
                case UInt8(ascii: "/"): buffer.append(0x2F)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        // A high surrogate must be followed by `\uDC00`–`\uDFFF`.
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw fail(index + 1 >= bytes.count ? "" : "lone surrogate in a string")
                        }
                        index += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("lone surrogate in a string") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw fail("lone surrogate in a string")
                    }
                    buffer.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
                default:
                    index -= 1
                    throw fail("invalid escape in a string")
                }
            default:
                if byte < 0x20 { throw fail("control character in a string") }
                buffer.append(byte)
                index += 1
            }
        }
        throw fail("")
    }

    mutating func hex4() throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard index < bytes.count else { throw fail("") }
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw fail("invalid \\u escape")
            }
            value = value * 16 + digit
            index += 1
        }
        return value
    }

    mutating func number() throws(Failure) -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        var integer: Int64 = 0, digits = 0, simple = true
        while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) {
            if digits < 18 { integer = integer * 10 + Int64(bytes[index] - UInt8(ascii: "0")) } else { simple = false }
            digits += 1; index += 1
        }
        guard digits > 0 else { throw fail(index >= bytes.count ? "" : "invalid number") }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            simple = false
            while index < bytes.count, Self.isNumberByte(bytes[index]) { index += 1 }
        }
        if simple { return Double(bytes[start] == UInt8(ascii: "-") ? -integer : integer) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw index >= bytes.count ? fail("") : Failure(offset: start, endedEarly: false, message: "invalid number \(text)")
        }
        return value
    }

    static func isNumberByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
            || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
    }
}
