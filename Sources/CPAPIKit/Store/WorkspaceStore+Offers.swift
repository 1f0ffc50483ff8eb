import Foundation
import GRDB

/// Demand offers: the store phase of a fetch, and reads for the UI, the CLI and the engine.
extension WorkspaceStore {
    /// Offer counts of one source.
    public struct OfferCounts: Sendable, Equatable, Codable {
        public var total = 0
        public var inFeed = 0
        public var missing = 0
        public var invalid = 0
        public init() {}
    }

    // MARK: - Store phase

    /// Stores one successful fetch of a source in one transaction: upserts its offers (an unchanged
    /// offer writes nothing), unmarks offers back in the feed, marks the ones a full fetch did not
    /// return as missing when `policy` allows it, records the events, and sets the source ready.
    public func storeFetch(
        sourceID: String, result: FetchResult, policy: MissingMarkingPolicy,
        runID: Int64?, startedAt: Date, now: Date
    ) throws -> FeedStoreOutcome {
        try pool.write { db in
            try Self.storeFetch(
                sourceID: sourceID, result: result, policy: policy, runID: runID,
                startedAt: startedAt, now: now, db: db)
        }
    }

    /// The same, awaiting the writer without blocking a thread of the concurrency pool
    /// (sources fetch and parse in parallel while one of them is being stored).
    ///
    /// The rows of the offers to write are made before the write transaction, against the hashes
    /// stored just before: the workspace has one writer, and while it builds rows (their JSON
    /// columns) every other source's write waits. The transaction still decides from what is stored
    /// then; an offer the early read did not foresee is built inside it.
    public func storeFetch(
        sourceID: String, result: FetchResult, policy: MissingMarkingPolicy,
        runID: Int64?, startedAt: Date, now: Date
    ) async throws -> FeedStoreOutcome {
        // Nothing to prepare when every entry was passed over as unchanged (a no-change sync).
        var stored: [String: StoredDigest] = [:]
        if !result.offers.isEmpty { stored = try await read { db in try Self.storedDigests(sourceID: sourceID, db: db) } }
        let prepared = result.offers.withUnsafeBufferPointer { offers in
            let row = OfferRowValues(sourceID: sourceID, now: now)
            var prepared: [Int: [DatabaseValue]] = [:]
            let latest = Self.latestIndex(offers)
            for index in offers.indices where latest[offers[index].key.externalID] == index {
                let previous = stored[offers[index].key.externalID]
                if let previous, previous.hash == offers[index].contentHash, !previous.missing { continue }
                prepared[index] = row.values(of: offers[index], entryHash: result.entryHash(at: index))
            }
            return prepared
        }
        return try await pool.write { db in
            try Self.storeFetch(
                sourceID: sourceID, result: result, policy: policy, runID: runID,
                startedAt: startedAt, now: now, prepared: prepared, db: db)
        }
    }

    /// What a run reads of each stored offer (from the digest index, not the rows), by external id.
    private struct StoredDigest {
        var hash: String
        var missing: Bool
        var valid: Bool
        /// The `FeedEntryHash` of the entry it was last written from, if known.
        var entryHash: Int64?
    }

    private static func storedDigests(sourceID: String, db: Database) throws -> [String: StoredDigest] {
        var stored: [String: StoredDigest] = [:]
        let existing = try Row.fetchCursor(
            db,
            sql: """
                SELECT external_id, content_hash, missing_since IS NOT NULL AS missing, valid, entry_hash
                FROM demand_offers WHERE source_id = ?
                """, arguments: [sourceID])
        while let row = try existing.next() {
            stored[row[0]] = StoredDigest(hash: row[1], missing: row[2], valid: row[3], entryHash: row[4])
        }
        return stored
    }

