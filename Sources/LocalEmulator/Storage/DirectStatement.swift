import Foundation
import GRDB
import GRDBSQLite

/// One of GRDB's cached statements driven through SQLite's C API, for the per-row and per-message
/// statements of insertAll, publish, pull and acknowledge. In `perf`, building `StatementArguments`
/// from existentials and copying every fetched `Row` cost a fifth to a quarter of the server's time
/// on those routes.
///
/// Only for plain DML inside a GRDB write, and for reads: GRDB's transaction bookkeeping is not
/// involved. The SQL texts used here are not run through GRDB's own API, so its view of their
/// bindings never goes stale.
///
/// Text goes in and comes out with its byte length, never as a C string: GRDB binds a `String`
/// with length -1 and reads one with `String(cString:)`, both of which stop at the first NUL, and
/// BigQuery strings may hold NULs (`"ab\u0000cd"`).
struct DirectStatement {
    private let handle: OpaquePointer
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(_ db: Database, _ sql: String) throws {
        self.init(try db.cachedStatement(sql: sql))
    }

    init(_ statement: Statement) {
        handle = statement.sqliteStatement
        sqlite3_reset(handle)
    }

    func bind(_ index: Int32, _ value: Int64) throws {
        try check(sqlite3_bind_int64(handle, index, value))
    }

    func bind(_ index: Int32, _ value: String?) throws {
        guard var value else { return try check(sqlite3_bind_null(handle, index)) }
        try value.withUTF8 { bytes in
            try bytes.withMemoryRebound(to: CChar.self) { text in
                // SQLite stores NULL when given a null pointer, so "" needs a real one.
                guard let start = text.baseAddress else { return try check(sqlite3_bind_text(handle, index, "", 0, nil)) }
                try check(sqlite3_bind_text(handle, index, start, Int32(text.count), Self.transient))
            }
        }
    }

    func bind(_ index: Int32, _ value: DatabaseValue) throws {
        switch value.storage {
        case .null: try check(sqlite3_bind_null(handle, index))
        case .int64(let number): try bind(index, number)
        case .double(let number): try check(sqlite3_bind_double(handle, index, number))
        case .string(let text): try bind(index, text)
        case .blob(let data):
            try check(data.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), Self.transient) })
        }
    }

    /// Binds `values` to parameters 1, 2, ... and runs the statement, which returns no rows.
    ///
    /// Text and blobs are first gathered in `arena` and bound in place (`SQLITE_STATIC`), instead of
    /// SQLite freeing and allocating a copy of each per bind. The pointers live only while the arena
    /// is held, so the statement runs and drops them inside.
    func run(binding values: [DatabaseValue], arena: inout [UInt8]) throws {
        arena.removeAll(keepingCapacity: true)
        for value in values {
            switch value.storage {
            case .string(let text): arena.append(contentsOf: text.utf8)
            case .blob(let data): arena.append(contentsOf: data)
            default: break
            }
        }
        try arena.withUnsafeBufferPointer { gathered in
            defer { sqlite3_clear_bindings(handle) }
            // Empty text needs a non-null pointer, or SQLite stores NULL.
            let base = gathered.baseAddress ?? UnsafePointer(bitPattern: 1)!
            var offset = 0
            for (position, value) in values.enumerated() {
                let index = Int32(position + 1)
                switch value.storage {
                case .string(let text):
                    let count = text.utf8.count
                    try check(
                        UnsafeRawPointer(base + offset).withMemoryRebound(to: CChar.self, capacity: count) {
                            sqlite3_bind_text(handle, index, $0, Int32(count), nil)
                        })
                    offset += count
                case .blob(let data):
                    try check(sqlite3_bind_blob(handle, index, base + offset, Int32(data.count), nil))
                    offset += data.count
                default:
                    try bind(index, value)
                }
            }
            try run()
        }
    }

    /// Binds `values` to parameters 1, 2, ..., each text with its byte length.
    func bind(_ values: [DatabaseValue]) throws {
        for (position, value) in values.enumerated() { try bind(Int32(position + 1), value) }
    }

    var columnCount: Int32 { sqlite3_column_count(handle) }

    /// The current row's value in `column`, text read by its byte length (NULs included).
    func value(_ column: Int32) -> DatabaseValue {
        switch sqlite3_column_type(handle, column) {
        case SQLITE_INTEGER: return sqlite3_column_int64(handle, column).databaseValue
        case SQLITE_FLOAT: return sqlite3_column_double(handle, column).databaseValue
        case SQLITE_TEXT: return (text(column) ?? "").databaseValue
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(handle, column))
            guard let bytes = sqlite3_column_blob(handle, column), count > 0 else { return Data().databaseValue }
            return Data(bytes: bytes, count: count).databaseValue
        default: return .null
        }
    }

    /// Every row a query returns, its values read exactly (see `value(_:)`).
    static func fetchAll(_ db: Database, sql: String, arguments: [DatabaseValue]) throws -> [[DatabaseValue]] {
        let statement = try DirectStatement(db, sql)
        defer { statement.reset() }
        try statement.bind(arguments)
        var rows: [[DatabaseValue]] = []
        let columns = statement.columnCount
        while try statement.step() { rows.append((0..<columns).map(statement.value)) }
        return rows
    }

    /// True while a row is available; false once done. Any error resets the statement and throws.
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        case let code:
            let error = failure(code)
            sqlite3_reset(handle)
            throw error
        }
    }

    /// Runs a statement that returns no rows, and resets it for the next use.
    func run() throws {
        while try step() {}
        sqlite3_reset(handle)
    }

    func reset() { sqlite3_reset(handle) }

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite3_column_text(handle, column) else { return nil }
        return String(decoding: UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw failure(code) }
    }

    private func failure(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
    }
}
