import Foundation
import GRDB

/// Reversals downloaded from the report APIs, the windows already fetched, and the figures a report shows.
extension WorkspaceStore {
    /// Stores one downloaded window and its reversals in one transaction: each reversal inserted, or
    /// updated in place when its key is already stored (a bad lead listed by two windows stays one);
    /// the window recorded as fetched. Returns how many reversals were new.
    @discardableResult
    public func storeReversalWindow(sourceID: String, window: ReportWindow, reversals: [Reversal], fetchedAt: Date) throws -> Int {
        try pool.write { db in
            let before = try Self.reversalCount(sourceID: sourceID, db: db)
            let statement = try db.cachedStatement(
                sql: """
                    INSERT INTO reversals (source_id, reversal_key, lead_id, offer_id, subid, amount, day, date_text, reason,
                        raw_json, window_start, window_end, first_seen_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT(source_id, reversal_key) DO UPDATE SET lead_id = excluded.lead_id, offer_id = excluded.offer_id,
                        subid = excluded.subid, amount = excluded.amount, day = excluded.day, date_text = excluded.date_text,
                        reason = excluded.reason, raw_json = excluded.raw_json, window_start = excluded.window_start,
                        window_end = excluded.window_end, updated_at = excluded.updated_at
                    WHERE raw_json <> excluded.raw_json
                    """)
            for reversal in reversals {
                try statement.execute(arguments: [
                    sourceID, reversal.key, reversal.leadID, reversal.offerID, reversal.subid, reversal.amount,
                    reversal.day?.description, reversal.dateText, reversal.reason, reversal.rawJSON,
                    window.start.description, window.end.description, fetchedAt, fetchedAt
                ])
            }
            try db.execute(
                sql: """
                    INSERT INTO reversal_windows (source_id, start_day, end_day, fetched_at, received) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(source_id, start_day, end_day) DO UPDATE SET fetched_at = excluded.fetched_at,
                        received = excluded.received
                    """, arguments: [sourceID, window.start.description, window.end.description, fetchedAt, reversals.count])
            return try Self.reversalCount(sourceID: sourceID, db: db) - before
        }
    }

