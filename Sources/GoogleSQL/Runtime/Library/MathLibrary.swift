import Foundation
import GRDB
import WireJSON

/// FLOAT64/INT64 math beyond SQLite's own: ROUND and TRUNC to N places, SAFE_* arithmetic, the
/// transcendental functions with GoogleSQL's domain errors, and `SAFE.` calls.
enum MathLibrary {
    /// `(function name, arguments...)`: the named function, with its errors turned into NULL.
    static let safeCallName = "gsql_safe_call"

    private static func finite(_ result: Double, _ function: String, _ inputs: [Double]) throws(GoogleSQLError) -> DatabaseValue {
        if result.isInfinite, inputs.allSatisfy(\.isFinite) { throw Library.error("Floating point overflow in function \(function)") }
        return FloatSemantics.stored(result)
    }

    private static func unary(_ function: String, _ body: @escaping @Sendable (Double) throws(GoogleSQLError) -> Double) -> Library.Implementation {
        Library.strict(1) { a in
            let x = try Library.double(a[0])
            return try finite(body(x), function, [x])
        }
    }

    /// `1 / f(x)` for an `f` that is 0 at 0 (COT, COTH, CSC, CSCH): a zero argument is a division
    /// by zero, an error (NULL under SAFE.).
    private static func reciprocalOfZeroAtZero(_ function: String, _ f: @escaping @Sendable (Double) -> Double) -> Library.Implementation {
        unary(function) { x throws(GoogleSQLError) in
            guard x != 0 else { throw divisionByZero(function, x) }
            return 1 / f(x)
        }
    }

    private static func domain(_ function: String, _ x: Double) -> GoogleSQLError {
        Library.error("Argument to \(function) is out of range: \(x)")
    }

    private static func divisionByZero(_ function: String, _ x: Double) -> GoogleSQLError {
        Library.error("Division by zero: \(function)(\(x))")
    }

    /// RANGE_BUCKET(point, boundaries): the count of boundaries at most the point. A NULL or NaN
    /// point gives NULL; a NULL boundary or boundaries out of ascending order are errors.
    private static func rangeBucket(_ a: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        if a[0].isNull || a[1].isNull { return .null }
        let point = try Library.double(a[0])
        guard case .array(let items) = try? JSONValue(parsing: Library.text(a[1])) else { throw Library.error("Expected an array value") }
        var boundaries: [Double] = []
        for item in items {
            guard let boundary = Library.double(element: item) else { throw Library.error("Elements in the array of RANGE_BUCKET cannot be NULL") }
            if let last = boundaries.last, boundary < last || boundary.isNaN {
                throw Library.error("Elements in the array of RANGE_BUCKET must be in ascending order")
            }
            boundaries.append(boundary)
        }
        if point.isNaN { return .null }
        return boundaries.count(where: { $0 <= point }).databaseValue
    }

    /// SAFE_ADD / SAFE_SUBTRACT / SAFE_MULTIPLY: (a, b, operator, is INT64) with overflow as NULL.
    private static func safeArithmetic(_ a: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        let op = Library.text(a[2])
        if try Library.int(a[3]) == 1 {
            let (x, y) = (try Library.int(a[0]), try Library.int(a[1]))
            let result =
                op == "+" ? x.addingReportingOverflow(y) : op == "-" ? x.subtractingReportingOverflow(y) : x.multipliedReportingOverflow(by: y)
            return result.overflow ? .null : result.partialValue.databaseValue
        }
        let (x, y) = (try Library.double(a[0]), try Library.double(a[1]))
        let result = op == "+" ? x + y : op == "-" ? x - y : x * y
        if result.isInfinite, x.isFinite, y.isFinite { return .null }
        return FloatSemantics.stored(result)
    }

