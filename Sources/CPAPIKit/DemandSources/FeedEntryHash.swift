/// A hash of one feed entry's bytes exactly as the source sent them (64-bit FNV-1a, as a signed
/// integer for SQLite), stored with the offer made from it. The next fetch passes over an entry whose
/// hash it knows without parsing it: the same bytes make the same offer. `version` is part of every
/// hash: change it whenever parsing, normalising or validating an entry changes, so that every entry
/// is read again once and stored offers follow the new reading.
public enum FeedEntryHash {
    static let version = "cpalead-entry-1"

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64 {
        var hasher = FNV1a64()
        for byte in version.utf8 { hasher.add(byte: byte) }
        hasher.add(byte: 0x1F)
        for byte in bytes { hasher.add(byte: byte) }
        return Int64(bitPattern: hasher.value)
    }
}
