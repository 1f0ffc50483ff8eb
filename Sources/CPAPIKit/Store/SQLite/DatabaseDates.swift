import Foundation
import GRDB

/// Dates as GRDB stores them, each distinct date formatted once. GRDB formats every `Date` argument
/// with a `DateFormatter`; a batch of placement and event writes repeats a handful of dates (the
/// run's `now` above all) thousands of times, and formatting them was a tenth of a sync's time.
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
