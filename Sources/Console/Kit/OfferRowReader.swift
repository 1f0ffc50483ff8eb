import CPAPIKit
import Foundation
import GRDB

/// Reads the Offers table's rows straight from the workspace database: only the columns the table
/// shows (not the feed's raw JSON, payouts per country or the pushed fields), by column index,
/// with the offers' list columns parsed by hand. Decoding whole `DemandOffer`s and `Placement`s
/// for this took about 8 s for 100k offers in a release build, most of it in decoding columns the
/// table never shows.
struct OfferRowReader {
    let pool: DatabasePool

    /// A stored value the table cannot show: which column of which offer, and why.
    struct BadColumn: Error, CustomStringConvertible {
        let description: String
    }

    /// The first `limit` offers in key order (nil: every offer), each with its placements (sorted
    /// by campaign id); `activeCampaigns` tells which campaigns are on.
    func rows(limit: Int?, activeCampaigns: Set<String>) async throws -> [OfferRow] {
        try await pool.read { db in
            var rows = try Self.offers(limit: limit, db: db)
            guard let last = rows.last?.key else { return rows }
            try Self.attachPlacements(to: &rows, upTo: limit == nil ? nil : last, activeCampaigns: activeCampaigns, db: db)
            return rows
        }
    }

    private static func offers(limit: Int?, db: Database) throws -> [OfferRow] {
        var rows: [OfferRow] = []
        if let limit { rows.reserveCapacity(limit) }
        else if let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM demand_offers") { rows.reserveCapacity(count) }
        // Many offers share the same few country and device lists: each distinct text is parsed once
        // and its array shared by every row that has it.
        var lists: [String: [String]] = [:]
        func list(_ text: String, _ column: String, _ key: OfferKey) throws -> [String] {
            if let known = lists[text] { return known }
            guard let parsed = StringListColumn.parse(text) else {
                throw BadColumn(description: "offer \(key): its stored \(column) are not a JSON list of strings: \(text.prefix(80))")
            }
            lists[text] = parsed
            return parsed
        }
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT source_id, external_id, title, payout_amount, payout_currency, countries, devices, valid,
                   missing_since IS NULL
            FROM demand_offers ORDER BY source_id, external_id LIMIT ?
            """, arguments: [limit ?? -1])
        while let row = try cursor.next() {
            let key = OfferKey(sourceID: row[0], externalID: row[1])
            rows.append(OfferRow(key: key, title: row[2] ?? "", payout: row[3], currency: row[4] ?? "",
                                 countries: try list(row[5], "countries", key), devices: try list(row[6], "devices", key),
                                 isValid: row[7], inFeed: row[8]))
        }
        return rows
    }

    /// Walks the placements in the offers' order (both sorted by key the way SQLite compares text)
    /// and gives each row its own: no lookup table for 100k keys.
    private static func attachPlacements(to rows: inout [OfferRow], upTo last: OfferKey?, activeCampaigns: Set<String>,
                                         db: Database) throws {
        var arguments: StatementArguments = []
        var bound = ""
        if let last {
            bound = " WHERE (source_id, external_id) <= (?, ?)"
            arguments = [last.sourceID, last.externalID]
        }
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT source_id, external_id, campaign_id, state, platform_offer_id,
                   COALESCE(json_extract(last_observed, '$.status'), json_extract(last_pushed, '$.status'))
            FROM placements\(bound) ORDER BY source_id, external_id, campaign_id
            """, arguments: arguments)
        var index = 0
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
            rows[index].placements.append(PlacementBrief(
                campaignID: campaignID, state: state, platformOfferID: row[4],
                platformStatus: (row[5] as String?).flatMap(PlatformStatus.init(rawValue:)),
                campaignEnabled: activeCampaigns.contains(campaignID)))
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
