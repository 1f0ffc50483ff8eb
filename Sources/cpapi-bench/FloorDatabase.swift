import CSQLite
import Foundation

/// The hand-written floor's database: raw SQLite (WAL, `synchronous = NORMAL`, 8 KB pages, as the
/// workspace), one connection, one transaction per source. Per source it reads the stored hashes,
/// upserts only the offers whose hash changed (or that are back), writes one platform row per new
/// or changed offer (70% of each payout), and marks the offers the feed no longer holds as gone and
/// their platform rows paused. An actor: sources store one at a time, without blocking a thread.
actor FloorDatabase {
    private let db: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]

    init(path: String) throws {
        var handle: OpaquePointer?
        guard sqlite3_open(path, &handle) == SQLITE_OK, let handle else {
            throw BenchError(description: "floor: cannot open \(path)")
        }
        db = handle
        try Self.execute(
            """
            PRAGMA page_size = 8192; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
            CREATE TABLE IF NOT EXISTS offers (
                source TEXT NOT NULL, id TEXT NOT NULL, hash INTEGER NOT NULL, title TEXT, description TEXT,
                conversion TEXT, device TEXT, daily_cap REAL, link TEXT, preview_link TEXT, amount REAL,
                currency TEXT, model TEXT, countries TEXT, payouts TEXT, category TEXT, logo TEXT, rank INTEGER,
                gone INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (source, id));
            CREATE TABLE IF NOT EXISTS platform_offers (
                source TEXT NOT NULL, id TEXT NOT NULL, title TEXT, payout REAL, payouts TEXT, link TEXT,
                status TEXT NOT NULL, PRIMARY KEY (source, id));
            """, db: db)
    }

    isolated deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close(db)
    }

    /// Stores one source's fetch; returns how many offers were written and how many were marked gone.
    func store(source: String, offers: [FloorOffer]) throws -> (written: Int, gone: Int) {
        var stored: [String: (hash: Int64, gone: Bool)] = [:]
        let read = try statement("SELECT id, hash, gone FROM offers WHERE source = ?")
        bind(read, [.text(source)])
        while sqlite3_step(read) == SQLITE_ROW {
            let id = sqlite3_column_text(read, 0).map { String(cString: $0) } ?? ""
            stored[id] = (sqlite3_column_int64(read, 1), sqlite3_column_int(read, 2) != 0)
        }
        sqlite3_reset(read)

        try Self.execute("BEGIN IMMEDIATE", db: db)
        let upsert = try statement(
            """
            INSERT INTO offers (source, id, hash, title, description, conversion, device, daily_cap, link, preview_link,
                amount, currency, model, countries, payouts, category, logo, rank, gone)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
            ON CONFLICT (source, id) DO UPDATE SET hash = excluded.hash, title = excluded.title,
                description = excluded.description, conversion = excluded.conversion, device = excluded.device,
                daily_cap = excluded.daily_cap, link = excluded.link, preview_link = excluded.preview_link,
                amount = excluded.amount, currency = excluded.currency, model = excluded.model,
                countries = excluded.countries, payouts = excluded.payouts, category = excluded.category,
                logo = excluded.logo, rank = excluded.rank, gone = 0
            """)
        let place = try statement(
            """
            INSERT INTO platform_offers (source, id, title, payout, payouts, link, status) VALUES (?, ?, ?, ?, ?, ?, 'active')
            ON CONFLICT (source, id) DO UPDATE SET title = excluded.title, payout = excluded.payout,
                payouts = excluded.payouts, link = excluded.link, status = 'active'
            """)
        var written = 0
        var seen = Set<String>()
        seen.reserveCapacity(offers.count)
        for offer in offers {
            let id = String(offer.id)
            seen.insert(id)
            let hash = offer.contentHash
            if let previous = stored[id], previous.hash == hash, !previous.gone { continue }
            bind(
                upsert,
                [
                    .text(source), .text(id), .integer(hash), .text(offer.title), .text(offer.description),
                    .text(offer.conversion), .text(offer.device), .real(offer.dailyCap), .text(offer.link),
                    .text(offer.previewLink), .real(offer.amount), .text(offer.payoutCurrency), .text(offer.payoutType),
                    .text((offer.countries ?? []).joined(separator: ",")), .text(offer.payoutsJSON()), .text(offer.category),
                    .text(offer.creatives?.url), .integer(offer.offerRank.map(Int64.init))
                ])
            try step(upsert)
            bind(
                place,
                [
                    .text(source), .text(id), .text(offer.title), .real(offer.amount.map { ($0 * 70).rounded() / 100 }),
                    .text(offer.payoutsJSON(times: 0.7)), .text(offer.link)
                ])
            try step(place)
            written += 1
        }
        let goneIDs = stored.filter { !$0.value.gone && !seen.contains($0.key) }.map(\.key)
        let markGone = try statement("UPDATE offers SET gone = 1 WHERE source = ? AND id = ?")
        let pause = try statement("UPDATE platform_offers SET status = 'paused' WHERE source = ? AND id = ?")
        for id in goneIDs {
            bind(markGone, [.text(source), .text(id)])
            try step(markGone)
            bind(pause, [.text(source), .text(id)])
            try step(pause)
        }
        try Self.execute("COMMIT", db: db)
        return (written, goneIDs.count)
    }

    // MARK: SQLite

    private enum Value {
        case text(String?), integer(Int64?), real(Double?)
    }

    private func statement(_ sql: String) throws -> OpaquePointer {
        if let cached = statements[sql] { return cached }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            throw BenchError(description: "floor: \(String(cString: sqlite3_errmsg(db))) in \(sql)")
        }
        statements[sql] = statement
        return statement
    }

    private func bind(_ statement: OpaquePointer, _ values: [Value]) {
        // SQLite copies each text (SQLITE_TRANSIENT), as a script's driver does.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            switch value {
            case .text(let text?): sqlite3_bind_text(statement, index, text, -1, transient)
            case .integer(let number?): sqlite3_bind_int64(statement, index, number)
            case .real(let number?): sqlite3_bind_double(statement, index, number)
            case .text(nil), .integer(nil), .real(nil): sqlite3_bind_null(statement, index)
            }
        }
    }

    private func step(_ statement: OpaquePointer) throws {
        defer { sqlite3_reset(statement) }
        guard sqlite3_step(statement) == SQLITE_DONE else {
            throw BenchError(description: "floor: \(String(cString: sqlite3_errmsg(db)))")
        }
    }

    private static func execute(_ sql: String, db: OpaquePointer) throws {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else {
            throw BenchError(description: "floor: \(String(cString: sqlite3_errmsg(db))) in \(sql)")
        }
    }
}
