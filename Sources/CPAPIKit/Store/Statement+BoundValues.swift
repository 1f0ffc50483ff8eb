import GRDB

extension Statement {
    /// Executes the statement with `values` bound to its `?` placeholders, in order.
    ///
    /// The values go to SQLite as they are: `StatementArguments` takes `any DatabaseValueConvertible`s
    /// (or maps `DatabaseValue`s through a key path, unspecialised), which cost more than the insert
    /// itself for the store's 100k-row batches. The caller gives a value for every placeholder
    /// (one too many fails with SQLite's range error).
    func execute(binding values: [DatabaseValue]) throws {
        // Resets the statement and clears GRDB's arguments and SQLite's bindings; `execute()` then
        // runs what is bound below (SQLite keeps bindings across a reset).
        setUncheckedArguments(StatementArguments())
        for (index, value) in zip(CInt(1)..., values) {
            let code = value.bind(to: sqliteStatement, at: index)
            guard code == ResultCode.SQLITE_OK.rawValue else { throw DatabaseError(resultCode: ResultCode(rawValue: code), sql: sql) }
        }
        try execute()
    }
}
