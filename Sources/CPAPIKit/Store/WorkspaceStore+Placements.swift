import Foundation
import GRDB

/// Placements: one row per (campaign, demand offer), with the platform offer it made and what the
/// sync last pushed and observed. Written by the sync engine, each change together with the events
/// that explain it.
///
/// `last_observed` keeps what observe read back only when it differs from what was pushed, and
/// `last_observed_at` when that drift was first seen: a read-back that matches the push, or repeats
/// the drift already recorded, is not written, so a sync over an unchanged feed writes nothing.
extension WorkspaceStore {
    /// How many placements of one campaign are in each state (for the console and `campaigns --json`).
    public struct PlacementCounts: Sendable, Equatable, Codable {
        public var pending = 0
        public var live = 0
        public var pausedMissing = 0
        public var pausedSourceGone = 0
        public var held = 0
        public var excluded = 0
        /// Placements whose offer no longer passes the campaign's filters (any state but excluded).
        public var outOfFilter = 0
        /// Placements whose last write failed (retried next run).
        public var failing = 0
        public init() {}

        /// Every placement: the offers the campaign matched.
        public var matched: Int { pending + live + pausedMissing + pausedSourceGone + held + excluded }
        /// Paused by a rule or by the operator.
        public var paused: Int { pausedMissing + pausedSourceGone + held }
    }

    // MARK: - Reads

