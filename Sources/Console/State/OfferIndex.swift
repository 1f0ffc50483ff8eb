import CPAPIKit

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
                bytes.append(contentsOf: column.text(of: row).lowercased().utf8)
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

    /// Whether row `i`'s text contains `needle` (already lower-cased UTF-8, not empty).
    func matches(_ i: Int, _ needle: [UInt8]) -> Bool {
        let start = Int(searchStarts[i]), end = Int(searchStarts[i + 1])
        let n = needle.count
        guard end - start >= n else { return false }
        return searchBytes.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { nd in
                let first = nd[0]
                var p = start
                let last = end - n
                while p <= last {
                    if hay[p] == first {
                        var k = 1
                        while k < n && hay[p + k] == nd[k] { k += 1 }
                        if k == n { return true }
                    }
                    p += 1
                }
                return false
            }
        }
    }
}
