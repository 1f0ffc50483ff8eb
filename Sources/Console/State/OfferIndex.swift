import CPAPIKit
import Foundation

/// The offers of one snapshot, ready for fast browsing: the rows, each row's lower-cased search
/// text packed into one byte buffer (so a filter keystroke scans contiguous memory, no
/// allocation per row), and the row of each offer key. Immutable once built; built off the loop.
public final class OfferIndex: Sendable {
    public let rows: [OfferRow]
    /// Lower-cased UTF-8 of every column of every row, row after row.
    private let searchBytes: [UInt8]
    /// Row `i`'s text is `searchBytes[searchStarts[i] ..< searchStarts[i + 1]]`.
    private let searchStarts: [Int32]
    private let rowOfKey: [OfferKey: Int32]

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

    /// Appends `text` lower-cased: ASCII byte by byte (no new string), anything else through
    /// `String.lowercased()`.
    private static func appendLowercased(_ text: String, to bytes: inout [UInt8]) {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            bytes.append(contentsOf: text.lowercased().utf8)
            return
        }
        for byte in text.utf8 {
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
        }
    }
}
