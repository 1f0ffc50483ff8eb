import GRDB

/// One `INSERT` for many rows: `INSERT … VALUES (…), (…), …`, up to `rowsPerStatement` rows a
/// statement. SQLite opens its cursors, and GRDB checks and resets the statement, once per statement
/// instead of once per row: the store's 100k-row batches (offers, events, new placements) spend
/// their time on the rows themselves.
struct MultiRowInsert: Sendable {
    /// Up to `VALUES`, e.g. `INSERT INTO t (a, b, c) VALUES`.
    let head: String
    /// One row, e.g. `(?, ?, 0, ?)`: a `?` for each bound value.
    let row: String
    /// What follows the rows: an `ON CONFLICT` clause, a `RETURNING` list.
    let tail: String
    let rowsPerStatement: Int
    /// The text of a statement of `rowsPerStatement` rows, made once.
    private let fullSQL: String

    /// 64 rows of an offer's 24 values bind 1,536 values a statement: well under SQLite's 32,766.
    init(_ head: String, row: String, tail: String = "", rowsPerStatement: Int = 64) {
        self.head = head; self.row = row; self.tail = tail; self.rowsPerStatement = max(1, rowsPerStatement)
        fullSQL = Self.sql(head, row, tail, rows: self.rowsPerStatement)
    }

    /// Inserts `rows`, each the values of one `row`, in order.
    func execute(_ rows: [[DatabaseValue]], db: Database) throws {
        try forEachStatement(rows, db: db) { statement, chunk in
            try statement.withBinding(chunk.joined()) { try statement.execute() }
        }
    }

    /// Inserts `rows` and answers what the `RETURNING` tail returns for them. SQLite returns the rows
    /// in no promised order: the tail must return what tells them apart.
    func fetch(_ rows: [[DatabaseValue]], db: Database) throws -> [Row] {
        var fetched: [Row] = []
        fetched.reserveCapacity(rows.count)
        try forEachStatement(rows, db: db) { statement, chunk in
            fetched += try statement.withBinding(chunk.joined()) { try Row.fetchAll(statement) }
        }
        return fetched
    }

    private func forEachStatement(
        _ rows: [[DatabaseValue]], db: Database,
        _ body: (Statement, ArraySlice<[DatabaseValue]>) throws -> Void
    ) throws {
        for start in stride(from: 0, to: rows.count, by: rowsPerStatement) {
            let chunk = rows[start..<min(start + rowsPerStatement, rows.count)]
            // Cached by its text: every full chunk shares one statement, the last one its own.
            let sql = chunk.count == rowsPerStatement ? fullSQL : Self.sql(head, row, tail, rows: chunk.count)
            try body(try db.cachedStatement(sql: sql), chunk)
        }
    }

    private static func sql(_ head: String, _ row: String, _ tail: String, rows: Int) -> String {
        head + " " + repeatElement(row, count: rows).joined(separator: ", ") + (tail.isEmpty ? "" : " " + tail)
    }
}
