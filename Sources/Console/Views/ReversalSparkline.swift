/// Reversals per day as one line of bars (▁▂▃▄▅▆▇█), the busiest day full height. A day without
/// reversals is blank, and a day with any shows at least ▁, so a quiet day never looks like a bad
/// one. When the days outnumber the columns, each column sums consecutive days.
enum ReversalSparkline {
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func text(_ counts: [Int], width: Int) -> String {
        guard width > 0, !counts.isEmpty else { return "" }
        let perColumn = (counts.count + width - 1) / width
        let columns = stride(from: 0, to: counts.count, by: perColumn).map { counts[$0..<min($0 + perColumn, counts.count)].reduce(0, +) }
        let top = columns.max() ?? 0
        guard top > 0 else { return String(repeating: " ", count: columns.count) }
        return String(
            columns.map { count -> Character in
                guard count > 0 else { return " " }
                let level = Int((Double(count) / Double(top) * Double(bars.count)).rounded(.up))
                return bars[min(max(level, 1), bars.count) - 1]
            })
    }

    /// How many days each column of `text(counts, width:)` sums.
    static func daysPerColumn(days: Int, width: Int) -> Int {
        width > 0 ? max(1, (days + width - 1) / width) : 1
    }
}