    static let implementations: [String: Library.Implementation] = [
        // TABLESAMPLE's percentage when it is not a literal: checked once the query runs, as a
        // literal is when it is planned (a NaN would otherwise keep no row at all).
        "gsql_tablesample_percent": (
            1,
            { a in
                guard let percent = Casts.double(a[0]), percent >= 0, percent <= 100 else {
                    throw Library.error("TABLESAMPLE percentage must be between 0 and 100")
                }
                return percent.databaseValue
            }
        ),
        // (x [, digits]) rounded half away from zero; a FLOAT64 result.
        "gsql_round": Library.strict(nil) { a in
            let digits = a.count > 1 ? try Library.int(a[1]) : 0
            return FloatSemantics.stored(try FloatRounding.round(Library.double(a[0]), digits: digits, mode: .halfAwayFromZero))
        },
        "gsql_trunc": Library.strict(nil) { a in
            let digits = a.count > 1 ? try Library.int(a[1]) : 0
            return FloatSemantics.stored(try FloatRounding.round(Library.double(a[0]), digits: digits, mode: .towardZero))
        },
        safeCallName: (
            nil,
            { a in
                let name = Library.text(a[0])
                let arguments = Array(a.dropFirst())
                if let decimal = DecimalFunctions.scalarFunctions[name] {
                    if arguments.contains(where: \.isNull) { return .null }
                    return (try? DecimalFunctions.evaluate(decimal.operation, decimal.kind, arguments)) ?? .null
                }
                guard let function = SQLiteFunctions.implementations[name] else { return .null }
                return (try? function.body(arguments)) ?? .null
            }
        ),
        "gsql_safe_arithmetic": Library.strict(4) { a in try safeArithmetic(a) },
        "gsql_safe_negate": Library.strict(1) { a in
            if case .int64(let x) = a[0].storage { return x == .min ? .null : (-x).databaseValue }
            return FloatSemantics.stored(-(try Library.double(a[0])))
        },
        "gsql_sqrt": unary("SQRT") { x throws(GoogleSQLError) in
            guard x >= 0 || x.isNaN else { throw domain("SQRT", x) }
            return x.squareRoot()
        },
        "gsql_cbrt": unary("CBRT") { x in Foundation.cbrt(x) },
        "gsql_exp": unary("EXP") { x in Foundation.exp(x) },
        "gsql_ln": unary("LN") { x throws(GoogleSQLError) in
            guard x > 0 || x.isNaN else { throw domain("LN", x) }
            return Foundation.log(x)
        },
        "gsql_log10": unary("LOG10") { x throws(GoogleSQLError) in
            guard x > 0 || x.isNaN else { throw domain("LOG10", x) }
            return Foundation.log10(x)
        },
        "gsql_log": Library.strict(2) { a in
            let (x, base) = (try Library.double(a[0]), try Library.double(a[1]))
            guard x > 0 || x.isNaN, (base > 0 && base != 1) || base.isNaN else { throw domain("LOG", x) }
            return FloatSemantics.stored(Foundation.log(x) / Foundation.log(base))
        },
        "gsql_pow": Library.strict(2) { a in
            let (x, y) = (try Library.double(a[0]), try Library.double(a[1]))
            if x == 0, y < 0 { throw Library.error("Division by zero: POW(\(x), \(y))") }
            if x < 0, y.isFinite, y.rounded() != y { throw domain("POW", x) }
            return try finite(Foundation.pow(x, y), "POW", [x, y])
        },
        "gsql_sign": Library.strict(1) { a in
            if case .int64(let x) = a[0].storage { return x.signum().databaseValue }
            let x = try Library.double(a[0])
            return FloatSemantics.stored(x.isNaN ? x : x > 0 ? 1 : x < 0 ? -1 : 0)
        },
        "gsql_sin": unary("SIN") { x in Foundation.sin(x) },
        "gsql_cos": unary("COS") { x in Foundation.cos(x) },
        "gsql_tan": unary("TAN") { x in Foundation.tan(x) },
        // A finite argument outside the domain is an error; an infinite one gives NaN (the reference's tables).
        "gsql_asin": unary("ASIN") { x throws(GoogleSQLError) in
            guard abs(x) <= 1 || !x.isFinite else { throw domain("ASIN", x) }
            return Foundation.asin(x)
        },
        "gsql_acos": unary("ACOS") { x throws(GoogleSQLError) in
            guard abs(x) <= 1 || !x.isFinite else { throw domain("ACOS", x) }
            return Foundation.acos(x)
        },
        "gsql_acosh": unary("ACOSH") { x throws(GoogleSQLError) in
            guard x >= 1 || !x.isFinite else { throw domain("ACOSH", x) }
            return Foundation.acosh(x)
        },
        "gsql_asinh": unary("ASINH") { x in Foundation.asinh(x) },
        // ATANH(±1) is infinite from a finite argument, which `unary` reports as an overflow error.
        "gsql_atanh": unary("ATANH") { x throws(GoogleSQLError) in
            guard abs(x) <= 1 || !x.isFinite else { throw domain("ATANH", x) }
            return Foundation.atanh(x)
        },
        "gsql_atan": unary("ATAN") { x in Foundation.atan(x) },
        "gsql_atan2": Library.strict(2) { a in FloatSemantics.stored(Foundation.atan2(try Library.double(a[0]), try Library.double(a[1]))) },
        "gsql_sinh": unary("SINH") { x in Foundation.sinh(x) },
        "gsql_cosh": unary("COSH") { x in Foundation.cosh(x) },
        "gsql_tanh": unary("TANH") { x in Foundation.tanh(x) },
        "gsql_cot": reciprocalOfZeroAtZero("COT") { x in Foundation.tan(x) },
        "gsql_coth": reciprocalOfZeroAtZero("COTH") { x in Foundation.tanh(x) },
        "gsql_csc": reciprocalOfZeroAtZero("CSC") { x in Foundation.sin(x) },
        "gsql_csch": reciprocalOfZeroAtZero("CSCH") { x in Foundation.sinh(x) },
        "gsql_sec": unary("SEC") { x in 1 / Foundation.cos(x) },
        "gsql_sech": unary("SECH") { x in 1 / Foundation.cosh(x) },
        // (SQLite random()): a uniform FLOAT64 in [0, 1) from its top 53 bits.
        "gsql_rand": Library.strict(1) { a in
            let bits = UInt64(bitPattern: try Library.int(a[0])) >> 11
            return (Double(bits) / 9_007_199_254_740_992).databaseValue
        },
        // ERROR(message): fails the query with the message as given (a NULL message fails too).
        "gsql_error": (1, { a in throw Library.error(a[0].isNull ? "NULL" : Library.text(a[0])) }),
        "gsql_range_bucket": (2, { a in try rangeBucket(a) }),
        // (vector, vector, 1 if both are sparse)
        "gsql_cosine_distance": Library.strict(3) { a in try VectorDistance.cosine(a[0], a[1], sparse: Library.int(a[2]) == 1).databaseValue },
        "gsql_euclidean_distance": Library.strict(3) { a in
            try VectorDistance.euclidean(a[0], a[1], sparse: Library.int(a[2]) == 1).databaseValue
        },
        // Bitwise operators on INT64 (BYTES operands are not supported).
        "gsql_bit_and": Library.strict(2) { a in (try Library.int(a[0]) & Library.int(a[1])).databaseValue },
        "gsql_bit_or": Library.strict(2) { a in (try Library.int(a[0]) | Library.int(a[1])).databaseValue },
        "gsql_bit_xor": Library.strict(2) { a in (try Library.int(a[0]) ^ Library.int(a[1])).databaseValue },
        "gsql_bit_not": Library.strict(1) { a in (~(try Library.int(a[0]))).databaseValue },
        // GoogleSQL shifts: a negative count is an error; 64 or more gives 0; `>>` is logical.
        "gsql_shift_left": Library.strict(2) { a in
            let (x, n) = (try Library.int(a[0]), try Library.int(a[1]))
            guard n >= 0 else { throw Library.error("Bitwise shift by negative count: \(n)") }
            return (n >= 64 ? 0 : Int64(bitPattern: UInt64(bitPattern: x) << UInt64(n))).databaseValue
        },
        "gsql_shift_right": Library.strict(2) { a in
            let (x, n) = (try Library.int(a[0]), try Library.int(a[1]))
            guard n >= 0 else { throw Library.error("Bitwise shift by negative count: \(n)") }
            return (n >= 64 ? 0 : Int64(bitPattern: UInt64(bitPattern: x) >> UInt64(n))).databaseValue
        },
        "gsql_bit_count": Library.strict(1) { a in
            if case .blob(let data) = a[0].storage { return data.reduce(0) { $0 + $1.nonzeroBitCount }.databaseValue }
            return (try Library.int(a[0])).nonzeroBitCount.databaseValue
        },
    ]
}
