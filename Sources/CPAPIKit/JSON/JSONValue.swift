import Foundation

/// Any JSON value, decoded leniently: how an adapter keeps every field a source sent.
///
/// `canonicalJSON` writes it back with sorted keys and normalised numbers, so two answers that
/// differ only in key order or number formatting give the same text.
public enum JSONValue: Sendable, Equatable, Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null; return }
        // Most frequent first: strings, numbers; each miss costs a thrown error.
        if let string = try? single.decode(String.self) { self = .string(string); return }
        if let number = try? single.decode(Double.self) { self = .number(number); return }
        if let bool = try? single.decode(Bool.self) { self = .bool(bool); return }
        if let object = try? single.decode([String: JSONValue].self) { self = .object(object); return }
        self = .array(try single.decode([JSONValue].self))
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// Text of a string (trimmed, nil when empty) or a number (`12`, `0.85`); nil otherwise.
    public var text: String? {
        switch self {
        case .string(let string): return Self.trimmed(string)
        case .number(let number): return Self.format(number)
        case .bool(let bool): return bool ? "true" : "false"
        default: return nil
        }
    }

    /// `string` without surrounding white space; nil when nothing is left. Fast when there is nothing to trim.
    static func trimmed(_ string: String) -> String? {
        guard let first = string.utf8.first, let last = string.utf8.last else { return nil }
        if !isSpaceByte(first) && !isSpaceByte(last) { return string }
        let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    private static func isSpaceByte(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte >= 0x80
    }

    /// A number, or a string holding one (`"0.85"`, `" 1,5 "` is not one); nil otherwise.
    public var number: Double? {
        switch self {
        case .number(let number): return number
        case .string(let string):
            // Foundation's trimming only when an end may be white space: numbers rarely come padded.
            let mayBePadded = string.utf8.first.map(Self.mayBeNumberPadding) ?? false || string.utf8.last.map(Self.mayBeNumberPadding) ?? false
            let trimmed = mayBePadded ? string.trimmingCharacters(in: .whitespacesAndNewlines) : string
            guard let value = Double(trimmed), value.isFinite else { return nil }
            return value
        default: return nil
        }
    }

    /// A byte that is, or may start or end, white space or a newline (any non-ASCII byte may).
    private static func mayBeNumberPadding(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte) || byte >= 0x80
    }

    /// A whole number from a number or a numeric string (`3`, `"3"`, `3.0`).
    public var integer: Int? {
        guard let number, number.rounded() == number, abs(number) < 9e15 else { return nil }
        return Int(number)
    }

    /// `true`/`false`, `1`/`0`, `"true"`/`"false"`/`"1"`/`"0"`/`"yes"`/`"no"`; nil otherwise.
    public var bool: Bool? {
        switch self {
        case .bool(let bool): return bool
        case .number(let number): return number != 0
        case .string(let string):
            switch string.trimmingCharacters(in: .whitespaces).lowercased() {
            case "true", "1", "yes", "y": return true
            case "false", "0", "no", "n", "": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// A list of texts from an array (`["US","CA"]`) or a comma string (`"US, CA"`); empty items dropped.
    public var textList: [String] {
        var texts: [String] = []
        forEachText { texts.append($0) }
        return texts
    }

    /// Calls `body` with each text of `textList`, in order, without making the list.
    func forEachText(_ body: (String) -> Void) {
        switch self {
        case .array(let items):
            for item in items { if let text = item.text { body(text) } }
        case .string(let string):
            // Split at comma characters; in ASCII text (the usual case) those are the comma bytes,
            // found without the grapheme breaking a character split does.
            guard string.utf8.allSatisfy({ $0 < 0x80 }) else {
                for part in string.split(separator: ",") { if let text = Self.trimmed(String(part)) { body(text) } }
                return
            }
            var partStart = string.utf8.startIndex
            for index in string.utf8.indices where string.utf8[index] == UInt8(ascii: ",") {
                if let text = Self.trimmed(String(string[partStart..<index])) { body(text) }
                partStart = string.utf8.index(after: index)
            }
            if let text = Self.trimmed(String(string[partStart...])) { body(text) }
        case .number: if let text { body(text) }
        default: break
        }
    }

    /// Canonical JSON text: keys sorted, numbers normalised (`1` not `1.0`), no insignificant spaces.
    public var canonicalJSON: String {
        var output: [UInt8] = []
        output.reserveCapacity(1024)
        writeCanonical(to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends the canonical JSON bytes to `output` (callers reuse one buffer across many values).
    func writeCanonical(to output: inout [UInt8]) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let bool): output.append(contentsOf: (bool ? "true" : "false").utf8)
        case .number(let number):
            if !Self.writePlain(number, { output.append($0) }) { output.append(contentsOf: Self.format(number).utf8) }
        case .string(let string): Self.writeString(string, to: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                item.writeCanonical(to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let fields):
            output.append(UInt8(ascii: "{"))
            for (index, field) in fields.sorted(by: { $0.key < $1.key }).enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.writeString(field.key, to: &output)
                output.append(UInt8(ascii: ":"))
                field.value.writeCanonical(to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// `12` for whole numbers, the shortest round-trip form otherwise (`0.85`).
    public static func format(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return number.description
    }

    /// Emits the bytes `format(number)` gives when `number` is whole or has at most six decimals
    /// (every payout and rate a feed sends), without making a string, and returns true; returns
    /// false, emitting nothing, for any other number.
    ///
    /// `units / 10^d == number` (one correctly rounded division) means the decimal with those digits
    /// reads back as `number`; with the fewest such decimals it is the shortest text that does, which
    /// is what `description` prints in this range.
    @inline(__always)
    static func writePlain(_ number: Double, _ emit: (UInt8) -> Void) -> Bool {
        if writeWhole(number, emit) { return true }
        let magnitude = number.magnitude
        guard magnitude >= 1e-3, magnitude < 1e9 else { return false }
        var scale: UInt64 = 1
        for decimals in 1...6 {
            scale *= 10
            let units = (magnitude * Double(scale)).rounded()
            guard units / Double(scale) == magnitude else { continue }
            let value = UInt64(units)
            if number < 0 { emit(UInt8(ascii: "-")) }
            _ = writeWhole(Double(value / scale), emit)
            emit(UInt8(ascii: "."))
            let fraction = value % scale
            var power = scale / 10
            for _ in 0..<decimals {
                emit(UInt8(ascii: "0") + UInt8((fraction / power) % 10))
                power /= 10
            }
            return true
        }
        return false
    }

    @inline(__always)
    private static func writeWhole(_ number: Double, _ emit: (UInt8) -> Void) -> Bool {
        guard number.rounded() == number, abs(number) < 1e15 else { return false }
        let whole = Int64(number)
        if whole < 0 { emit(UInt8(ascii: "-")) }
        let magnitude = whole.magnitude
        var power: UInt64 = 1
        while power <= magnitude / 10 { power *= 10 }
        while power > 0 {
            emit(UInt8(ascii: "0") + UInt8((magnitude / power) % 10))
            power /= 10
        }
        return true
    }

    static func writeString(_ string: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        // Native strings are read in place; others (bridged, rare) through a contiguous copy.
        if string.utf8.withContiguousStorageIfAvailable({ writeEscaped($0, to: &output) }) == nil {
            var string = string
            string.withUTF8 { writeEscaped($0, to: &output) }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func writeEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        // Runs without anything to escape are copied whole.
        var runStart = 0
        while true {
            let position = JSONStringScan.firstSpecialByte(in: bytes, from: runStart)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<position]))
            guard position < bytes.count else { break }
            runStart = position + 1
            switch bytes[position] {
            case UInt8(ascii: "\""): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            default:
                let hex = Array("0123456789abcdef".utf8)
                let byte = bytes[position]
                output.append(contentsOf: [
                    UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]
                ])
            }
        }
    }
}
