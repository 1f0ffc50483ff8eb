import Foundation
import GRDB
import GRDBSQLite

extension Statement {
    /// Executes the statement with `values` bound to its `?` placeholders, in order.
    ///
    /// The values go to SQLite as they are, without `StatementArguments`' boxing of each value
    /// (docs/PERFORMANCE.md). The caller gives a value for every placeholder (one too many fails
    /// with SQLite's range error).
    ///
    /// Texts and blobs are copied once into one buffer and bound in place (`SQLITE_STATIC`) for the
    /// time of the step, where GRDB's own binding copies each string twice.
    func execute(binding values: [DatabaseValue]) throws {
        try withBinding(values) { try execute() }
    }

    /// Runs `body` (an execution or a fetch of this statement) with `values` bound to its `?`
    /// placeholders, in order, as `execute(binding:)` binds them; the bindings end with `body`.
    func withBinding<Values: Collection<DatabaseValue>, T>(_ values: Values, _ body: () throws -> T) throws -> T {
        // Resets the statement and clears GRDB's arguments and SQLite's bindings; `body` then
        // runs what is bound below (SQLite keeps bindings across a reset).
        setUncheckedArguments(StatementArguments())
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.reduce(1) { $0 + Self.byteCount($1) })
        for value in values {
            switch value.storage {
            case .string(let text): bytes.append(contentsOf: text.utf8)
            case .blob(let data): bytes.append(contentsOf: data)
            case .null, .int64, .double: break
            }
        }
        bytes.append(0)  // never empty: an empty text must be bound to a pointer, a nil one binds NULL
        return try bytes.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            var offset = 0
            defer { sqlite3_clear_bindings(sqliteStatement) }  // no binding outlives the buffer
            for (index, value) in zip(CInt(1)..., values) {
                let code: CInt
                switch value.storage {
                case .null:
                    code = sqlite3_bind_null(sqliteStatement, index)
                case .int64(let number):
                    code = sqlite3_bind_int64(sqliteStatement, index, number)
                case .double(let number):
                    code = sqlite3_bind_double(sqliteStatement, index, number)
                case .string(let text):
                    let count = text.utf8.count
                    code = (base + offset).withMemoryRebound(to: CChar.self, capacity: max(count, 1)) {
                        sqlite3_bind_text(sqliteStatement, index, $0, CInt(count), nil)  // nil: SQLITE_STATIC
                    }
                    offset += count
                case .blob(let data):
                    code = sqlite3_bind_blob(sqliteStatement, index, base + offset, CInt(data.count), nil)
                    offset += data.count
                }
                guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code), sql: sql) }
            }
            return try body()
        }
    }

    private static func byteCount(_ value: DatabaseValue) -> Int {
        switch value.storage {
        case .string(let text): return text.utf8.count
        case .blob(let data): return data.count
        case .null, .int64, .double: return 0
        }
    }
}
