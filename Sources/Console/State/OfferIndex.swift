import CPAPIKit
import Foundation

/// The offers of one snapshot, ready for fast browsing: the rows, each row's lower-cased text
/// packed into one byte buffer (a filter keystroke scans contiguous memory, a sort compares bytes:
/// no allocation per row), the row of each offer key and each row's rank in key order. Immutable
/// once built; built off the loop.
public final class OfferIndex: Sendable {
    public let rows: [OfferRow]
    /// Lower-cased UTF-8 of every column of every row, row after row.
    private let searchBytes: [UInt8]
    /// Row `i`'s text is `searchBytes[searchStarts[i] ..< searchStarts[i + 1]]`.
    private let searchStarts: [Int32]
    private let rowOfKey: [OfferKey: Int32]
    /// Each row's place in offer-key order: what a sort falls back to for equal values.
    private let keyRank: [Int32]

    public init(rows: [OfferRow]) {
        self.rows = rows
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rows.count * 96)
        var starts: [Int32] = []
        starts.reserveCapacity(rows.count + 1)
        var keys: [OfferKey: Int32] = [:]
        keys.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            starts.append(Int32(bytes.count))
            keys[row.key] = Int32(i)
            for column in OfferColumn.allCases {
                Self.appendLowercased(column.text(of: row), to: &bytes)
                bytes.append(0x1F)  // a separator no query contains, so matches never span columns
            }
        }
        starts.append(Int32(bytes.count))
        self.searchBytes = bytes
        self.searchStarts = starts
        self.rowOfKey = keys
        self.keyRank = Self.ranks(rows)
    }

    /// Ranks in key order: the rows' own order when they come sorted (a workspace read does).
    private static func ranks(_ rows: [OfferRow]) -> [Int32] {
        let inOrder = (0..<Int32(rows.count)).map { $0 }
        if zip(rows, rows.dropFirst()).allSatisfy({ !($1.key < $0.key) }) { return inOrder }
        var ranks = inOrder
        for (rank, row) in inOrder.sorted(by: { rows[Int($0)].key < rows[Int($1)].key }).enumerated() { ranks[Int(row)] = Int32(rank) }
        return ranks
    }

    public var count: Int { rows.count }

    public func row(of key: OfferKey) -> Int? { rowOfKey[key].map(Int.init) }

    /// Which rows' text contains `needle` (already lower-cased UTF-8, not empty), by row: one pass
    /// over the whole buffer, so a query's first keystroke costs a scan of memory, not a call per row.
    func rowsMatching(_ needle: [UInt8]) -> [Bool] {
        var hits = [Bool](repeating: false, count: rows.count)
        var row = 0
        var from = 0
        let end = searchBytes.count
        while let at = firstMatch(of: needle, in: from..<end) {
            while Int(searchStarts[row + 1]) <= at { row += 1 }
            let rowEnd = Int(searchStarts[row + 1])
            if at + needle.count <= rowEnd {
                hits[row] = true
                from = rowEnd  // one match is enough: on to the next row
            } else {
                from = at + 1
            }
        }
        return hits
    }

    /// Whether row `i`'s text contains `needle` (already lower-cased UTF-8, not empty).
    func matches(_ i: Int, _ needle: [UInt8]) -> Bool {
        firstMatch(of: needle, in: Int(searchStarts[i])..<Int(searchStarts[i + 1])) != nil
    }

    /// Where `needle` first occurs inside `range` of the buffer: `memchr` finds each candidate
    /// first byte, `memcmp` checks the rest.
    private func firstMatch(of needle: [UInt8], in range: Range<Int>) -> Int? {
        let n = needle.count
        guard n > 0, range.count >= n else { return nil }
        return searchBytes.withUnsafeBufferPointer { hay -> Int? in
            needle.withUnsafeBufferPointer { nd -> Int? in
                guard let base = hay.baseAddress, let first = nd.baseAddress else { return nil }
                var p = range.lowerBound
                let last = range.upperBound - n  // the last place a match can start
                while p <= last {
                    guard let found = memchr(base + p, Int32(first.pointee), last - p + 1) else { return nil }
                    let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if n == 1 || memcmp(base + at + 1, first + 1, n - 1) == 0 { return at }
                    p = at + 1
                }
                return nil
            }
        }
    }

    /// Every row, in the order of `column`: numbers (payouts, ids that are numbers) before text,
    /// text by its lower-cased UTF-8 bytes; equal values in key order (also when descending).
    func order(by column: OfferColumn, ascending: Bool) -> [Int32] {
        /// What one row is sorted by, side by side so a comparison touches one value each.
        struct Key {
            var number: Double  // NaN: not a number, sorts as text after every number
            var prefix: UInt64
            var rank: Int32
            var row: Int32
        }
        let text = textKeys(of: column)
        var keys: [Key] = []
        keys.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            let number: Double
            switch column {
            case .payout: number = row.payout ?? -.infinity
            case .externalID: number = Double(row.key.externalID) ?? .nan
            default: number = .nan
            }
            keys.append(Key(number: number, prefix: text.prefixes[i], rank: keyRank[i], row: Int32(i)))
        }
        searchBytes.withUnsafeBufferPointer { bytes in
            func compare(_ a: Key, _ b: Key) -> Int {
                if !a.number.isNaN || !b.number.isNaN {
                    if a.number.isNaN != b.number.isNaN { return a.number.isNaN ? 1 : -1 }
                    return a.number < b.number ? -1 : (a.number > b.number ? 1 : 0)
                }
                // Most texts differ in their first eight bytes: one integer comparison.
                if a.prefix != b.prefix { return a.prefix < b.prefix ? -1 : 1 }
                let x = text.ranges[Int(a.row)], y = text.ranges[Int(b.row)]
                let common = min(x.count, y.count)
                if common > 8, let base = bytes.baseAddress {
                    let c = memcmp(base + x.lowerBound + 8, base + y.lowerBound + 8, common - 8)
                    if c != 0 { return Int(c) }
                }
                return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
            }
            keys.sort { a, b in
                let c = compare(a, b)
                return c != 0 ? (c < 0) == ascending : a.rank < b.rank
            }
        }
        return keys.map(\.row)
    }

    /// Where each row's text of `column` lies in the buffer, and its first eight bytes as a
    /// big-endian integer (zero-padded: integer order is byte order, a prefix sorts first).
    private func textKeys(of column: OfferColumn) -> (ranges: [Range<Int>], prefixes: [UInt64]) {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(rows.count)
        var prefixes: [UInt64] = []
        prefixes.reserveCapacity(rows.count)
        searchBytes.withUnsafeBufferPointer { bytes in
            for i in 0..<rows.count {
                var start = Int(searchStarts[i])
                for _ in 0..<column.rawValue { while bytes[start] != 0x1F { start += 1 }; start += 1 }
                var end = start
                while bytes[end] != 0x1F { end += 1 }
                var prefix: UInt64 = 0
                for k in 0..<8 { prefix = prefix << 8 | (start + k < end ? UInt64(bytes[start + k]) : 0) }
                ranges.append(start..<end)
                prefixes.append(prefix)
            }
        }
        return (ranges, prefixes)
    }

    /// Appends `text` lower-cased: ASCII byte by byte (no new string); text with anything else
    /// goes through `String.lowercased()` instead.
    private static func appendLowercased(_ text: String, to bytes: inout [UInt8]) {
        let start = bytes.count
        for byte in text.utf8 {
            guard byte < 0x80 else {
                bytes.removeSubrange(start...)
                bytes.append(contentsOf: text.lowercased().utf8)
                return
            }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
    }
}
