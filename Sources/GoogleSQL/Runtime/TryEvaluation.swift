import Foundation
import GRDB
import GRDBSQLite
import Synchronization

/// IFERROR, ISERROR and NULLIFERROR: the tried expression runs as its own statement on the same
/// connection, so an evaluation error it raises (a function's error: ERROR, division by zero, an
/// array index out of range, a scalar subquery of more than one row) fails that statement alone
/// and is caught, while the query goes on. A system error (an interrupt, a full disk) is not caught.
/// The statement only reads, so nothing of a failed evaluation is left behind.
///
/// Each call runs its statement once: IFERROR is `COALESCE(gsql_value_or_null(tried),
/// CASE WHEN gsql_tried_failed() THEN fallback END)`, which reads whether the value it just got was
/// an error instead of trying again. The functions are not deterministic, so SQLite runs them on
/// every row rather than once per statement: `IFERROR(RAND(), 0)` draws per row.
enum TryEvaluation {
    static let isErrorName = "gsql_is_error"
    static let valueName = "gsql_value_or_null"
    static let failedName = "gsql_tried_failed"

    /// The connection the functions of one registration run their statements on.
    private struct Connection: @unchecked Sendable {
        let pointer: OpaquePointer?
    }

    /// Whether the connection's last `gsql_value_or_null` caught an error. SQLite runs one
    /// connection's functions one at a time, and a nested IFERROR's value is read before its
    /// enclosing statement finishes, so one flag per connection is enough.
    private final class LastOutcome: Sendable {
        let failed = Mutex(false)
    }

    static func register(in db: Database) throws {
        let connection = Connection(pointer: db.sqliteConnection)
        let outcome = LastOutcome()
        try ExactTextFunction.register(isErrorName, arity: 1, deterministic: false, in: db) { arguments in
            (try evaluate(arguments, on: connection.pointer) == nil ? 1 : 0).databaseValue
        }
        try ExactTextFunction.register(valueName, arity: 1, deterministic: false, in: db) { arguments in
            let value = try evaluate(arguments, on: connection.pointer)
            outcome.failed.withLock { $0 = value == nil }
            return value ?? .null
        }
        try ExactTextFunction.register(failedName, arity: 0, deterministic: false, in: db) { _ in
            (outcome.failed.withLock { $0 } ? 1 : 0).databaseValue
        }
    }

    /// The value (`.null` for NULL), or nil when its evaluation failed with an evaluation error.
    private static func evaluate(_ arguments: [DatabaseValue], on connection: OpaquePointer?) throws -> DatabaseValue? {
        guard case .blob(let encoded) = arguments[0].storage, let tried = TriedStatement(decoding: encoded) else {
            throw GoogleSQLError.invalidQuery("Invalid IFERROR arguments")
        }
        let sql = tried.sql
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw GoogleSQLError.invalidQuery(
                "Unsupported: IFERROR, ISERROR or NULLIFERROR of an expression that reads a table's or a WITH query's columns is not supported by the local emulator"
            )
        }
        defer { sqlite3_finalize(statement) }
        for (index, value) in tried.arguments.enumerated() { bind(value, at: Int32(index + 1), in: statement) }
        let code = sqlite3_step(statement)
        switch code {
        case SQLITE_ROW: return ExactTextFunction.value(sqlite3_column_value(statement, 0))
        case SQLITE_DONE: return .null
        case SQLITE_ERROR: return nil
        default:
            let message = String(cString: sqlite3_errmsg(connection))
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message)
        }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private static func bind(_ value: DatabaseValue, at index: Int32, in statement: OpaquePointer) {
        switch value.storage {
        case .null: sqlite3_bind_null(statement, index)
        case .int64(let number): sqlite3_bind_int64(statement, index, number)
        case .double(let number): sqlite3_bind_double(statement, index, number)
        case .string(var text):
            text.withUTF8 { bytes in
                // An empty buffer may have no address; SQLite needs one for an empty (not NULL) text.
                guard let start = bytes.baseAddress else {
                    sqlite3_bind_text(statement, index, "", 0, transient)
                    return
                }
                sqlite3_bind_text64(
                    statement, index, UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self), UInt64(bytes.count), transient,
                    UInt8(SQLITE_UTF8))
            }
        case .blob(let data):
            data.withUnsafeBytes { bytes in
                if let start = bytes.baseAddress, !bytes.isEmpty {
                    sqlite3_bind_blob64(statement, index, start, UInt64(bytes.count), transient)
                } else {
                    sqlite3_bind_zeroblob(statement, index, 0)
                }
            }
        }
    }
}
