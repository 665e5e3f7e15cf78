import Foundation
import GRDB
import WireJSON

/// Argument decoding shared by the function library's SQLite implementations (string, math, JSON,
/// array, hashing ... families), each family one `implementations` table merged into `SQLiteFunctions`.
enum Library {
    typealias Implementation = (arity: Int?, body: SQLiteFunctions.Body)

    static let implementations: [String: Implementation] = [
        MathLibrary.implementations, StringLibrary.implementations, JSONLibrary.implementations,
        ArrayLibrary.implementations, TimeLibrary.implementations, HashLibrary.implementations,
        NetLibrary.implementations, IntervalLibrary.implementations, TimeBuckets.implementations, JSONConversionLibrary.implementations,
        JSONMutationLibrary.implementations, NumericTextParsing.implementations, BytesBitwiseLibrary.implementations,
        TypeParameterConstraints.implementations, CastFormatFunctions.implementations, GeographyLibrary.implementations,
        EncryptionLibrary.implementations, RangeLibrary.implementations,
    ].reduce(into: [:]) { merged, family in merged.merge(family) { first, _ in first } }

    /// Null in, null out: the rule for almost every GoogleSQL function.
    static func strict(_ arity: Int?, _ body: @escaping @Sendable ([DatabaseValue]) throws -> DatabaseValue) -> Implementation {
        (
            arity,
            { arguments in
                if arguments.contains(where: \.isNull) { return .null }
                return try body(arguments)
            }
        )
    }

    static func error(_ message: String) -> GoogleSQLError { .invalidQuery(message) }

    static func int(_ value: DatabaseValue) throws(GoogleSQLError) -> Int64 {
        switch value.storage {
        case .int64(let number): return number
        case .double(let number):
            if let exact = Int64(exactly: number.rounded(.towardZero)) { return exact }
        case .string(let text):
            if let number = Int64(text) { return number }
        default: break
        }
        throw error("Expected an integer, got \(Casts.describeValue(value))")
    }

    /// A FLOAT64 (or INT64) in storage form; NaN is stored as its text.
    static func double(_ value: DatabaseValue) throws(GoogleSQLError) -> Double {
        guard let number = Casts.double(value) else { throw error("Expected a FLOAT64 value, got \(Casts.describeValue(value))") }
        return number
    }

    /// A FLOAT64 or INT64 element of an array's stored JSON (NaN and the infinities are stored as
    /// text); nil for NULL.
    static func double(element: JSONValue) -> Double? {
        switch element {
        case .int(let number): Double(number)
        case .double(let number): number
        case .numberText(let text), .string(let text): Casts.double(text.databaseValue)
        default: nil
        }
    }

    static func text(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .string(let text): text
        case .blob(let data): String(decoding: data, as: UTF8.self)
        default: Casts.describeValue(value)
        }
    }

    static func bytes(_ value: DatabaseValue) -> [UInt8] {
        if case .blob(let data) = value.storage { return Array(data) }
        return Array(text(value).utf8)
    }

    static func isBytes(_ value: DatabaseValue) -> Bool {
        if case .blob = value.storage { return true }
        return false
    }

    static func blob(_ bytes: [UInt8]) -> DatabaseValue { Data(bytes).databaseValue }
    static func bool(_ flag: Bool) -> DatabaseValue { (flag ? 1 : 0).databaseValue }
}