    /// The entries a fetch of the source may pass over unparsed (`FetchRequest.knownEntries`): the
    /// `FeedEntryHash` of each offer in the feed, to its external id.
    public func knownEntries(sourceID: String) async throws -> [Int64: String] {
        try await read { db in
            var known: [Int64: String] = [:]
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT entry_hash, external_id FROM demand_offers
                    WHERE source_id = ? AND missing_since IS NULL AND entry_hash IS NOT NULL
                    """, arguments: [sourceID])
            while let row = try rows.next() { known[row[0]] = row[1] }
            return known
        }
    }

    /// The index of the offer stored for each external id: an untidy feed may repeat an id, and the last one wins.
    private static func latestIndex(_ offers: UnsafeBufferPointer<DemandOffer>) -> [String: Int] {
        var latest: [String: Int] = [:]
        latest.reserveCapacity(offers.count)
        for index in offers.indices { latest[offers[index].key.externalID] = index }
        return latest
    }

    /// `prepared`: rows already made, by offer index (any offer without one is built here).
    static func storeFetch(
        sourceID: String, result: FetchResult, policy: MissingMarkingPolicy, runID: Int64?,
        startedAt: Date, now: Date, prepared: [Int: [DatabaseValue]] = [:], db: Database
    ) throws -> FeedStoreOutcome {
        var outcome = FeedStoreOutcome()
        let lastFullFetchAt = try Date.fetchOne(
            db, sql: "SELECT last_full_fetch_at FROM sources WHERE source_id = ?", arguments: [sourceID])

        // What is stored now, to tell new / changed / back / unchanged without reading whole rows.
        let stored = try storedDigests(sourceID: sourceID, db: db)

        // The offers' fields are read in place, through a buffer pointer: copying each offer (a score
        // of references) to compare it showed at 100k offers. An untidy feed may repeat an id: the
        // last one wins.
        let latest = result.offers.withUnsafeBufferPointer(latestIndex)
        // Entries passed over as they were stored: in the feed and unchanged. The adapter judged them
        // against the entries read before the fetch; under the lease nothing else writes this
        // source's offers, so they are still stored and in the feed.
        let unchanged = Set(result.unchanged)
        for id in unchanged {
            guard let previous = stored[id], !previous.missing else {
                throw DatabaseError(
                    message: "offer \(id) of \(sourceID) changed in the store while its feed was read; the next run reads it again")
            }
            outcome.fetched += 1
            outcome.unchanged += 1
            if !previous.valid { outcome.invalid += 1 }
        }
        var events: [SyncEvent] = []
        var upserts: [[DatabaseValue]] = []
        // Unchanged offers stored without an entry hash (before there were any): given theirs, so
        // the next fetch can pass over them too.
        var firstEntryHashes: [(id: String, hash: Int64)] = []
        var changedEvents: [(event: Int, offer: Int)] = []
        result.offers.withUnsafeBufferPointer { offers in
            let row = OfferRowValues(sourceID: sourceID, now: now)
            for index in offers.indices where latest[offers[index].key.externalID] == index {
                let id = offers[index].key.externalID
                outcome.fetched += 1
                if !offers[index].isValid { outcome.invalid += 1 }
                let previous = stored[id]
                let changed = previous.map { $0.hash != offers[index].contentHash } ?? false
                if let previous, !changed && !previous.missing {
                    outcome.unchanged += 1
                    if previous.entryHash == nil, let hash = result.entryHash(at: index) { firstEntryHashes.append((id, hash)) }
                    continue
                }
                let label = offers[index].title.map { "“\($0)”" } ?? id
                if let previous {
                    if changed {
                        outcome.changed += 1
                        changedEvents.append((events.count, index))
                        events.append(
                            SyncEvent(
                                at: now, runID: runID, sourceID: sourceID, offerExternalID: id,
                                kind: .offerChanged, message: "offer \(label) changed at the source"))
                    }
                    if previous.missing {
                        outcome.back += 1
                        events.append(
                            SyncEvent(
                                at: now, runID: runID, sourceID: sourceID, offerExternalID: id,
                                kind: .offerBack, message: "offer \(label) is back in the feed"))
                    }
                } else {
                    outcome.new += 1
                    events.append(
                        SyncEvent(
                            at: now, runID: runID, sourceID: sourceID, offerExternalID: id,
                            kind: .offerNew, message: "new offer \(label)"))
                }
                upserts.append(prepared[index] ?? row.values(of: offers[index], entryHash: result.entryHash(at: index)))
            }
        }
        // Before the upsert: the stored versions are what the changes are told against.
        try describeChanges(&events, changed: changedEvents, offers: result.offers, sourceID: sourceID, db: db)
        try offerUpsert.execute(upserts, db: db)
        if !firstEntryHashes.isEmpty {
            let give = try db.cachedStatement(sql: "UPDATE demand_offers SET entry_hash = ? WHERE source_id = ? AND external_id = ?")
            for (id, hash) in firstEntryHashes { try give.execute(arguments: [hash, sourceID, id]) }
        }

        // Offers in the feed before this fetch that it did not return.
        let notReturned = stored.filter { !$0.value.missing && latest[$0.key] == nil && !unchanged.contains($0.key) }.keys.sorted()
        let inFeedBefore = stored.values.count { !$0.missing }
        switch policy.decision(inFeedCount: inFeedBefore, notReturnedCount: notReturned.count) {
        case .mark:
            let mark = try db.cachedStatement(
                sql: """
                    UPDATE demand_offers SET missing_since = ?, last_seen_at = MAX(COALESCE(?, first_seen_at), first_seen_at)
                    WHERE source_id = ? AND external_id = ?
                    """)
            for id in notReturned {
                try mark.execute(arguments: [startedAt, lastFullFetchAt, sourceID, id])
                events.append(
                    SyncEvent(
                        at: now, runID: runID, sourceID: sourceID, offerExternalID: id,
                        kind: .offerMissing, message: "offer \(id) is no longer in the feed"))
            }
            outcome.missing = notReturned.count
        case .markNothing(let reason):
            if policy.fetchKind == .incremental {
                outcome.missingNote = reason
            } else if !notReturned.isEmpty {
                outcome.missingNote = reason
                events.append(SyncEvent(at: now, runID: runID, sourceID: sourceID, kind: .missingNotMarked, message: reason))
            }
        }

        try markSourceFetched(id: sourceID, kind: policy.fetchKind, startedAt: startedAt, finishedAt: now, db: db)
        try insertEvents(events, db: db)
        return outcome
    }

    private static let offerUpsert = MultiRowInsert(
        """
        INSERT INTO demand_offers (
            source_id, external_id, title, description, conversion, preview_url, tracking_url,
            payout_amount, payout_currency, payout_model, country_payouts, countries, devices, caps, categories,
            status_at_source, logo_url, rank, raw_json, invalid_reasons, valid, content_hash,
            first_seen_at, updated_at, entry_hash, missing_since, last_seen_at
        ) VALUES
        """, row: "(\(placeholders(OfferRowValues.count)), NULL, NULL)",
        tail: """
            ON CONFLICT (source_id, external_id) DO UPDATE SET
                title = excluded.title, description = excluded.description, conversion = excluded.conversion,
                preview_url = excluded.preview_url, tracking_url = excluded.tracking_url,
                payout_amount = excluded.payout_amount, payout_currency = excluded.payout_currency,
                payout_model = excluded.payout_model, country_payouts = excluded.country_payouts,
                countries = excluded.countries, devices = excluded.devices, caps = excluded.caps,
                categories = excluded.categories, status_at_source = excluded.status_at_source,
                logo_url = excluded.logo_url, rank = excluded.rank, raw_json = excluded.raw_json,
                invalid_reasons = excluded.invalid_reasons, valid = excluded.valid,
                updated_at = CASE WHEN demand_offers.content_hash <> excluded.content_hash
                                  THEN excluded.updated_at ELSE demand_offers.updated_at END,
                content_hash = excluded.content_hash, entry_hash = excluded.entry_hash,
                missing_since = NULL, last_seen_at = NULL
            WHERE demand_offers.content_hash <> excluded.content_hash OR demand_offers.missing_since IS NOT NULL
            """)

    // MARK: - Reads

    /// Offers in key order, a page at a time: those after `after` (nil: from the start), at most `limit`.
    /// `sourceID` nil reads every source's offers.
    public func offers(sourceID: String? = nil, after: OfferKey? = nil, limit: Int = 500) throws -> [DemandOffer] {
        try pool.read { db in try Self.offers(sourceID: sourceID, after: after, limit: limit, db: db) }
    }

    /// Every offer of one source (the engine's plan reads them all), in external id order.
    public func offers(sourceID: String) throws -> [DemandOffer] {
        try pool.read { db in try Self.offers(sourceID: sourceID, db: db) }
    }

    /// One offer by key, or nil.
    public func offer(_ key: OfferKey) throws -> DemandOffer? {
        try pool.read { db in try Self.offer(key, db: db) }
    }

    /// Offer counts per source id (sources without offers are absent).
    public func offerCounts() throws -> [String: OfferCounts] {
        try pool.read { db in
            var counts: [String: OfferCounts] = [:]
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT source_id, COUNT(*), COUNT(*) - COUNT(missing_since), COUNT(missing_since), SUM(NOT valid)
                    FROM demand_offers GROUP BY source_id
                    """)
            {
                var count = OfferCounts()
                count.total = row[1]; count.inFeed = row[2]; count.missing = row[3]; count.invalid = row[4]
                counts[row[0]] = count
            }
            return counts
        }
    }

    static func offers(sourceID: String, db: Database) throws -> [DemandOffer] {
        try Row.fetchAll(
            db, sql: "SELECT \(Self.offerColumns) FROM demand_offers WHERE source_id = ? ORDER BY external_id",
            arguments: [sourceID]
        ).map(offer(from:))
    }

    static func offers(sourceID: String?, after: OfferKey?, limit: Int, db: Database) throws -> [DemandOffer] {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let sourceID {
            conditions.append("source_id = ?")
            arguments += [sourceID]
        }
        if let after {
            conditions.append("(source_id, external_id) > (?, ?)")
            arguments += [after.sourceID, after.externalID]
        }
        let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
        arguments += [max(limit, 0)]
        return try Row.fetchAll(
            db, sql: "SELECT \(Self.offerColumns) FROM demand_offers\(whereClause) ORDER BY source_id, external_id LIMIT ?",
            arguments: arguments
        ).map(offer(from:))
    }

    static func offer(_ key: OfferKey, db: Database) throws -> DemandOffer? {
        try Row.fetchOne(
            db, sql: "SELECT \(Self.offerColumns) FROM demand_offers WHERE source_id = ? AND external_id = ?",
            arguments: [key.sourceID, key.externalID]
        ).map(offer(from:))
    }

    /// The columns `offer(from:)` reads, in the order it reads them by index: a column looked up by
    /// name costs a case-insensitive search per value, which showed at 100k offers.
    static let offerColumns = """
        source_id, external_id, title, description, conversion, preview_url, tracking_url, payout_amount, \
        payout_currency, payout_model, country_payouts, countries, devices, caps, categories, status_at_source, \
        logo_url, rank, raw_json, invalid_reasons, content_hash, first_seen_at, updated_at, missing_since, last_seen_at
        """

    /// An offer from a row of `offerColumns`.
    /// A list column that cannot be read back is read as empty and makes the offer invalid with that
    /// reason (never pushed half-read): one bad row never stops a listing or a source's sync.
    static func offer(from row: Row) throws -> DemandOffer {
        let key = OfferKey(sourceID: row[0], externalID: row[1])
        var unreadable: [String] = []
        func list<T: JSONColumnValue>(_ index: Int, _ column: String) -> [T] {
            do { return try JSONColumn.decode([T].self, from: row[index], in: "\(column) of offer \(key)") } catch {
                unreadable.append("stored \(column) unreadable")
                return []
            }
        }
        func strings(_ index: Int, _ column: String) -> [String] {
            do { return try JSONColumn.decodeStrings(from: row[index], in: "\(column) of offer \(key)") } catch {
                unreadable.append("stored \(column) unreadable")
                return []
            }
        }
        let countryPayouts: [CountryPayout] = list(10, "country_payouts")
        let countries = strings(11, "countries"), devices = strings(12, "devices")
        let caps: [OfferCap] = list(13, "caps")
        let categories = strings(14, "categories"), reasons = strings(19, "invalid_reasons")
        return DemandOffer(
            key: key,
            title: row[2], description: row[3], conversion: row[4], previewURL: row[5], trackingURL: row[6],
            payout: Payout(amount: row[7], currency: row[8], model: row[9]),
            countryPayouts: countryPayouts, countries: countries,
            devices: devices, caps: caps, categories: categories,
            statusAtSource: row[15], logoURL: row[16], rank: row[17], rawJSON: row[18],
            invalidReasons: reasons + unreadable,
            contentHash: row[20], firstSeenAt: row[21], updatedAt: row[22], missingSince: row[23], lastSeenAt: row[24])
    }
}
