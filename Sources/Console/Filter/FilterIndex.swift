import Foundation

/// A table's rows ready for filtering: per field, every row's lower-cased text packed into one
/// byte buffer (rows apart by a byte no term holds), and its number. A term is answered for every
/// row in one pass over a field's memory (`memchr` finds each candidate, `memcmp` checks it), so a
/// keystroke costs a scan of memory, not a call per row. Immutable once built; built off the loop.
public final class FilterIndex: Sendable {
    public let schema: FilterSchema
    public let rowCount: Int
    private let columns: [Column]

    /// One field of every row.
    struct Column: Sendable {
        /// Row `i`'s text is `bytes[starts[i] ..< starts[i + 1] - 1]`, then the separator.
        var bytes: [UInt8] = []
        var starts: [Int32] = []
        /// NaN where a row has none.
        var numbers: [Double] = []
        var isASCII = true
    }

    static let separator: UInt8 = 0x1F

    /// Reads every field of every row through `text` (and `number` for numeric fields).
    public init(
        schema: FilterSchema, rowCount: Int, text: (_ row: Int, _ field: Int) -> String,
        number: (_ row: Int, _ field: Int) -> Double? = { _, _ in nil }
    ) {
        self.schema = schema
        self.rowCount = rowCount
        var columns = Array(repeating: Column(), count: schema.fields.count)
        for field in schema.fields.indices {
            var column = Column()
            column.starts.reserveCapacity(rowCount + 1)
            column.bytes.reserveCapacity(rowCount * 8)
            if schema.fields[field].isNumeric { column.numbers.reserveCapacity(rowCount) }
            for row in 0..<rowCount {
                column.starts.append(Int32(column.bytes.count))
                if !Self.appendLowercased(text(row, field), to: &column.bytes) { column.isASCII = false }
                column.bytes.append(Self.separator)
                if schema.fields[field].isNumeric { column.numbers.append(number(row, field) ?? .nan) }
            }
            column.starts.append(Int32(column.bytes.count))
            columns[field] = column
        }
        self.columns = columns
    }

    /// Which rows pass `term`, by row.
    public func rows(passing term: FilterTerm) -> [Bool] {
        var hits = [Bool](repeating: false, count: rowCount)
        for field in term.fields {
            let column = columns[field]
            switch term.test {
            case .text(let alternatives):
                for text in alternatives {
                    scan(column, Array(text.utf8), rule: schema.fields[field].rule, into: &hits)
                }
            case .regex(let pattern):
                scanRegex(column, pattern, into: &hits)
            case .compare(let comparison, let bound):
                for (row, value) in column.numbers.enumerated() where !value.isNaN && comparison.holds(value, bound) {
                    hits[row] = true
                }
            }
        }
        if term.negated { for i in hits.indices { hits[i].toggle() } }
        return hits
    }

    /// Marks the rows where `needle` occurs by `rule`: at a word's start, or as a whole token.
    private func scan(_ column: Column, _ needle: [UInt8], rule: FilterField.Rule, into hits: inout [Bool]) {
        let n = needle.count
        guard n > 0, !needle.contains(Self.separator) else { return }
        column.bytes.withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { nd in
                guard let base = hay.baseAddress, let first = nd.baseAddress else { return }
                let end = hay.count
                var p = 0
                var row = 0
                while p + n <= end {
                    guard let found = memchr(base + p, Int32(first.pointee), end - n - p + 1) else { return }
                    let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    let before = at == 0 ? Self.separator : base[at - 1]
                    let fits: Bool
                    switch rule {
                    case .wordPrefix: fits = !Self.isWordByte(before)
                    // The buffer ends with a separator and the needle holds none: `at + n` is inside.
                    case .token: fits = Self.isTokenEnd(before) && Self.isTokenEnd(base[at + n])
                    }
                    if fits && (n == 1 || memcmp(base + at + 1, first + 1, n - 1) == 0) {
                        while Int(column.starts[row + 1]) <= at { row += 1 }
                        hits[row] = true
                        p = Int(column.starts[row + 1])  // one match is enough: on to the next row
                    } else {
                        p = at + 1
                    }
                }
            }
        }
    }

    /// Marks the rows where the regex matches: one pass of the regex over the whole field, rows
    /// apart by line breaks (the pattern is compiled with `^`/`$` at each line).
    private func scanRegex(_ column: Column, _ pattern: String, into hits: inout [Bool]) {
        guard let regex = FilterQuery.regex(pattern), rowCount > 0 else { return }
        let lines = String(decoding: column.bytes.map { $0 == Self.separator ? 0x0A : $0 }, as: UTF8.self)
        let starts = column.isASCII ? column.starts.map(Int.init) : Self.utf16Starts(of: lines, rows: rowCount)
        for match in regex.matches(in: lines, range: NSRange(location: 0, length: starts[rowCount])) {
            let range = match.range
            let row = Self.row(at: range.location, starts: starts)
            if range.location + range.length < starts[row + 1] { hits[row] = true }
        }
    }

    /// Where each line starts in UTF-16 units, then the end (the text's last line break included).
    private static func utf16Starts(of lines: String, rows: Int) -> [Int] {
        var starts = [0]
        starts.reserveCapacity(rows + 1)
        var offset = 0
        for unit in lines.utf16 {
            offset += 1
            if unit == 0x0A { starts.append(offset) }
        }
        return starts
    }

    /// The row holding UTF-16 offset `location`.
    private static func row(at location: Int, starts: [Int]) -> Int {
        var low = 0, high = starts.count - 2
        while low < high {
            let mid = (low + high + 1) / 2
            if starts[mid] <= location { low = mid } else { high = mid - 1 }
        }
        return low
    }

    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b >= 0x80
    }

    @inline(__always) static func isTokenEnd(_ b: UInt8) -> Bool { b == separator || b == 0x20 }

    /// Appends `text` lower-cased, ASCII byte by byte (no new string), anything else through
    /// `String.lowercased()`; control characters become spaces. Returns whether it was ASCII.
    @discardableResult
    static func appendLowercased(_ text: String, to bytes: inout [UInt8]) -> Bool {
        let start = bytes.count
        for byte in text.utf8 {
            guard byte < 0x80 else {
                bytes.removeSubrange(start...)
                bytes.append(contentsOf: text.lowercased().utf8.map { $0 < 0x20 ? 0x20 : $0 })
                return false
            }
            bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : (byte < 0x20 ? 0x20 : byte))
        }
        return true
    }
}
