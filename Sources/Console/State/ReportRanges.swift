import CPAPIKit

/// The date ranges of the Reports view: the default, stepping, and reading one typed by the operator.
public enum ReportRanges {
    /// The range a view opens with: the last 30 days, today included.
    public static let defaultDays = 30

    /// The `days` days ending on `last`.
    public static func lastDays(_ days: Int, endingOn last: ReportDay) -> ReportWindow {
        ReportWindow(start: last.adding(days: -(max(1, days) - 1)), end: last)
    }

    /// The range of the same length just before `range`.
    public static func earlier(_ range: ReportWindow) -> ReportWindow {
        let length = range.start.days(to: range.end) + 1
        return ReportWindow(start: range.start.adding(days: -length), end: range.start.adding(days: -1))
    }

    /// The range of the same length just after `range`, kept from ending after `today`; nil when
    /// `range` already ends on or after it.
    public static func later(_ range: ReportWindow, today: ReportDay) -> ReportWindow? {
        guard range.end < today else { return nil }
        let length = range.start.days(to: range.end) + 1
        let end = min(range.end.adding(days: length), today)
        return ReportWindow(start: end.adding(days: -(length - 1)), end: end)
    }

    /// Reads `FROM TO` (two `YYYY-MM-DD` days, separated by spaces, `..` or `…`; both included).
    public static func parse(_ text: String) -> Result<ReportWindow, ConsoleFailure> {
        let normalized = text.replacingOccurrences(of: "…", with: " ").replacingOccurrences(of: "..", with: " ")
        let words = normalized.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard words.count == 2 else {
            return .failure(ConsoleFailure("range \"\(text)\": write two days, FROM TO, e.g. 2026-01-01 2026-01-31"))
        }
        let from: ReportDay, to: ReportDay
        do { from = try ReportDay(parsing: words[0]) } catch { return .failure(ConsoleFailure("range: from: \(error.description)")) }
        do { to = try ReportDay(parsing: words[1]) } catch { return .failure(ConsoleFailure("range: to: \(error.description)")) }
        guard from <= to else { return .failure(ConsoleFailure("range: \(from) is after \(to): the range must start first")) }
        return .success(ReportWindow(start: from, end: to))
    }

    /// The range as the input line shows it for editing.
    public static func text(_ range: ReportWindow) -> String { "\(range.start) \(range.end)" }
}
