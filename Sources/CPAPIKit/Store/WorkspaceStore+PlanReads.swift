import Foundation
import GRDB

/// The reads of a run's plan phase: a light pass over a source's placements first, then in full
/// only the placements and offers that need planning.
extension WorkspaceStore {
    /// Every placement of the source, light: no JSON column is decoded (SQLite extracts the two
    /// pushed fields that tell a drift).
    static func placementDigests(sourceID: String, db: Database) throws -> [PlacementDigest] {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT p.id, p.campaign_id, p.external_id, p.platform_offer_id,
                       p.state = 'live' AND NOT p.out_of_filter AND p.last_observed IS NULL AND p.last_error IS NULL
                           AND p.create_attempted_at IS NULL AND p.workflow_step IS NULL,
                       p.last_pushed_hash, json_extract(p.last_pushed, '$.status'), json_extract(p.last_pushed, '$.externalOfferID'),
                       o.content_hash, o.id IS NOT NULL AND o.missing_since IS NULL, p.state = 'excluded'
                FROM placements p
                LEFT JOIN demand_offers o ON o.source_id = p.source_id AND o.external_id = p.external_id
                WHERE p.source_id = ?
                """, arguments: [sourceID])
        var digests: [PlacementDigest] = []
        while let row = try rows.next() {
            let status: String? = row[6]
            digests.append(
                PlacementDigest(
                    id: row[0], campaignID: row[1], externalID: row[2], platformOfferID: row[3], isQuiet: row[4],
                    fingerprint: row[5], pushedStatus: status.flatMap(PlatformStatus.init(rawValue:)), pushedExternalID: row[7],
                    offerContentHash: row[8], offerInFeed: row[9], isExcluded: row[10]))
        }
        return digests
    }

    /// The external ids and content hashes of the source's offers in the feed (not marked missing),
    /// in key order (new offers are created in it).
    static func offersInFeed(sourceID: String, db: Database) throws -> [(externalID: String, contentHash: String)] {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT external_id, content_hash FROM demand_offers WHERE source_id = ? AND missing_since IS NULL ORDER BY external_id
                """, arguments: [sourceID])
        var offers: [(externalID: String, contentHash: String)] = []
        while let row = try rows.next() { offers.append((row[0], row[1])) }
        return offers
    }

    /// The source's offers with these external ids, for planning: without `rawJSON` (the plan never
    /// reads it, and it is the largest column). Reads the whole source when most of it is wanted.
    static func offersToPlan(sourceID: String, externalIDs: Set<String>, db: Database) throws -> [DemandOffer] {
        guard !externalIDs.isEmpty else { return [] }
        let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM demand_offers WHERE source_id = ?", arguments: [sourceID]) ?? 0
        if externalIDs.count * 2 >= total {
            var offers: [DemandOffer] = []
            offers.reserveCapacity(externalIDs.count)
            let rows = try Row.fetchCursor(db, sql: "SELECT \(planOfferColumns) FROM demand_offers WHERE source_id = ?", arguments: [sourceID])
            while let row = try rows.next() {
                if externalIDs.contains(row[1]) { offers.append(try offer(from: row)) }
            }
            return offers
        }
        var offers: [DemandOffer] = []
        offers.reserveCapacity(externalIDs.count)
        for chunk in Array(externalIDs).chunked(into: idsPerStatement) {
            var arguments: StatementArguments = [sourceID]
            arguments += StatementArguments(chunk)
            offers += try Row.fetchAll(
                db,
                sql: """
                    SELECT \(planOfferColumns) FROM demand_offers WHERE source_id = ? AND external_id IN (\(placeholders(chunk.count)))
                    """, arguments: arguments
            ).map(offer(from:))
        }
        return offers
    }

    /// The source's placements with these row ids, of `total` it has (when known). Reads the whole
    /// source when most of it is wanted.
    static func placements(sourceID: String, ids: Set<Int64>, total: Int?, db: Database) throws -> [Placement] {
        guard !ids.isEmpty else { return [] }
        var placements: [Placement] = []
        placements.reserveCapacity(ids.count)
        if let total, ids.count * 2 >= total {
            let rows = try Row.fetchCursor(db, sql: "SELECT \(placementColumns) FROM placements WHERE source_id = ?", arguments: [sourceID])
            while let row = try rows.next() {
                if ids.contains(row[0]) { placements.append(try placement(from: row)) }
            }
            return placements
        }
        for chunk in Array(ids).chunked(into: idsPerStatement) {
            placements += try Row.fetchAll(
                db, sql: "SELECT \(placementColumns) FROM placements WHERE id IN (\(placeholders(chunk.count)))",
                arguments: StatementArguments(chunk)
            ).map(placement(from:))
        }
        return placements
    }

    /// `offerColumns` with an empty `raw_json`.
    private static let planOfferColumns = offerColumns.replacingOccurrences(of: "raw_json", with: "'' AS raw_json")
}
