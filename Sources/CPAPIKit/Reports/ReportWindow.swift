/// A span of days asked of the Reversals API in one call (both ends included). The API takes at
/// most one month per call, so a longer range is cut at calendar month boundaries.
public struct ReportWindow: Sendable, Hashable, Codable, CustomStringConvertible {
    public let start: ReportDay
    public let end: ReportDay

    public init(start: ReportDay, end: ReportDay) {
        precondition(start <= end, "a window ends on or after its start")
        self.start = start; self.end = end
    }

    public var description: String { "\(start)…\(end)" }

    /// Whether this window lies wholly inside `other`.
    public func isCovered(by other: ReportWindow) -> Bool { other.start <= start && end <= other.end }

    /// `from…to` in month-sized windows, in order: the first from `from` to the end of its month,
    /// whole months in between, the last up to `to`. Windows of calendar months, so two downloads
    /// of overlapping ranges ask the same windows and one can reuse the other's.
    public static func months(from: ReportDay, to: ReportDay) -> [ReportWindow] {
        guard from <= to else { return [] }
        var windows: [ReportWindow] = []
        var start = from
        while true {
            let monthEnd = start.endOfMonth
            if monthEnd >= to {
                windows.append(ReportWindow(start: start, end: to))
                return windows
            }
            windows.append(ReportWindow(start: start, end: monthEnd))
            start = monthEnd.next
        }
    }
}
