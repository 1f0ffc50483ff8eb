import Foundation
import GRDB

/// Reads `:platform`'s rows straight from the workspace database in one query: only the columns the
/// table shows (the title and first payment picked out of the stored fields by SQLite, not decoded
/// as whole `PlatformOfferFields`), each with the placement that made it (one join on
/// `placements_by_platform_offer`, no query per row).
extension WorkspaceStore {
    /// Every local platform offer by id, with the offer and campaign of the placement that made it.
    public func localPlatformOfferRows() async throws -> [PlatformOfferRow] {
        try await read { db in
            var rows: [PlatformOfferRow] = []
            let cursor = try Row.fetchCursor(
                db,
                sql: """
                    SELECT o.id, o.external_offer_id, o.status, json_extract(o.fields, '$.title'),
                           json_extract(o.fields, '$.payments[0].revenue'), json_extract(o.fields, '$.payments[0].currency'),
                           p.source_id, p.external_id, p.campaign_id
                    FROM local_platform_offers o LEFT JOIN placements p ON p.platform_offer_id = o.id
                    ORDER BY o.id, p.campaign_id
                    """)
            while let row = try cursor.next() {
                let id: Int = row[0]
                // Two placements never share a platform offer; should they, the first campaign's is shown.
                if rows.last?.id == id { continue }
                let sourceID: String? = row[6]
                let externalID: String? = row[7]
                rows.append(
                    PlatformOfferRow(
                        id: id, externalOfferID: row[1], title: row[3] ?? "", status: PlatformStatus(rawValue: row[2]),
                        payout: row[4], currency: row[5] ?? "",
                        offer: sourceID.flatMap { s in externalID.map { OfferKey(sourceID: s, externalID: $0) } },
                        campaignID: row[8]))
            }
            return rows
        }
    }
}
