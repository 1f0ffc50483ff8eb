extension JSONByteReader {
    /// Where the object or array starting at the reader's position ends (the index just past it),
    /// found by its brackets and strings alone, without reading any value: nil when it is not a
    /// container or does not end. It checks no more than that; the span is trusted only when its
    /// bytes are known good (`FeedEntryHash`), else read with `value(depth:)`.
    func containerEnd() -> Int? {
        guard let first = current, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return nil }
        var depth = 0, position = index
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: "\""):
                position += 1
                while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                    position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return position + 1 }
            default:
                break
            }
            position += 1
        }
        return nil
    }
}
