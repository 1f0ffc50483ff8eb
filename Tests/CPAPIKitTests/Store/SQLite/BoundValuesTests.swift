import Foundation
import GRDB
import Testing
@testable import CPAPIKit

/// `Statement.execute(binding:)` binds texts and blobs in place: each value must arrive as it was given.
@Suite struct BoundValuesTests {
    @Test func everyKindOfValueIsStoredAsGiven() throws {
        let queue = try DatabaseQueue()
        let rows: [[DatabaseValue]] = [
            ["".databaseValue, 0.databaseValue, DatabaseValue.null, Data().databaseValue],
            ["Crédit «Karma» — 5 $ 🎯".databaseValue, Int64.max.databaseValue, 24.5.databaseValue, Data([0, 1, 2, 255]).databaseValue],
            [
                String(repeating: "long text ", count: 2000).databaseValue, (-1).databaseValue, "after a long one".databaseValue,
                DatabaseValue.null
            ]
        ]
        let stored = try queue.write { db -> [Row] in
            try db.execute(sql: "CREATE TABLE t (a, b, c, d)")
            let insert = try db.cachedStatement(sql: "INSERT INTO t (a, b, c, d) VALUES (?, ?, ?, ?)")
            for row in rows { try insert.execute(binding: row) }
            return try Row.fetchAll(db, sql: "SELECT a, b, c, d FROM t ORDER BY rowid")
        }
        #expect(stored.count == rows.count)
        for (row, values) in zip(stored, rows) {
            for column in 0..<4 {
                #expect(row[column] as DatabaseValue == values[column], "column \(column)")
            }
        }
        // An empty text stays a text, not NULL; an empty blob stays an empty blob.
        #expect(try queue.read { db in try String.fetchOne(db, sql: "SELECT typeof(a) || typeof(d) FROM t WHERE rowid = 1") } == "textblob")
    }

    @Test func aValueSQLiteRefusesFailsWithTheStatement() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a)")
            let insert = try db.cachedStatement(sql: "INSERT INTO t (a) VALUES (?)")
            // One value too many: SQLite's range error, and nothing inserted.
            #expect(throws: DatabaseError.self) { try insert.execute(binding: ["x".databaseValue, "y".databaseValue]) }
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") == 0)
            // The statement stays usable.
            try insert.execute(binding: ["z".databaseValue])
            #expect(try String.fetchAll(db, sql: "SELECT a FROM t") == ["z"])
        }
    }
}
