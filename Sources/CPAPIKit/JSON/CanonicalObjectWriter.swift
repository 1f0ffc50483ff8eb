/// Writes one JSON object's canonical text, exactly as `JSONValue.canonicalJSON` writes the object,
/// from fields given in the order a reader meets them: each field's key and canonical value are kept,
/// then written sorted by key, the last of equal keys winning (as a dictionary of the fields keeps it).
///
/// The feed reader writes every offer's raw JSON through one writer, so its buffers are allocated
/// once per feed. A feed repeats one shape (the same keys in the same order) from entry to entry:
/// the writer remembers the previous object's keys, the `Tag` its caller gave each (which field it
/// is) and their written order, so an object of the same shape costs one key comparison per field,
/// with no lookup and no sort.
struct CanonicalObjectWriter<Tag> {
    /// The canonical text of the last object finished.
    private(set) var text: [UInt8] = []
    /// The current object's values, one after the other; `fields` says where each is.
    private var values: [UInt8] = []
    private var fields: [(key: String, start: Int, end: Int)] = []
    /// The previous object's keys and their tags, in the order they came.
    private var shape: [(key: String, tag: Tag)] = []
    /// Whether the current object's keys so far are the previous object's, in the same order.
    private var sameShape = false
    /// Of each run of equal keys in sorted order, the first field (whose key text is written) and
    /// the last (whose value is): for the previous object, and the current one when of the same shape.
    private var order: [(key: Int, value: Int)] = []

    init() {
        text.reserveCapacity(4096)
        values.reserveCapacity(4096)
        fields.reserveCapacity(32)
        shape.reserveCapacity(32)
        order.reserveCapacity(32)
    }

    /// Starts a new object.
    mutating func begin() {
        values.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        sameShape = true
    }

    /// Adds a field and returns its tag: the one given to the same key at the same place in the
    /// previous object, else `tag(key)`.
    mutating func field(_ key: String, _ value: JSONValue, tag: (String) -> Tag) -> Tag {
        let start = values.count
        value.writeCanonical(to: &values)
        return added(key, from: start, tag: tag)
    }

    /// The same for a value given as its canonical text (a string read verbatim from the input).
    mutating func field(_ key: String, canonicalText: UnsafeBufferPointer<UInt8>, tag: (String) -> Tag) -> Tag {
        let start = values.count
        values.append(contentsOf: canonicalText)
        return added(key, from: start, tag: tag)
    }

    /// Records the field whose value was just written from `start`.
    private mutating func added(_ key: String, from start: Int, tag: (String) -> Tag) -> Tag {
        let position = fields.count
        fields.append((key, start, values.count))
        if sameShape, position < shape.count, shape[position].key == key { return shape[position].tag }
        if sameShape {
            // The shape changes here: what came before keeps its tags.
            sameShape = false
            shape.removeSubrange(position...)
        }
        let given = tag(key)
        shape.append((key, given))
        return given
    }

    /// Writes the object begun last into `text`.
    mutating func finish() {
        if !sameShape || fields.count != shape.count {
            shape.removeSubrange(fields.count...)
            planOrder()
        }
        text.removeAll(keepingCapacity: true)
        text.append(UInt8(ascii: "{"))
        for (index, run) in order.enumerated() {
            if index > 0 { text.append(UInt8(ascii: ",")) }
            JSONValue.writeString(fields[run.key].key, to: &text)
            text.append(UInt8(ascii: ":"))
            text.append(contentsOf: values[fields[run.value].start..<fields[run.value].end])
        }
        text.append(UInt8(ascii: "}"))
    }

    /// Sorts the current fields by key. The sort is stable, so equal keys stay in the order they
    /// came: a dictionary keeps the first one's key text and the last one's value.
    private mutating func planOrder() {
        let sorted = fields.indices.sorted { fields[$0].key < fields[$1].key }
        order.removeAll(keepingCapacity: true)
        var first = 0
        while first < sorted.count {
            var last = first
            while last + 1 < sorted.count, fields[sorted[last + 1]].key == fields[sorted[first]].key { last += 1 }
            order.append((sorted[first], sorted[last]))
            first = last + 1
        }
    }
}
