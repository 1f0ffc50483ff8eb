import Foundation
import GRDB

/// The embedded local platform's offers (`local_platform_offers`).
///
/// Status and external offer id live in their own columns (indexed, the truth); the other
/// fields are JSON in `fields`, stored without those two so they can never disagree.
extension WorkspaceStore {
    /// Inserts an offer made from a create's fields (`stopped` when no status is sent); answers its id.
    public func insertLocalPlatformOffer(_ write: PlatformOfferFields, at now: Date) async throws -> Int {
        try await insertLocalPlatformOffers([write], at: now)[0]
    }

    /// Inserts many offers in one transaction; answers their ids, in order. Ids grow and are never
    /// reused, as in Affise. The rows' values are made before the write transaction, so the single
    /// writer only inserts.
    public func insertLocalPlatformOffers(_ writes: [PlatformOfferFields], at now: Date) async throws -> [Int] {
        let stamp = now.databaseValue  // formatted once, not twice per offer
        let rows = writes.map { write -> [DatabaseValue] in
            let fields = PlatformOfferFields.created(from: write)
            return [
                fields.externalOfferID.databaseValue, (fields.status ?? .stopped).rawValue.databaseValue,
                Self.storedFieldsJSON(fields).databaseValue, stamp, stamp
            ]
        }
        return try await pool.write { db in
            // The ids are given, next after the highest ever used (as AUTOINCREMENT would choose them,
            // and SQLite records the highest in sqlite_sequence): a multi-row insert returns its rows'
            // ids in no promised order.
            let last =
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'local_platform_offers'), 0),
                                   COALESCE((SELECT MAX(id) FROM local_platform_offers), 0))
                        """) ?? 0
            let ids = rows.indices.map { last + 1 + $0 }
            try Self.localOfferInsert.execute(zip(ids, rows).map { [$0.databaseValue] + $1 }, db: db)
            return ids
        }
    }

    private static let localOfferInsert = MultiRowInsert(
        "INSERT INTO local_platform_offers (id, external_offer_id, status, fields, created_at, updated_at) VALUES",
        row: "(?, ?, ?, ?, ?, ?)")

    /// Applies an edit (only the sent fields change); false when the offer does not exist.
    public func updateLocalPlatformOffer(id: Int, with write: PlatformOfferFields, at now: Date) async throws -> Bool {
        try await updateLocalPlatformOffers([PlatformOfferEdit(id: id, fields: write)], at: now)[0]
    }

    /// Applies many edits in one transaction; answers, in order, whether each offer existed.
    public func updateLocalPlatformOffers(_ edits: [PlatformOfferEdit], at now: Date) async throws -> [Bool] {
        try await pool.write { db in
            let update = try db.cachedStatement(
                sql: """
                    UPDATE local_platform_offers SET external_offer_id = ?, status = ?, fields = ?, updated_at = ?
                    WHERE id = ?
                    """)
            return try edits.map { edit in
                guard let current = try Self.fetchLocalPlatformOffers(db, whereSQL: "id = ?", arguments: [edit.id]).first else {
                    return false
                }
                let fields = current.fields.applying(edit.fields)
                try update.execute(arguments: [
                    fields.externalOfferID, (fields.status ?? .stopped).rawValue,
                    Self.storedFieldsJSON(fields), now, edit.id
                ])
                return true
            }
        }
    }

    /// Sets the status of the offers with these ids; ids that do not exist are skipped. Answers how many changed.
    @discardableResult
    public func setLocalPlatformStatus(_ status: PlatformStatus, ids: [Int], at now: Date) async throws -> Int {
        let unique = Array(Set(ids))
        return try await pool.write { db in
            var changed = 0
            for chunk in unique.chunked(into: Self.idsPerStatement) {
                let marks = Self.placeholders(chunk.count)
                var arguments: StatementArguments = [status.rawValue, now]
                arguments += StatementArguments(chunk)
                try db.execute(
                    sql: "UPDATE local_platform_offers SET status = ?, updated_at = ? WHERE id IN (\(marks))",
                    arguments: arguments)
                changed += db.changesCount
            }
            return changed
        }
    }

    /// Removes the external offer id of one offer; false when the offer does not exist.
    public func removeLocalPlatformExternalID(id: Int, at now: Date) async throws -> Bool {
        try await pool.write { db in
            try db.execute(
                sql: "UPDATE local_platform_offers SET external_offer_id = NULL, updated_at = ? WHERE id = ?",
                arguments: [now, id])
            return db.changesCount > 0
        }
    }

    /// Deletes the offers with these ids (really: reads answer not found afterwards). Answers how many were deleted.
    @discardableResult
    public func deleteLocalPlatformOffers(ids: [Int]) async throws -> Int {
        let unique = Array(Set(ids))
        return try await pool.write { db in
            var deleted = 0
            for chunk in unique.chunked(into: Self.idsPerStatement) {
                try db.execute(
                    sql: "DELETE FROM local_platform_offers WHERE id IN (\(Self.placeholders(chunk.count)))",
                    arguments: StatementArguments(chunk))
                deleted += db.changesCount
            }
            return deleted
        }
    }

    /// The offers with these ids that exist, by id.
    public func localPlatformOffers(ids: [Int]) async throws -> [PlatformOffer] {
        let unique = Array(Set(ids)).sorted()
        return try await read { db in
            var offers: [PlatformOffer] = []
            offers.reserveCapacity(unique.count)
            for chunk in unique.chunked(into: Self.idsPerStatement) {
                offers += try Self.fetchLocalPlatformOffers(
                    db, whereSQL: "id IN (\(Self.placeholders(chunk.count)))",
                    arguments: StatementArguments(chunk))
            }
            return offers
        }
    }

    /// The states (external offer id, status) of the offers with these ids, without decoding their fields.
    public func localPlatformOfferStates(ids: [Int]) async throws -> [PlatformOfferState] {
        let unique = Array(Set(ids)).sorted()
        return try await read { db in
            var states: [PlatformOfferState] = []
            states.reserveCapacity(unique.count)
            for chunk in unique.chunked(into: Self.idsPerStatement) {
                let rows = try Row.fetchCursor(
                    db,
                    sql: "SELECT id, external_offer_id, status FROM local_platform_offers "
                        + "WHERE id IN (\(Self.placeholders(chunk.count)))",
                    arguments: StatementArguments(chunk))
                while let row = try rows.next() {
                    let id: Int = row[0]
                    states.append(PlatformOfferState(id: id, externalOfferID: row[1], status: try Self.status(row[2], id: id)))
                }
            }
            return states
        }
    }

    /// The offers carrying this external offer id, by id.
    public func localPlatformOffers(externalOfferID: String) async throws -> [PlatformOffer] {
        try await read { db in
            try Self.fetchLocalPlatformOffers(db, whereSQL: "external_offer_id = ?", arguments: [externalOfferID])
        }
    }

    /// The offers of these advertisers (every offer when nil), by id. The advertiser lives in the
    /// fields' JSON: read once per platform (the inventory), so no index is kept for it.
    public func localPlatformOffers(advertisers: Set<String>?, externalOfferIDs: Set<String>) async throws -> [PlatformOffer] {
        let ids = externalOfferIDs.sorted()
        return try await read { db in
            // By the external id's index, 500 a statement: only the offers asked about are decoded.
            var offers: [PlatformOffer] = []
            for chunk in ids.chunked(into: 500) {
                offers += try Self.fetchLocalPlatformOffers(
                    db, whereSQL: "external_offer_id IN (\(Self.placeholders(chunk.count)))",
                    arguments: StatementArguments(chunk))
            }
            return offers.filter { offer in advertisers.map { wanted in offer.fields.advertiser.map(wanted.contains) == true } ?? true }
        }
    }

    /// One page of all offers (by id), optionally only those with one status, and how many there are in all.
    public func localPlatformOfferPage(status: PlatformStatus?, offset: Int, limit: Int) async throws
        -> (offers: [PlatformOffer], totalCount: Int)
    {
        try await read { db in
            let filter = status == nil ? "1" : "status = ?"
            let filterArguments: StatementArguments = status.map { [$0.rawValue] } ?? []
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM local_platform_offers WHERE \(filter)",
                    arguments: filterArguments) ?? 0
            let offers = try Self.fetchLocalPlatformOffers(
                db, whereSQL: filter, suffix: "LIMIT ? OFFSET ?",
                arguments: filterArguments + [limit, offset])
            return (offers, total)
        }
    }

    // MARK: Rows

    private static func fetchLocalPlatformOffers(
        _ db: Database, whereSQL: String, suffix: String = "",
        arguments: StatementArguments
    ) throws -> [PlatformOffer] {
        let statement = try db.cachedStatement(
            sql: """
                SELECT id, external_offer_id, status, fields, updated_at FROM local_platform_offers
                WHERE \(whereSQL) ORDER BY id \(suffix)
                """)
        return try Row.fetchAll(statement, arguments: arguments).map { row in
            let id: Int = row["id"]
            let status = try Self.status(row["status"], id: id)
            var fields = try JSONColumn.decode(PlatformOfferFields.self, from: row["fields"], in: "fields of local platform offer \(id)")
            fields.status = status
            fields.externalOfferID = row["external_offer_id"]
            return PlatformOffer(id: id, fields: fields, updatedAt: row["updated_at"])
        }
    }

    private static func status(_ text: String, id: Int) throws -> PlatformStatus {
        guard let status = PlatformStatus(rawValue: text) else { throw LocalPlatformRowError(id: id, why: "unknown status '\(text)'") }
        return status
    }

    /// The JSON kept in `fields`: everything but the two fields that have their own columns.
    private static func storedFieldsJSON(_ fields: PlatformOfferFields) -> String {
        var stored = fields
        stored.status = nil
        stored.externalOfferID = nil
        return JSONColumn.encode(stored)
    }
}

/// A stored local platform offer that cannot be read back.
struct LocalPlatformRowError: Error, CustomStringConvertible {
    let id: Int
    let why: String

    var description: String { "local platform offer \(id) is unreadable: \(why)" }
}
