import CPAPIKit

/// The days a source's downloaded reversal windows cover. A window counts up to the day it was
/// fetched (later days had not happened yet, so they hold no reversals to know of); overlapping and
/// adjacent windows are merged.
public struct ReversalCoverage: Sendable, Equatable, CustomStringConvertible {
    /// Covered spans, in order, neither overlapping nor touching.
    public var spans: [ReportWindow]

    public init(spans: [ReportWindow] = []) { self.spans = spans }

    public init(_ windows: [StoredReversalWindow]) {
        let capped = windows.compactMap { stored -> ReportWindow? in
            let end = min(stored.window.end, ReportDay(stored.fetchedAt))
            return stored.window.start <= end ? ReportWindow(start: stored.window.start, end: end) : nil
        }.sorted { $0.start < $1.start }
        var merged: [ReportWindow] = []
        for window in capped {
            if let last = merged.last, window.start <= last.end.next {
                merged[merged.count - 1] = ReportWindow(start: last.start, end: max(last.end, window.end))
            } else {
                merged.append(window)
            }
        }
        spans = merged
    }

    public var isEmpty: Bool { spans.isEmpty }

    /// Days covered in all.
    public var days: Int { spans.reduce(0) { $0 + $1.start.days(to: $1.end) + 1 } }

    /// Days of `range` covered.
    public func days(in range: ReportWindow) -> Int {
        spans.reduce(0) { total, span in
            let start = max(span.start, range.start), end = min(span.end, range.end)
            return start <= end ? total + start.days(to: end) + 1 : total
        }
    }

    /// Whether every day of `range` is covered.
    public func covers(_ range: ReportWindow) -> Bool {
        days(in: range) == range.start.days(to: range.end) + 1
    }

    /// "2026-01-01…2026-03-31, 2026-05-01…2026-05-09", or "nothing" when empty.
    public var description: String {
        spans.isEmpty ? "nothing" : spans.map(\.description).joined(separator: ", ")
    }
}
