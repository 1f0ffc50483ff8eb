/// Reads the fields of a stored JSON object as `JSONColumnValue`s, naming the field in any error.
struct JSONObjectReader {
    private let fields: [String: JSONValue]

    init(_ json: JSONValue) throws(JSONColumnValueError) {
        guard case .object(let fields) = json else {
            throw JSONColumnValueError(path: "", why: "expected an object, found \(json.kindName)")
        }
        self.fields = fields
    }

    /// The field `key` as a `T`, nil when absent or null.
    func optional<T: JSONColumnValue>(_ key: String) throws(JSONColumnValueError) -> T? {
        guard let value = fields[key], value != .null else { return nil }
        do throws(JSONColumnValueError) { return try T(json: value) } catch { throw error.inside(key) }
    }

    /// The field `key` as a `T`; absent or null is an error.
    func required<T: JSONColumnValue>(_ key: String) throws(JSONColumnValueError) -> T {
        guard let value: T = try optional(key) else { throw JSONColumnValueError(path: key, why: "missing") }
        return value
    }
}
