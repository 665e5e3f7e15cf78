import Foundation
import GRDB
import GRDBSQLite
import WireJSON

/// IFERROR, ISERROR and NULLIFERROR: the tried expression runs as its own statement on the same
/// connection, so an evaluation error it raises (a function's error: ERROR, division by zero, an
/// array index out of range, a scalar subquery of more than one row) fails that statement alone
/// and is caught, while the query goes on. A system error (an interrupt, a full disk) is not caught.
/// The statement only reads, so nothing of a failed evaluation is left behind.
enum TryEvaluation {
    static let isErrorName = "gsql_is_error"
    static let valueName = "gsql_value_or_null"

    /// The connection the functions of one registration run their statements on.
    private struct Connection: @unchecked Sendable {
        let pointer: OpaquePointer?
    }

    static func register(in db: Database) throws {
        let connection = Connection(pointer: db.sqliteConnection)
        try ExactTextFunction.register(isErrorName, arity: 2, in: db) { arguments in
            (try evaluate(arguments, on: connection.pointer) == nil ? 1 : 0).databaseValue
        }
        try ExactTextFunction.register(valueName, arity: 2, in: db) { arguments in
            try evaluate(arguments, on: connection.pointer) ?? .null
        }
    }

    /// The tried expression's SQL (`SELECT ...`) and its bound values, as the planner passes them.
    static func encode(_ values: [DatabaseValue]) -> String {
        JSONValue.array(
            values.map { value in
                switch value.storage {
                case .null: .null
                case .int64(let number): .string("i\(number)")
                case .double(let number): .string("d\(number.bitPattern)")
                case .string(let text): .string("t" + text)
                case .blob(let data): .string("b" + data.base64EncodedString())
                }
            }
        ).encodedString()
    }

    private static func decode(_ text: String) throws(GoogleSQLError) -> [DatabaseValue] {
        guard case .array(let items)? = try? JSONValue(parsing: text) else { throw .invalidQuery("Invalid IFERROR arguments") }
        return items.map { item in
            guard case .string(let tagged) = item, let tag = tagged.first else { return .null }
            let rest = String(tagged.dropFirst())
            switch tag {
            case "i": return (Int64(rest) ?? 0).databaseValue
            case "d": return Double(bitPattern: UInt64(rest) ?? 0).databaseValue
            case "b": return (Data(base64Encoded: rest) ?? Data()).databaseValue
            default: return rest.databaseValue
            }
        }
    }

    /// The value (`.null` for NULL), or nil when its evaluation failed with an evaluation error.
    private static func evaluate(_ arguments: [DatabaseValue], on connection: OpaquePointer?) throws -> DatabaseValue? {
        guard case .string(let sql) = arguments[0].storage, case .string(let encoded) = arguments[1].storage else {
            throw GoogleSQLError.invalidQuery("Invalid IFERROR arguments")
        }
        let values = try decode(encoded)
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
            sqlite3_finalize(statement)
            throw GoogleSQLError.invalidQuery(
                "Unsupported: IFERROR, ISERROR or NULLIFERROR of an expression that reads a table's or a WITH query's columns is not supported by the local emulator"
            )
        }
        defer { sqlite3_finalize(statement) }
        for (index, value) in values.enumerated() { bind(value, at: Int32(index + 1), in: statement) }
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
