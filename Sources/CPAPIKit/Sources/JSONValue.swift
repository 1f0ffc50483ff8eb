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
        case .string(let string):
            let trimmed = string.trimmingCharacters(in: .whitespacesAndNewlines)
            return trimmed.isEmpty ? nil : trimmed
        case .number(let number): return Self.format(number)
        case .bool(let bool): return bool ? "true" : "false"
        default: return nil
        }
    }

    /// A number, or a string holding one (`"0.85"`, `" 1,5 "` is not one); nil otherwise.
    public var number: Double? {
        switch self {
        case .number(let number): return number
        case .string(let string):
            guard let value = Double(string.trimmingCharacters(in: .whitespacesAndNewlines)), value.isFinite else { return nil }
            return value
        default: return nil
        }
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
        switch self {
        case .array(let items): return items.compactMap(\.text)
        case .string(let string):
            return string.split(separator: ",").compactMap {
                let trimmed = $0.trimmingCharacters(in: .whitespacesAndNewlines)
                return trimmed.isEmpty ? nil : trimmed
            }
        case .number: return text.map { [$0] } ?? []
        default: return []
        }
    }

    /// Canonical JSON text: keys sorted, numbers normalised (`1` not `1.0`), no insignificant spaces.
    public var canonicalJSON: String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let bool): output += bool ? "true" : "false"
        case .number(let number): output += Self.format(number)
        case .string(let string): Self.writeString(string, to: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.write(to: &output)
            }
            output += "]"
        case .object(let fields):
            output += "{"
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                Self.writeString(key, to: &output)
                output += ":"
                fields[key]!.write(to: &output)
            }
            output += "}"
        }
    }

    /// `12` for whole numbers, the shortest round-trip form otherwise (`0.85`).
    public static func format(_ number: Double) -> String {
        if number.rounded() == number, abs(number) < 1e15 { return String(Int64(number)) }
        return number.description
    }

    private static func writeString(_ string: String, to output: inout String) {
        output += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                output += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: output.unicodeScalars.append(scalar)
            }
        }
        output += "\""
    }
}
