/// A value kept as JSON text in a column, written and read without `Codable`'s machinery (see
/// `JSONColumn`). Its text must stay what `JSONEncoder` with sorted keys writes for it, so
/// `Codable` is kept too: a test holds the two to the same text.
protocol JSONColumnValue: Codable {
    func writeJSON(to writer: inout JSONTextWriter)
    init(json: JSONValue) throws(JSONColumnValueError)
}

/// A JSON column whose text does not hold the value it should: where, and why.
struct JSONColumnValueError: Error, CustomStringConvertible {
    /// Where in the value, e.g. `payments[2].total` (empty: the whole value).
    var path: String
    var why: String
    /// Which column of which row, e.g. `last_pushed of placement 12` (set by `JSONColumn.decode`).
    var place: String?

    var description: String {
        "stored JSON" + (place.map { " in \($0)" } ?? "") + (path.isEmpty ? "" : " at \(path)") + ": \(why)"
    }

    /// The same error, one level further out (`key` or `[index]` before the path).
    func inside(_ step: String) -> JSONColumnValueError {
        let joined = path.isEmpty ? step : (path.hasPrefix("[") ? step + path : step + "." + path)
        return JSONColumnValueError(path: joined, why: why, place: place)
    }
}

extension JSONValue {
    /// What kind of value this is, for errors.
    var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

extension String: JSONColumnValue {
    func writeJSON(to writer: inout JSONTextWriter) { writer.string(self) }
    init(json: JSONValue) throws(JSONColumnValueError) {
        guard case .string(let value) = json else { throw JSONColumnValueError(path: "", why: "expected a string, found \(json.kindName)") }
        self = value
    }
}

extension Double: JSONColumnValue {
    func writeJSON(to writer: inout JSONTextWriter) { writer.number(self) }
    init(json: JSONValue) throws(JSONColumnValueError) {
        guard case .number(let value) = json else { throw JSONColumnValueError(path: "", why: "expected a number, found \(json.kindName)") }
        self = value
    }
}

extension Bool: JSONColumnValue {
    func writeJSON(to writer: inout JSONTextWriter) { writer.bool(self) }
    init(json: JSONValue) throws(JSONColumnValueError) {
        guard case .bool(let value) = json else { throw JSONColumnValueError(path: "", why: "expected a boolean, found \(json.kindName)") }
        self = value
    }
}

extension Array: JSONColumnValue where Element: JSONColumnValue {
    func writeJSON(to writer: inout JSONTextWriter) { writer.array(self) }
    init(json: JSONValue) throws(JSONColumnValueError) {
        guard case .array(let items) = json else { throw JSONColumnValueError(path: "", why: "expected an array, found \(json.kindName)") }
        var result: [Element] = []
        result.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            do throws(JSONColumnValueError) { result.append(try Element(json: item)) } catch { throw error.inside("[\(index)]") }
        }
        self = result
    }
}

/// Enums stored by their raw string.
extension JSONColumnValue where Self: RawRepresentable, RawValue == String {
    func writeJSON(to writer: inout JSONTextWriter) { writer.string(rawValue) }
    init(json: JSONValue) throws(JSONColumnValueError) {
        let raw = try String(json: json)
        guard let value = Self(rawValue: raw) else { throw JSONColumnValueError(path: "", why: "unknown value \"\(raw)\"") }
        self = value
    }
}
