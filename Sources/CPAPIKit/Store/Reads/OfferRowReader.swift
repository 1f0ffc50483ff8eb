import Foundation
import GRDB

/// Reads the console's Offers rows straight from the workspace database: only the columns the table
/// shows (not the feed's raw JSON, payouts per country or the pushed fields), by column index,
/// with the offers' list columns parsed by hand, and the offer counts from an index. Decoding whole
/// `DemandOffer`s and `Placement`s for this took about 8 s for 100k offers in a release build, most
/// of it in decoding columns the table never shows.
extension WorkspaceStore {
    /// The console's Offers rows: the first `limit` offers in key order (nil: every offer), each with
    /// its placements, and the counts of every offer, in one read transaction.
    public func offerRows(limit: Int?, activeCampaigns: Set<String>) async throws -> OfferRowReader.Read {
        try await OfferRowReader(store: self).read(limit: limit, activeCampaigns: activeCampaigns)
    }
}

public struct OfferRowReader: Sendable {
    let store: WorkspaceStore

    /// `read(limit:activeCampaigns:)` of the console (`ConsoleStore.offerRows`).

    /// A stored value the table cannot show: which column of which offer, and why.
    public struct BadColumn: Error, CustomStringConvertible {
        public let description: String
    }

    /// What one read gives: the rows, and counts of every offer of the workspace (the rows may be
    /// only the first page of them).
    public struct Read: Sendable {
        public var rows: [OfferRow]
        public var total: Int
        /// Offers in the feed (not missing), by source id.
        public var inFeedBySource: [String: Int]
    }

    /// The first `limit` offers in key order (nil: every offer), each with its placements (sorted
    /// by campaign id), and the counts, in one read transaction. `activeCampaigns` tells which
    /// campaigns are on. Nothing here scans the offers table beyond the rows it returns: the counts
    /// come from an index, so a first page is quick however large the workspace.
    func read(limit: Int?, activeCampaigns: Set<String>) async throws -> Read {
        try await store.read { db in
            var counts: [String: Int] = [:]
            var total = 0
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT source_id, COUNT(*), COUNT(*) - COUNT(missing_since) FROM demand_offers GROUP BY source_id
                    """)
            {
                total += row[1] as Int
                counts[row[0]] = row[2]
            }
            var rows = try Self.offers(limit: limit, reserve: min(limit ?? total, total), db: db)
            if let last = rows.last?.key {
                try Self.attachPlacements(to: &rows, upTo: limit == nil ? nil : last, activeCampaigns: activeCampaigns, db: db)
            }
            return Read(rows: rows, total: total, inFeedBySource: counts)
        }
    }

    private static func offers(limit: Int?, reserve: Int, db: Database) throws -> [OfferRow] {
        var rows: [OfferRow] = []
        rows.reserveCapacity(reserve)
        // Many offers share the same few country and device lists: each distinct text is parsed once
        // and its array shared by every row that has it.
        var lists: [Data: [String]] = [:]
        func list(_ row: Row, _ index: Int, _ column: String, _ key: OfferKey) throws -> [String] {
            try row.withUnsafeData(atIndex: index) { data in
                guard let data else { return [] }
                if let known = lists[data] { return known }
                let copy = data.withUnsafeBytes { Data($0) }  // the row's bytes do not outlive it: a key of their own
                guard let parsed = StringListColumn.parse(copy) else {
                    let text = String(decoding: copy.prefix(80), as: UTF8.self)
                    throw BadColumn(description: "offer \(key): its stored \(column) are not a JSON list of strings: \(text)")
                }
                lists[copy] = parsed
                return parsed
            }
        }
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT source_id, external_id, title, payout_amount, payout_currency, countries, devices, valid,
                       missing_since IS NULL
                FROM demand_offers ORDER BY source_id, external_id LIMIT ?
                """, arguments: [limit ?? -1])
        while let row = try cursor.next() {
            let key = OfferKey(sourceID: row[0], externalID: row[1])
            rows.append(
                OfferRow(
                    key: key, title: row[2] ?? "", payout: row[3], currency: row[4] ?? "",
                    countries: try list(row, 5, "countries", key), devices: try list(row, 6, "devices", key),
                    isValid: row[7], inFeed: row[8]))
        }
        return rows
    }

    /// Walks the placements in the offers' order (both sorted by key the way SQLite compares text)
    /// and gives each row its own: no lookup table for 100k keys.
    private static func attachPlacements(
        to rows: inout [OfferRow], upTo last: OfferKey?, activeCampaigns: Set<String>,
        db: Database
    ) throws {
        var arguments: StatementArguments = []
        var bound = ""
        if let last {
            bound = " WHERE (source_id, external_id) <= (?, ?)"
            arguments = [last.sourceID, last.externalID]
        }
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT source_id, external_id, campaign_id, state, platform_offer_id,
                       COALESCE(json_extract(last_observed, '$.status'), json_extract(last_pushed, '$.status')),
                       CASE WHEN platform_offer_id IS NULL OR state = 'excluded' THEN reason END, workflow_step
                FROM placements\(bound) ORDER BY source_id, external_id, campaign_id
                """, arguments: arguments)
        var index = 0
        // Many placements share a reason ("not in the feed since …"): each distinct text is kept once.
        var reasons: [String: String] = [:]
        func interned(_ text: String?) -> String? {
            guard let text else { return nil }
            if let known = reasons[text] { return known }
            reasons[text] = text
            return text
        }
        while let row = try cursor.next(), index < rows.count {
            let key = OfferKey(sourceID: row[0], externalID: row[1])
            while index < rows.count && Self.order(rows[index].key, key) == .before { index += 1 }
            // A placement whose offer is gone (it outlives it until the sync retires it) has no row.
            guard index < rows.count, Self.order(rows[index].key, key) == .same else { continue }
            let campaignID: String = row[2]
            let stateText: String = row[3]
            guard let state = PlacementState(rawValue: stateText) else {
                throw BadColumn(description: "placement \(campaignID) of offer \(key): unknown state \(stateText)")
            }
            rows[index].placements.append(
                PlacementBrief(
                    campaignID: campaignID, state: state, platformOfferID: row[4],
                    platformStatus: (row[5] as String?).flatMap(PlatformStatus.init(rawValue:)),
                    campaignEnabled: activeCampaigns.contains(campaignID),
                    reason: interned(row[6]),
                    excludeInProgress: ExcludeStep.isInProgress(row[7])))
        }
    }

    enum Order { case before, same, after }

    /// Where `a` is relative to `b` in SQLite's order for text (its BINARY collation: the UTF-8 bytes).
    static func order(_ a: OfferKey, _ b: OfferKey) -> Order {
        let source = order(a.sourceID, b.sourceID)
        return source == .same ? order(a.externalID, b.externalID) : source
    }

    private static func order(_ x: String, _ y: String) -> Order {
        if x.utf8.elementsEqual(y.utf8) { return .same }
        return x.utf8.lexicographicallyPrecedes(y.utf8) ? .before : .after
    }
}