    /// The placements of one demand offer (one per campaign that matched it), by campaign id.
    public func placements(for key: OfferKey) throws -> [Placement] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.placementColumns) FROM placements WHERE source_id = ? AND external_id = ? ORDER BY campaign_id",
                arguments: [key.sourceID, key.externalID]
            ).map(Self.placement(from:))
        }
    }

    /// The placements of many demand offers (a page of a listing), by offer key; offers without any are absent.
    public func placements(for keys: [OfferKey]) throws -> [OfferKey: [Placement]] {
        guard !keys.isEmpty else { return [:] }
        return try pool.read { db in
            var found: [OfferKey: [Placement]] = [:]
            for (sourceID, group) in Dictionary(grouping: keys, by: \.sourceID) {
                for chunk in stride(from: 0, to: group.count, by: 500).map({ group[$0..<min($0 + 500, group.count)] }) {
                    let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                    var arguments = StatementArguments([sourceID])
                    arguments += StatementArguments(chunk.map(\.externalID))
                    for row in try Row.fetchAll(
                        db,
                        sql: """
                            SELECT \(Self.placementColumns) FROM placements WHERE source_id = ? AND external_id IN (\(marks)) ORDER BY campaign_id
                            """, arguments: arguments)
                    {
                        let placement = try Self.placement(from: row)
                        found[placement.offerKey, default: []].append(placement)
                    }
                }
            }
            return found
        }
    }

    /// The placements of one campaign, by offer key.
    public func placements(campaignID: String) throws -> [Placement] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.placementColumns) FROM placements WHERE campaign_id = ? ORDER BY source_id, external_id",
                arguments: [campaignID]
            ).map(Self.placement(from:))
        }
    }

    /// The placements of every offer of one source.
    public func placements(sourceID: String) throws -> [Placement] {
        try pool.read { db in try Self.placements(sourceID: sourceID, db: db) }
    }

    /// One placement by its row id.
    public func placement(id: Int64) throws -> Placement? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.placementColumns) FROM placements WHERE id = ?", arguments: [id]).map(Self.placement(from:))
        }
    }

    /// Counts per campaign id and state (campaigns without placements are absent).
    public func placementCounts() throws -> [String: PlacementCounts] {
        try pool.read { db in
            var counts: [String: PlacementCounts] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT campaign_id, state, COUNT(*), SUM(out_of_filter AND state <> 'excluded'), COUNT(last_error)
                    FROM placements GROUP BY campaign_id, state
                    """)
            {
                let campaignID: String = row[0]
                let n: Int = row[2]
                var count = counts[campaignID] ?? PlacementCounts()
                switch PlacementState(rawValue: row[1]) {
                case .pending: count.pending += n
                case .live: count.live += n
                case .pausedMissing: count.pausedMissing += n
                case .pausedSourceGone: count.pausedSourceGone += n
                case .held: count.held += n
                case .excluded: count.excluded += n
                case nil: break
                }
                count.outOfFilter += row[3] as Int? ?? 0
                count.failing += row[4] as Int
                counts[campaignID] = count
            }
            return counts
        }
    }

    // MARK: - Writes

    /// Records that creates are about to be sent (rule 9: a lost answer is looked up by external offer
    /// id before creating again), in one transaction: the stored placements are marked (only
    /// `create_attempted_at` and the stamp change), and the run's new matches are inserted so marked,
    /// as `pending`. Answers the new placements, with their ids, in order.
    public func recordCreatesAttempted(
        placementIDs: [Int64], newMatches: [(campaignID: String, key: OfferKey)],
        at date: Date
    ) async throws -> [Placement] {
        guard !placementIDs.isEmpty || !newMatches.isEmpty else { return [] }
        return try await pool.write { db in
            for chunk in placementIDs.chunked(into: Self.idsPerStatement) {
                var arguments: StatementArguments = [date, date]
                arguments += StatementArguments(chunk)
                try db.execute(
                    sql: "UPDATE placements SET create_attempted_at = ?, updated_at = ? WHERE id IN (\(Self.placeholders(chunk.count)))",
                    arguments: arguments)
            }
            return try Self.insertPendingPlacements(newMatches, createAttemptedAt: date, at: date, db: db)
        }
    }

    // MARK: - Inside a caller's transaction

    static func placements(sourceID: String, db: Database) throws -> [Placement] {
        try Row.fetchAll(db, sql: "SELECT \(Self.placementColumns) FROM placements WHERE source_id = ?", arguments: [sourceID])
            .map(placement(from:))
    }

    /// Which placement holds each of these platform offer ids (as its platform offer or as the
    /// operator's copy); ids no placement holds are absent. Read 500 ids a statement.
    static func placementsHolding(platformOfferIDs ids: [Int], db: Database) throws -> [Int: Int64] {
        var holders: [Int: Int64] = [:]
        for start in stride(from: 0, to: ids.count, by: 500) {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            let marks = Self.placeholders(chunk.count)
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT id, platform_offer_id, copy_platform_offer_id FROM placements
                    WHERE platform_offer_id IN (\(marks)) OR copy_platform_offer_id IN (\(marks))
                    """, arguments: StatementArguments(chunk + chunk))
            let wanted = Set(chunk)
            for row in rows {
                let placementID: Int64 = row[0]
                for column in [1, 2] {
                    if let id: Int = row[column], wanted.contains(id) { holders[id] = placementID }
                }
            }
        }
        return holders
    }

    /// Inserts new `pending` placements (a run's new matches, by the thousand on a first sync: only
    /// the columns they have are bound); returns them with their ids, in order.
    static func insertPendingPlacements(
        _ pairs: [(campaignID: String, key: OfferKey)], createAttemptedAt: Date?,
        at date: Date, db: Database
    ) throws -> [Placement] {
        let stamp = date.databaseValue
        let attempted = createAttemptedAt.databaseValue
        let pending = PlacementState.pending.rawValue.databaseValue
        let rows = pairs.map { pair in
            [
                pair.campaignID.databaseValue, pair.key.sourceID.databaseValue, pair.key.externalID.databaseValue,
                pending, attempted, stamp, stamp
            ]
        }
        var idByPlacement: [PlacementIdentity: Int64] = [:]
        idByPlacement.reserveCapacity(pairs.count)
        for row in try pendingInsert.fetch(rows, db: db) {
            idByPlacement[PlacementIdentity(campaignID: row[1], sourceID: row[2], externalID: row[3])] = row[0]
        }
        return try pairs.map { pair in
            guard
                let id = idByPlacement[
                    PlacementIdentity(
                        campaignID: pair.campaignID, sourceID: pair.key.sourceID,
                        externalID: pair.key.externalID)]
            else {
                throw DatabaseError(message: "the insert of placement \(pair.campaignID) \(pair.key) returned no id")
            }
            return Placement(
                id: id, campaignID: pair.campaignID, offerKey: pair.key, state: .pending,
                createAttemptedAt: createAttemptedAt, createdAt: date, updatedAt: date)
        }
    }

    /// A placement's unique key, to tell apart the ids an insert returns (in no promised order).
    private struct PlacementIdentity: Hashable {
        let campaignID: String, sourceID: String, externalID: String
    }

    private static let pendingInsert = MultiRowInsert(
        "INSERT INTO placements (campaign_id, source_id, external_id, state, create_attempted_at, out_of_filter, created_at, updated_at) VALUES",
        row: "(?, ?, ?, ?, ?, 0, ?, ?)", tail: "RETURNING id, campaign_id, source_id, external_id")

    /// Writes every mutable column of a stored placement and stamps `updated_at`.
    static func updatePlacement(_ placement: Placement, at date: Date, db: Database) throws {
        var dates = DatabaseDates()
        try updatePlacement(placement, at: date, db: db, dates: &dates)
    }

    /// Writes every mutable column, formatting dates through `dates` (shared across a batch of writes).
    static func updatePlacement(_ placement: Placement, at date: Date, db: Database, dates: inout DatabaseDates) throws {
        try updatePlacement(values: try updateValues(placement, at: date, dates: &dates), db: db)
    }

    /// The values `updatePlacement(values:db:)` binds: made before the write transaction (their JSON
    /// above all), so the workspace's single writer spends its time on SQLite alone.
    static func updateValues(_ placement: Placement, at date: Date, dates: inout DatabaseDates) throws -> [DatabaseValue] {
        guard let id = placement.id else { throw DatabaseError(message: "a placement must be inserted before it is updated") }
        var values = mutableColumns(placement, dates: &dates)
        values += [dates.value(date), id.databaseValue]
        return values
    }

    static func updatePlacement(values: [DatabaseValue], db: Database) throws {
        let statement = try db.cachedStatement(
            sql: """
                UPDATE placements SET platform_offer_id = ?, state = ?, last_pushed = ?, last_pushed_hash = ?,
                    last_pushed_at = ?, last_observed = ?, last_observed_at = ?, reason = ?, excluded_at = ?, last_error = ?,
                    create_attempted_at = ?, out_of_filter = ?, copy_platform_offer_id = ?, workflow_step = ?, updated_at = ?
                WHERE id = ?
                """)
        try statement.execute(binding: values)
    }

    /// The columns from `platform_offer_id` to `workflow_step`, in table order (the caller appends the stamps).
    private static func mutableColumns(_ p: Placement, dates: inout DatabaseDates) -> [DatabaseValue] {
        var values: [DatabaseValue] = []
        values.reserveCapacity(16)
        values += [
            p.platformOfferID.databaseValue, p.state.rawValue.databaseValue,
            p.lastPushed.map { JSONColumn.encode($0) }.databaseValue, p.lastPushedHash.databaseValue,
            dates.value(p.lastPushedAt), p.lastObserved.map { JSONColumn.encode($0) }.databaseValue,
            dates.value(p.lastObservedAt), p.reason.databaseValue, dates.value(p.excludedAt), p.lastError.databaseValue,
            dates.value(p.createAttemptedAt), p.outOfFilter.databaseValue, p.copyPlatformOfferID.databaseValue,
            p.workflowStep.databaseValue
        ]
        return values
    }

    /// The columns `placement(from:)` reads, in the order it reads them by index (a column looked up
    /// by name costs a case-insensitive search per value).
    static let placementColumns = """
        id, campaign_id, source_id, external_id, platform_offer_id, state, last_pushed, last_pushed_hash, \
        last_pushed_at, last_observed, last_observed_at, reason, excluded_at, last_error, create_attempted_at, \
        out_of_filter, copy_platform_offer_id, workflow_step, created_at, updated_at
        """

    /// A placement from a row of `placementColumns`.
    static func placement(from row: Row) throws -> Placement {
        let stateText: String = row[5]
        guard let state = PlacementState(rawValue: stateText) else {
            throw DatabaseError(message: "unknown placement state \(stateText) (written by a newer version?)")
        }
        let id: Int64 = row[0]
        var unreadable: [String] = []
        /// A record of what was pushed or seen that cannot be read back is read as none, and said:
        /// the next push writes it again in full, so one bad row never stops a whole source.
        func fields(_ index: Int, _ column: String) -> PlatformOfferFields? {
            let text: String? = row[index]
            guard let text else { return nil }
            do {
                return try JSONColumn.decode(PlatformOfferFields.self, from: text, in: "\(column) of placement \(id)")
            } catch {
                unreadable.append("\(error)")
                return nil
            }
        }
        let lastPushed = fields(6, "last_pushed"), lastObserved = fields(9, "last_observed")
        let storedError: String? = row[13]
        return Placement(
            id: id, campaignID: row[1], offerKey: OfferKey(sourceID: row[2], externalID: row[3]),
            platformOfferID: row[4], state: state,
            lastPushed: lastPushed, lastPushedHash: unreadable.isEmpty ? row[7] : nil, lastPushedAt: row[8],
            lastObserved: lastObserved,
            lastObservedAt: row[10], reason: row[11], excludedAt: row[12],
            lastError: unreadable.isEmpty ? storedError : unreadable.joined(separator: "; ") + ": read as none, pushed again in full",
            createAttemptedAt: row[14],
            outOfFilter: row[15], copyPlatformOfferID: row[16], workflowStep: row[17], createdAt: row[18], updatedAt: row[19])
    }
}
