import Foundation

/// Every row's cell texts, lower-cased and packed into one byte buffer, for the tables that filter
/// and sort many rows (Offers, `:platform`): a filter keystroke scans contiguous memory, a sort
/// compares bytes, no allocation per row. Immutable once built; built off the loop.
struct PackedRowText: Sendable {
    /// Lower-cased UTF-8 of every cell of every row, row after row, each cell ended by `separator`.
    private let bytes: [UInt8]
    /// Row `i`'s text is `bytes[starts[i] ..< starts[i + 1]]`.
    private let starts: [Int32]
    /// A separator no query contains, so matches never span cells.
    private static let separator: UInt8 = 0x1F

    /// `cell(i, c)` gives row `i`'s text in column `c` (of `columns`).
    init(rowCount: Int, columns: Int, cell: (Int, Int) -> String) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(rowCount * 96)
        var starts: [Int32] = []
        starts.reserveCapacity(rowCount + 1)
        for i in 0..<rowCount {
            starts.append(Int32(bytes.count))
            for c in 0..<columns {
                Self.appendLowercased(cell(i, c), to: &bytes)
                bytes.append(Self.separator)
            }
        }
        starts.append(Int32(bytes.count))
        self.bytes = bytes
        self.starts = starts
    }

    var rowCount: Int { starts.count - 1 }

    /// Which rows' text contains `needle` (already lower-cased UTF-8, not empty), by row: one pass
    /// over the whole buffer, so a query's first keystroke costs a scan of memory, not a call per row.
    func rowsMatching(_ needle: [UInt8]) -> [Bool] {
        var hits = [Bool](repeating: false, count: rowCount)
        var row = 0
        var from = 0
        let end = bytes.count
        while let at = firstMatch(of: needle, in: from..<end) {
            while Int(starts[row + 1]) <= at { row += 1 }
            let rowEnd = Int(starts[row + 1])
            if at + needle.count <= rowEnd {
                hits[row] = true
                from = rowEnd  // one match is enough: on to the next row
            } else {
                from = at + 1
            }
        }
        return hits
    }

    /// A filter as typed: a leading `!` inverts it; the rest, lower-cased, is the text to find.
    static func parse(_ query: String) -> (inverted: Bool, needle: [UInt8]) {
        var text = Substring(query)
        var inverted = false
        if text.first == "!" { inverted = true; text = text.dropFirst() }
        return (inverted, Array(text.lowercased().utf8))
    }

    /// The rows of `rows` (in their order) whose text holds the filter `query`'s text, or (inverted)
    /// does not; all of them for an empty filter.
    func filter(_ rows: [Int32], by query: String) -> [Int32] {
        let q = Self.parse(query)
        guard !q.needle.isEmpty else { return rows }
        let hits = rowsMatching(q.needle)
        return rows.filter { hits[Int($0)] != q.inverted }
    }

    /// Whether row `i`'s text contains `needle` (already lower-cased UTF-8, not empty).
    func matches(_ i: Int, _ needle: [UInt8]) -> Bool {
        firstMatch(of: needle, in: Int(starts[i])..<Int(starts[i + 1])) != nil
    }

    /// Where `needle` first occurs inside `range` of the buffer: `memchr` finds each candidate
    /// first byte, `memcmp` checks the rest.
    private func firstMatch(of needle: [UInt8], in range: Range<Int>) -> Int? {
        let n = needle.count
        guard n > 0, range.count >= n else { return nil }
        return bytes.withUnsafeBufferPointer { hay -> Int? in
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

    /// Every row, in the order of cell `column`: numbers (`number(row)`, NaN for none) before text,
    /// text by its lower-cased UTF-8 bytes; equal values by `rank` (also when descending).
    func order(byCell column: Int, ascending: Bool, rank: [Int32], number: (Int) -> Double) -> [Int32] {
        /// What one row is sorted by, side by side so a comparison touches one value each.
        struct Key {
            var number: Double  // NaN: not a number, sorts as text after every number
            var prefix: UInt64
            var rank: Int32
            var row: Int32
        }
        let text = textKeys(ofCell: column)
        var keys: [Key] = []
        keys.reserveCapacity(rowCount)
        for i in 0..<rowCount {
            keys.append(Key(number: number(i), prefix: text.prefixes[i], rank: rank[i], row: Int32(i)))
        }
        bytes.withUnsafeBufferPointer { bytes in
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

    /// Where each row's text of cell `column` lies in the buffer, and its first eight bytes as a
    /// big-endian integer (zero-padded: integer order is byte order, a prefix sorts first).
    private func textKeys(ofCell column: Int) -> (ranges: [Range<Int>], prefixes: [UInt64]) {
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(rowCount)
        var prefixes: [UInt64] = []
        prefixes.reserveCapacity(rowCount)
        bytes.withUnsafeBufferPointer { bytes in
            for i in 0..<rowCount {
                var start = Int(starts[i])
                for _ in 0..<column { while bytes[start] != Self.separator { start += 1 }; start += 1 }
                var end = start
                while bytes[end] != Self.separator { end += 1 }
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
