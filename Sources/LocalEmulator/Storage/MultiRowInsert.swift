import GRDB
import GRDBSQLite

/// Rows inserted several to a statement. SQLite opens the table and its indexes, and closes them,
/// once per statement, which costs about as much as inserting a narrow row; so insertAll and
/// publish collect rows and insert them a chunk at a time, the remainder in one statement of its
/// own size. Values are bound through `DirectStatement`'s arena, so SQLite copies no text.
struct MultiRowInsert {
    private let db: Database
    private let head: String
    private let tuple: String
    private let columnCount: Int
    /// At most the caller's figure, and fewer for tables so wide that SQLite's limit on bound
    /// values comes first (Debian's SQLite allows 250,000, upstream's 32,766).
    let rowsPerStatement: Int
    private var values: [DatabaseValue] = []
    private var arena: [UInt8] = []

    /// `table` and `columns` are quoted identifiers.
    init(_ db: Database, into table: String, columns: [String], rowsPerStatement: Int) {
        self.db = db
        head = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
        tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        columnCount = columns.count
        let valueLimit = Int(sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_VARIABLE_NUMBER, -1))
        self.rowsPerStatement = max(1, min(rowsPerStatement, valueLimit / max(columns.count, 1)))
        values.reserveCapacity(columnCount * self.rowsPerStatement)
    }

    /// One value of the row being added, in column order; `endRow()` completes the row.
    mutating func append(_ value: DatabaseValue) { values.append(value) }

    mutating func endRow() throws {
        precondition(values.count % columnCount == 0, "a row needs a value for each of its \(columnCount) columns")
        if values.count == columnCount * rowsPerStatement { try flush() }
    }

    /// Inserts the rows still held; call once after the last row.
    mutating func flush() throws {
        guard !values.isEmpty else { return }
        let rows = values.count / columnCount
        let statement = try DirectStatement(db, head + Array(repeating: tuple, count: rows).joined(separator: ", "))
        try statement.run(binding: values, arena: &arena)
        values.removeAll(keepingCapacity: true)
    }
}
