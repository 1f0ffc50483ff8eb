/// Writes one JSON object's canonical text, exactly as `JSONValue.canonicalJSON` writes the object,
/// from fields given in the order a reader meets them: each field's key and canonical value are kept,
/// then written sorted by key, the last of equal keys winning (as a dictionary of the fields keeps it).
///
/// The feed reader writes every offer's raw JSON through one writer, so its buffers are allocated
/// once per feed, and no dictionary of the fields is built only to be sorted.
struct CanonicalObjectWriter {
    /// The canonical text of the last object finished.
    private(set) var text: [UInt8] = []
    /// The current object's values, one after the other; `fields` says where each is.
    private var values: [UInt8] = []
    private var fields: [(key: String, start: Int, end: Int)] = []
    private var order: [Int] = []

    init() {
        text.reserveCapacity(4096)
        values.reserveCapacity(4096)
        fields.reserveCapacity(32)
        order.reserveCapacity(32)
    }

    /// Starts a new object.
    mutating func begin() {
        values.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
    }

    mutating func field(_ key: String, _ value: JSONValue) {
        let start = values.count
        value.writeCanonical(to: &values)
        fields.append((key, start, values.count))
    }

    /// Writes the object begun last into `text`.
    mutating func finish() {
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: fields.indices)
        // Stable, so equal keys stay in the order they came. Of equal keys, a dictionary keeps the first
        // key's text and the last value: so is the field written.
        order.sort { fields[$0].key < fields[$1].key }
        text.removeAll(keepingCapacity: true)
        text.append(UInt8(ascii: "{"))
        var first = 0
        while first < order.count {
            var last = first
            while last + 1 < order.count, fields[order[last + 1]].key == fields[order[first]].key { last += 1 }
            if first > 0 { text.append(UInt8(ascii: ",")) }
            JSONValue.writeString(fields[order[first]].key, to: &text)
            text.append(UInt8(ascii: ":"))
            let value = fields[order[last]]
            text.append(contentsOf: values[value.start..<value.end])
            first = last + 1
        }
        text.append(UInt8(ascii: "}"))
    }
}