    /// The windows of a source already downloaded, by start day.
    public func storedReversalWindows(sourceID: String) throws -> [StoredReversalWindow] {
        try pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT start_day, end_day, fetched_at, received FROM reversal_windows WHERE source_id = ? ORDER BY start_day, end_day
                    """, arguments: [sourceID]
            ).map { row in
                StoredReversalWindow(
                    window: ReportWindow(start: try ReportDay(parsing: row["start_day"]), end: try ReportDay(parsing: row["end_day"])),
                    fetchedAt: row["fetched_at"], received: row["received"])
            }
        }
    }

    /// A source's stored reversals, by day then key; only those dated within `from…to` when given.
    public func reversals(sourceID: String, from: ReportDay? = nil, to: ReportDay? = nil) throws -> [Reversal] {
        try pool.read { db in
            let (filter, arguments) = Self.dayFilter(sourceID: sourceID, from: from, to: to)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM reversals WHERE \(filter) ORDER BY day, reversal_key",
                arguments: arguments
            ).map { row in
                let dayText: String? = row["day"]
                return Reversal(
                    sourceID: row["source_id"], key: row["reversal_key"], leadID: row["lead_id"], offerID: row["offer_id"],
                    subid: row["subid"], amount: row["amount"], day: dayText.flatMap { try? ReportDay(parsing: $0) },
                    dateText: row["date_text"], reason: row["reason"], rawJSON: row["raw_json"])
            }
        }
    }

    /// Reversal count and amount per offer, most reversed first (then by offer id); over every stored
    /// reversal, or only those dated within `from…to`, or only one offer when `offerID` is given.
    public func reversalSummary(
        sourceID: String, from: ReportDay? = nil, to: ReportDay? = nil,
        offerID: String? = nil
    ) throws -> [OfferReversalSummary] {
        try pool.read { db in
            var (filter, arguments) = Self.dayFilter(sourceID: sourceID, from: from, to: to)
            if let offerID { filter += " AND offer_id = ?"; arguments += [offerID] }
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT offer_id, COUNT(*) AS count, COALESCE(SUM(amount), 0) AS amount FROM reversals WHERE \(filter)
                    GROUP BY offer_id ORDER BY count DESC, offer_id
                    """, arguments: arguments
            ).map { row in
                OfferReversalSummary(offerID: row["offer_id"], count: row["count"], amount: row["amount"])
            }
        }
    }

    /// Reversals per day over `from…to`, every day present (zero when none), optionally of one offer.
    public func reversalsPerDay(sourceID: String, from: ReportDay, to: ReportDay, offerID: String? = nil) throws -> [ReversalDayCount] {
        let stored: [String: (Int, Double)] = try pool.read { db in
            var (filter, arguments) = Self.dayFilter(sourceID: sourceID, from: from, to: to)
            if let offerID { filter += " AND offer_id = ?"; arguments += [offerID] }
            var result: [String: (Int, Double)] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT day, COUNT(*) AS count, COALESCE(SUM(amount), 0) AS amount FROM reversals WHERE \(filter) GROUP BY day
                    """, arguments: arguments)
            {
                result[row["day"]] = (row["count"], row["amount"])
            }
            return result
        }
        var days: [ReversalDayCount] = []
        var day = from
        while day <= to {
            let figures = stored[day.description] ?? (0, 0)
            days.append(ReversalDayCount(day: day, count: figures.0, amount: figures.1))
            day = day.next
        }
        return days
    }

    /// Reversal count and amount per offer over `from…to` with the offer's title and payout currency
    /// from the stored feed, most reversed first (then by offer id): what a report table lists.
    public func reversedOffers(sourceID: String, from: ReportDay, to: ReportDay) throws -> [ReversedOffer] {
        try pool.read { db in
            let (filter, arguments) = Self.dayFilter(sourceID: sourceID, from: from, to: to)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT r.offer_id, r.count, r.amount, o.id IS NOT NULL AS stored, o.title, o.payout_currency FROM (
                        SELECT offer_id, COUNT(*) AS count, COALESCE(SUM(amount), 0) AS amount FROM reversals WHERE \(filter)
                        GROUP BY offer_id) r
                    LEFT JOIN demand_offers o ON o.source_id = ? AND o.external_id = r.offer_id
                    ORDER BY r.count DESC, r.offer_id
                    """, arguments: arguments + [sourceID]
            ).map { row in
                ReversedOffer(
                    offerID: row["offer_id"], count: row["count"], amount: row["amount"], isStored: row["stored"],
                    title: row["title"], currency: row["payout_currency"])
            }
        }
    }

    /// Reversals per offer and day over `from…to`, only the days that had some: every offer's
    /// sparkline from one read.
    public func reversalDaysByOffer(sourceID: String, from: ReportDay, to: ReportDay) throws -> [String?: [ReversalDayCount]] {
        try pool.read { db in
            let (filter, arguments) = Self.dayFilter(sourceID: sourceID, from: from, to: to)
            var result: [String?: [ReversalDayCount]] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT offer_id, day, COUNT(*) AS count, COALESCE(SUM(amount), 0) AS amount FROM reversals
                    WHERE \(filter) GROUP BY offer_id, day ORDER BY day
                    """, arguments: arguments)
            {
                let dayText: String = row["day"]
                guard let day = try? ReportDay(parsing: dayText) else { continue }
                let offerID: String? = row["offer_id"]
                result[offerID, default: []].append(ReversalDayCount(day: day, count: row["count"], amount: row["amount"]))
            }
            return result
        }
    }

    private static func reversalCount(sourceID: String, db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reversals WHERE source_id = ?", arguments: [sourceID]) ?? 0
    }

    /// `source_id = ?` and, when a bound is given, the day within it (days compare as text).
    private static func dayFilter(sourceID: String, from: ReportDay?, to: ReportDay?) -> (String, StatementArguments) {
        var filter = "source_id = ?"
        var arguments: StatementArguments = [sourceID]
        if let from { filter += " AND day >= ?"; arguments += [from.description] }
        if let to { filter += " AND day <= ?"; arguments += [to.description] }
        return (filter, arguments)
    }
}
