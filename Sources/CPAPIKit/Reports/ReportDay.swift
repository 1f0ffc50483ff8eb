import Foundation

/// A calendar day (`YYYY-MM-DD`, no time, no zone): how the Reversals API takes its dates and how
/// reversals are counted per day. Ordered by date; the text form sorts the same way.
public struct ReportDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Why a text is not a day; says what was given and what is expected.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let description: String
    }

    /// The day, or nil when it does not exist (`2026-02-30`).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Self.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// Reads exactly `YYYY-MM-DD`.
    public init(parsing text: String) throws(ParseError) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else {
            throw ParseError(description: "\"\(text)\" is not a date: expected YYYY-MM-DD")
        }
        guard let value = ReportDay(year: year, month: month, day: day) else {
            throw ParseError(description: "\"\(text)\" is not a day of the calendar")
        }
        self = value
    }

    /// The day a source's timestamp falls on, leniently: `2026-04-03`, `2026-04-03 12:00:00`,
    /// `2026-04-03T12:00:00Z` (the day as written, zone ignored); nil for anything else.
    public static func leading(_ text: String) -> ReportDay? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard trimmed.count >= 10 else { return nil }
        let head = String(trimmed.prefix(10))
        if trimmed.count > 10 {
            let next = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 10)]
            guard next == " " || next == "T" || next == "t" else { return nil }
        }
        return try? ReportDay(parsing: head)
    }

    /// The UTC day of `date`.
    public init(_ date: Date) {
        let parts = Self.utc.dateComponents([.year, .month, .day], from: date)
        self.year = parts.year!; self.month = parts.month!; self.day = parts.day!
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// The first instant of this day in UTC.
    public var startDate: Date {
        Self.utc.date(from: DateComponents(year: year, month: month, day: day))!
    }

    /// The last day of this day's month.
    public var endOfMonth: ReportDay {
        ReportDay(year: year, month: month, day: Self.daysIn(month: month, year: year))!
    }

    /// The day after this one.
    public var next: ReportDay {
        if day < Self.daysIn(month: month, year: year) { return ReportDay(year: year, month: month, day: day + 1)! }
        if month < 12 { return ReportDay(year: year, month: month + 1, day: 1)! }
        return ReportDay(year: year + 1, month: 1, day: 1)!
    }

    /// The day `days` later (earlier when negative).
    public func adding(days: Int) -> ReportDay {
        ReportDay(startDate.addingTimeInterval(Double(days) * 86_400))  // UTC days are all 86,400 s
    }

    /// Days from `self` to `other` (negative when `other` is earlier).
    public func days(to other: ReportDay) -> Int {
        Int((other.startDate.timeIntervalSince(startDate) / 86_400).rounded())
    }

    public static func < (lhs: ReportDay, rhs: ReportDay) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try ReportDay(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()
}
