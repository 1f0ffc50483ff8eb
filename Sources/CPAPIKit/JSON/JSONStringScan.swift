/// Finds, eight bytes at a time, the first byte a JSON string cannot hold as it is: `"`, `\` or a
/// control character. Reading a feed and writing canonical JSON both scan every string for these,
/// and most strings (links, descriptions) are long runs without any.
enum JSONStringScan {
    /// The index of the first `"`, `\` or byte below 0x20 in `bytes` at or after `start`, or `bytes.count`.
    static func firstSpecialByte(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        var index = start
        // A word at a time while no byte of it is special (the test has no false negatives).
        while index + 8 <= bytes.count {
            let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
            if hasSpecialByte(word) { break }
            index += 8
        }
        while index < bytes.count, !isSpecial(bytes[index]) { index += 1 }
        return index
    }

    @inline(__always)
    static func isSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20
    }

    /// Whether any byte of `word` is `"`, `\` or below 0x20 (the classic "has a zero / has less
    /// than" bit tricks, exact for whether any byte matches).
    @inline(__always)
    private static func hasSpecialByte(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ value: UInt64) -> Bool { (value &- ones) & ~value & highs != 0 }
        let below0x20 = (word &- ones &* 0x20) & ~word & highs != 0
        return below0x20 || hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C))
    }
}
