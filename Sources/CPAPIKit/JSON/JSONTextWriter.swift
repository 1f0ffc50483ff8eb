/// Writes compact JSON text the way `JSONEncoder` with sorted keys does, for `JSONColumnValue`s.
/// Objects are written field by field: callers give their keys in sorted order and skip absent ones.
struct JSONTextWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next value in the current object or array needs a comma before it.
    private var needsComma = false

    init() { bytes.reserveCapacity(512) }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func string(_ value: String) { separate(); JSONValue.writeString(value, to: &bytes) }

    /// JSON has no NaN or infinity: those are written as `null` (the feed parser never makes them).
    mutating func number(_ value: Double) {
        separate()
        guard value.isFinite else { bytes.append(contentsOf: "null".utf8); return }
        if !JSONValue.writePlain(value, { bytes.append($0) }) { bytes.append(contentsOf: JSONValue.format(value).utf8) }
    }

    mutating func bool(_ value: Bool) { separate(); bytes.append(contentsOf: (value ? "true" : "false").utf8) }

    mutating func value<T: JSONColumnValue>(_ value: T) { value.writeJSON(to: &self) }

    /// An object; `body` writes its fields with `field(_:_:)`, keys in sorted order.
    mutating func object(_ body: (inout JSONTextWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func array<T: JSONColumnValue>(_ items: [T]) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        for item in items { item.writeJSON(to: &self) }
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// A field of the current object; an absent (nil) value writes nothing, as `encodeIfPresent` does.
    /// Keys are the model's property names: plain ASCII, copied as they are (nothing to escape).
    mutating func field<T: JSONColumnValue>(_ key: StaticString, _ value: T?) {
        guard let value else { return }
        separate()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        needsComma = false
        value.writeJSON(to: &self)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }
}
