import Foundation
import GRDB
import GRDBSQLite

/// Registers a scalar SQL function that reads its TEXT arguments and returns its TEXT result with
/// explicit byte lengths, so a NUL inside a string is an ordinary character. GRDB's `DatabaseFunction`
/// reads and returns text as C strings, which ends a string at its first NUL.
enum ExactTextFunction {
    typealias Body = @Sendable ([DatabaseValue]) throws -> DatabaseValue

    /// The function's body, kept alive by SQLite until the function is replaced or the connection closes.
    private final class Box {
        let body: Body
        init(_ body: @escaping Body) { self.body = body }
    }

    /// SQLite copies the result text before the call returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// `arity` nil takes any number of arguments. Deterministic, like nearly every function the translator
    /// emits, unless told otherwise: SQLite may compute a deterministic call of constants once per statement.
    static func register(_ name: String, arity: Int?, deterministic: Bool = true, in db: Database, _ body: @escaping Body) throws {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        let code = sqlite3_create_function_v2(
            db.sqliteConnection, name, Int32(arity ?? -1), SQLITE_UTF8 | (deterministic ? SQLITE_DETERMINISTIC : 0), box,
            { context, count, values in
                let box = Unmanaged<Box>.fromOpaque(sqlite3_user_data(context)).takeUnretainedValue()
                let arguments = (0..<Int(count)).map { ExactTextFunction.value(values?[$0]) }
                do {
                    ExactTextFunction.setResult(try box.body(arguments), on: context)
                } catch let error as DatabaseError {
                    sqlite3_result_error(context, error.message ?? "\(error)", -1)
                    sqlite3_result_error_code(context, error.extendedResultCode.rawValue)
                } catch {
                    sqlite3_result_error(context, "\(error)", -1)
                }
            }, nil, nil,
            { box in
                if let box { Unmanaged<Box>.fromOpaque(box).release() }
            })
        guard code == SQLITE_OK else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot register SQL function \(name)")
        }
    }

    static func value(_ value: OpaquePointer?) -> DatabaseValue {
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: return sqlite3_value_int64(value).databaseValue
        case SQLITE_FLOAT: return sqlite3_value_double(value).databaseValue
        case SQLITE_TEXT:
            // The text first, then its length in bytes (the order SQLite's documentation asks for).
            guard let text = sqlite3_value_text(value) else { return "".databaseValue }
            let count = Int(sqlite3_value_bytes(value))
            return String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self).databaseValue
        case SQLITE_BLOB:
            let bytes = sqlite3_value_blob(value)
            let count = Int(sqlite3_value_bytes(value))
            guard let bytes, count > 0 else { return Data().databaseValue }
            return Data(bytes: bytes, count: count).databaseValue
        default: return .null
        }
    }

    static func setResult(_ result: DatabaseValue, on context: OpaquePointer?) {
        switch result.storage {
        case .null: sqlite3_result_null(context)
        case .int64(let number): sqlite3_result_int64(context, number)
        // SQLite would turn a NaN REAL into NULL; FLOAT64's NaN is stored as its text (see `SQLiteStorage`).
        case .double(let number) where number.isNaN: setResult("NaN".databaseValue, on: context)
        case .double(let number): sqlite3_result_double(context, number)
        case .string(var text):
            text.withUTF8 { bytes in
                // An empty buffer may have no address; SQLite needs one for an empty (not NULL) text.
                guard let start = bytes.baseAddress else { return sqlite3_result_text(context, "", 0, transient) }
                sqlite3_result_text64(
                    context, UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self), UInt64(bytes.count), transient, UInt8(SQLITE_UTF8))
            }
        case .blob(let data):
            data.withUnsafeBytes { bytes in
                guard let start = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_result_zeroblob(context, 0) }
                sqlite3_result_blob64(context, start, UInt64(bytes.count), transient)
            }
        }
    }
}
