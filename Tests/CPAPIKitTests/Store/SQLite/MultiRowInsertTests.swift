import Foundation
import GRDB
import Testing
@testable import CPAPIKit

/// `MultiRowInsert` writes many rows a statement: every row, in order, whatever the chunking.
@Suite struct MultiRowInsertTests {
    private func table() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE, v TEXT, n INTEGER)") }
        return queue
    }

    private func rows(_ range: ClosedRange<Int>, value: String = "v") -> [[DatabaseValue]] {
        range.map { ["k\($0)".databaseValue, "\(value)\($0)".databaseValue] }
    }

    @Test(arguments: [1, 2, 3, 64])
    func everyRowIsInsertedInOrder(rowsPerStatement: Int) throws {
        let queue = try table()
        let insert = MultiRowInsert("INSERT INTO t (k, v, n) VALUES", row: "(?, ?, 7)", rowsPerStatement: rowsPerStatement)
        try queue.write { db in try insert.execute(rows(1...5), db: db) }
        let stored = try queue.read { db in try Row.fetchAll(db, sql: "SELECT k, v, n FROM t ORDER BY id") }
        #expect(stored.map { $0[0] as String } == (1...5).map { "k\($0)" })
        #expect(stored.map { $0[1] as String } == (1...5).map { "v\($0)" })
        #expect(stored.allSatisfy { $0[2] as Int == 7 })
    }

    @Test func noRowsWriteNothing() throws {
        let queue = try table()
        try queue.write { db in try MultiRowInsert("INSERT INTO t (k, v) VALUES", row: "(?, ?)").execute([], db: db) }
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") } == 0)
    }

    @Test func aTailUpsertsAndAReturningListAnswersEveryRow() throws {
        let queue = try table()
        let upsert = MultiRowInsert(
            "INSERT INTO t (k, v) VALUES", row: "(?, ?)",
            tail: "ON CONFLICT (k) DO UPDATE SET v = excluded.v", rowsPerStatement: 2)
        let returning = MultiRowInsert("INSERT INTO t (k, v) VALUES", row: "(?, ?)", tail: "RETURNING id, k", rowsPerStatement: 2)
        let returned = try queue.write { db -> [Row] in
            try upsert.execute(rows(1...3), db: db)
            try upsert.execute(rows(2...3, value: "changed"), db: db)
            return try returning.fetch(rows(4...8), db: db)
        }
        #expect(Set(returned.map { $0[1] as String }) == Set((4...8).map { "k\($0)" }))
        #expect(Set(returned.map { $0[0] as Int64 }).count == 5)
        let values = try queue.read { db in try String.fetchAll(db, sql: "SELECT v FROM t ORDER BY k") }
        #expect(values == ["v1", "changed2", "changed3", "v4", "v5", "v6", "v7", "v8"])
    }

    @Test func aRefusedRowFailsItsStatement() throws {
        let queue = try table()
        let insert = MultiRowInsert("INSERT INTO t (k, v) VALUES", row: "(?, ?)", rowsPerStatement: 2)
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try insert.execute(rows(1...2) + rows(2...2), db: db) }
        }
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") } == 0, "the transaction rolled back")
    }
}
