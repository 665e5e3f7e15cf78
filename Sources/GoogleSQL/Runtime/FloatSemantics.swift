import Foundation
import GRDB

/// FLOAT64 with GoogleSQL's NaN rules on SQLite, which cannot hold a NaN REAL (it becomes NULL): NaN
/// is stored as the TEXT 'NaN' (see `SQLiteStorage`), and SQLite itself would take that text for 0 in
/// arithmetic and for a value above every number in comparisons and sorting. So the translator sends
/// FLOAT64 comparisons, arithmetic and sort keys through these functions:
/// - every comparison with NaN is FALSE, except `!=`, which is TRUE (NULL stays NULL);
/// - arithmetic with a NaN operand, or whose IEEE result is NaN (`inf - inf`), is NaN;
/// - in ORDER BY, NaN comes after NULL and before -inf, and all NaNs sort equal.
enum FloatSemantics {
    static let sortKeyFunctionName = "gsql_float_sort_key"
    static let arithmeticFunctionName = "gsql_float_arithmetic"
    static let negateFunctionName = "gsql_float_negate"

    static func comparisonFunctionName(_ op: BinaryOperator) -> String? {
        switch op {
        case .equal: "gsql_float_eq"
        case .notEqual: "gsql_float_ne"
        case .less: "gsql_float_lt"
        case .lessOrEqual: "gsql_float_le"
        case .greater: "gsql_float_gt"
        case .greaterOrEqual: "gsql_float_ge"
        default: nil
        }
    }

    /// A stored FLOAT64 (or an INT64 beside one) as a double; nil for NULL.
    static func double(_ value: DatabaseValue) throws -> Double? {
        switch value.storage {
        case .null: return nil
        case .int64(let number): return Double(number)
        case .double(let number): return number
        case .string(let text):
            if let number = Double(text) { return number }
        case .blob: break
        }
        throw GoogleSQLError.invalidQuery("Expected a FLOAT64 value, got \(Casts.describeValue(value))")
    }

    /// A result in storage form: NaN as its text.
    static func stored(_ number: Double) -> DatabaseValue {
        number.isNaN ? "NaN".databaseValue : number.databaseValue
    }

    static func compare(_ op: BinaryOperator, _ arguments: [DatabaseValue]) throws -> DatabaseValue {
        guard let a = try double(arguments[0]), let b = try double(arguments[1]) else { return .null }
        // Swift's operators are IEEE's: false with a NaN, except `!=`.
        let result: Bool =
            switch op {
            case .equal: a == b
            case .notEqual: a != b
            case .less: a < b
            case .lessOrEqual: a <= b
            case .greater: a > b
            default: a >= b
            }
        return (result ? 1 : 0).databaseValue
    }

    static let inListFunctionName = "gsql_float_in"
    /// Elements per `gsql_float_in` call, within SQLite's limit on a function's arguments.
    static let inListChunk = 100

    /// `(value, e1, e2, ...)`: `value IN (e1, e2, ...)` with IEEE equality, so NaN is in no list; NULL
    /// when nothing matched and an element (or the value) is NULL, as for SQL's IN.
    static func inList(_ arguments: [DatabaseValue]) throws -> DatabaseValue {
        guard let value = try double(arguments[0]) else { return .null }
        var sawNull = false
        for element in arguments.dropFirst() {
            guard let number = try double(element) else {
                sawNull = true
                continue
            }
            if number == value { return 1.databaseValue }
        }
        return sawNull ? .null : 0.databaseValue
    }

    /// `(a, '+', b, '*', c, ...)`: a left-deep chain of `+ - *` evaluated left to right, so a long chain
    /// is one call rather than calls nested deeper than SQLite's parser allows.
    static func arithmetic(_ arguments: [DatabaseValue]) throws -> DatabaseValue {
        guard var result = try double(arguments[0]) else { return .null }
        var index = 1
        while index + 1 < arguments.count {
            guard let operand = try double(arguments[index + 1]) else { return .null }
            switch String.fromDatabaseValue(arguments[index]) {
            case "+": result += operand
            case "-": result -= operand
            default: result *= operand
            }
            index += 2
        }
        return stored(result)
    }

    static func negate(_ value: DatabaseValue) throws -> DatabaseValue {
        guard let number = try double(value) else { return .null }
        return stored(-number)
    }

    /// Bytes that sort as GoogleSQL orders FLOAT64 (NULL stays NULL, which SQLite sorts first):
    /// NaN (all NaNs alike), then -inf up to +inf, with -0 and 0 equal.
    static func sortKey(_ value: DatabaseValue) throws -> DatabaseValue {
        guard let number = try double(value) else { return .null }
        if number.isNaN { return Data([0]).databaseValue }
        let bits = (number == 0 ? 0 : number).bitPattern
        // Negative numbers: all bits flipped (larger magnitude sorts first); others: the sign bit set.
        let ordered = bits >> 63 == 1 ? ~bits : bits | (1 << 63)
        return Data([1] + withUnsafeBytes(of: ordered.bigEndian) { Array($0) }).databaseValue
    }

    static func isNaN(_ value: DatabaseValue) throws -> DatabaseValue {
        guard let number = try double(value) else { return .null }
        return (number.isNaN ? 1 : 0).databaseValue
    }

    static func isInfinite(_ value: DatabaseValue) throws -> DatabaseValue {
        guard let number = try double(value) else { return .null }
        return (number.isInfinite ? 1 : 0).databaseValue
    }

    static let embeddedFunctionName = "gsql_float_embedded"

    /// A FLOAT64 on its way into an array or struct (stored as JSON): a non-finite value as its text,
    /// as `SQLiteStorage` stores one, since SQLite's JSON writes an infinite REAL as `Inf`, which is no
    /// JSON (every later read failed with "malformed JSON") and a NaN as null.
    static func embedded(_ value: DatabaseValue) throws -> DatabaseValue {
        guard let number = try double(value) else { return .null }
        if number.isNaN { return "NaN".databaseValue }
        if number.isInfinite { return (number < 0 ? "-inf" : "inf").databaseValue }
        return value
    }

    static let implementations: [String: (arity: Int?, body: SQLiteFunctions.Body)] = {
        var functions: [String: (arity: Int?, body: SQLiteFunctions.Body)] = [
            sortKeyFunctionName: (1, { try sortKey($0[0]) }),
            embeddedFunctionName: (1, { try embedded($0[0]) }),
            arithmeticFunctionName: (nil, { try arithmetic($0) }),
            negateFunctionName: (1, { try negate($0[0]) }),
            inListFunctionName: (nil, { try inList($0) }),
            "gsql_is_nan": (1, { try isNaN($0[0]) }),
            "gsql_is_inf": (1, { try isInfinite($0[0]) }),
        ]
        for op in [BinaryOperator.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual] {
            if let name = comparisonFunctionName(op) { functions[name] = (2, { try compare(op, $0) }) }
        }
        return functions
    }()
}
