import Foundation
import GRDB

/// Dates as GRDB stores them, each distinct date formatted once: GRDB formats every `Date` with a
/// `DateFormatter`, and a batch of writes repeats a handful of dates (docs/PERFORMANCE.md).
struct DatabaseDates {
    private var known: [Date: DatabaseValue] = [:]

    /// The stored form of `date` (NULL for nil), exactly what GRDB writes for it.
    mutating func value(_ date: Date?) -> DatabaseValue {
        guard let date else { return .null }
        if let value = known[date] { return value }
        let value = date.databaseValue
        known[date] = value
        return value
    }
}
