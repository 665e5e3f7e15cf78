import Foundation
import GRDB

/// The SQLite side of exact NUMERIC/BIGNUMERIC: scalar functions `gsql_numeric_arithmetic` ...
/// `gsql_bignumeric_round`, aggregates `gsql_numeric_sum` / `gsql_numeric_avg` (and BIGNUMERIC's), and
/// the `gsql_decimal` collation. Arguments may be canonical TEXT, INTEGER (an INT64 operand, exact) or
/// REAL; results are canonical TEXT, the storage form of these types.
enum DecimalFunctions {
    enum Operation: String, CaseIterable {
        case safeDivide = "safe_divide"
        case safeAdd = "safe_add"
        case safeSubtract = "safe_subtract"
        case safeMultiply = "safe_multiply"
        case negate
        case from
        case round
        /// ROUND(x, places, 'ROUND_HALF_EVEN'): ties go to the even neighbour.
        case roundHalfEven = "round_half_even"
        case trunc
        case floor
        case ceil
        case abs
        case sign
        case mod
        case pow
        case sqrt
        case exp
        case ln
        case log10
        case log
    }

    /// The operators of `gsql_numeric_arithmetic(a, op, b, op, c, ...)`, bound as INTEGER codes.
    enum ArithmeticOperator: Int64 {
        case add = 1
        case subtract
        case multiply
        case divide
    }

    /// One call evaluates a whole left-deep chain (`a + b - c * d` is `((a + b) - c) * d` in the tree, as
    /// written left to right): nested calls would overflow SQLite's parser stack after a few dozen terms.
    static func arithmeticName(_ kind: DecimalKind) -> String { "\(kind.functionPrefix)_arithmetic" }

    static func name(_ operation: Operation, _ kind: DecimalKind) -> String { "\(kind.functionPrefix)_\(operation.rawValue)" }

    /// The operation and kind of each scalar function's name, for `SAFE.` calls (`MathLibrary.safeCallName`).
    static let scalarFunctions: [String: (operation: Operation, kind: DecimalKind)] = Dictionary(
        uniqueKeysWithValues: DecimalKind.allCases.flatMap { kind in Operation.allCases.map { (name($0, kind), ($0, kind)) } })
    static func sumName(_ kind: DecimalKind) -> String { "\(kind.functionPrefix)_sum" }
    static func avgName(_ kind: DecimalKind) -> String { "\(kind.functionPrefix)_avg" }

    static func register(in db: Database) throws {
        db.add(
            collation: DatabaseCollation(DecimalOrdering.collationName) { a, b in
                switch DecimalOrdering.compare(a, b) {
                case ..<0: .orderedAscending
                case 0: .orderedSame
                default: .orderedDescending
                }
            })
        try ExactTextFunction.register(DecimalOrdering.sortKeyFunctionName, arity: 1, in: db) { arguments in
            let text: String
            switch arguments[0].storage {
            case .null: return DatabaseValue.null
            case .blob: return arguments[0]
            case .string(let value): text = value
            case .int64(let value): text = String(value)
            case .double(let value): text = (try? ExactDecimal(value, kind: .bignumeric).description) ?? String(value)
            }
            // Text that is no number (never stored) sorts after every number, by its bytes.
            return Data(DecimalOrdering.sortKey(text) ?? [0x04] + Array(text.utf8)).databaseValue
        }
        for kind in DecimalKind.allCases {
            try ExactTextFunction.register(arithmeticName(kind), arity: nil, in: db) { arguments in
                if arguments.contains(where: \.isNull) { return DatabaseValue.null }
                return try arithmetic(kind, arguments)
            }
            for operation in Operation.allCases {
                try ExactTextFunction.register(name(operation, kind), arity: arity(operation), in: db) { arguments in
                    if arguments.contains(where: \.isNull) { return DatabaseValue.null }
                    return try evaluate(operation, kind, arguments)
                }
            }
        }
        db.add(function: DatabaseFunction(sumName(.numeric), argumentCount: 1, pure: true, aggregate: DecimalSum<NumericTag>.self))
        db.add(function: DatabaseFunction(sumName(.bignumeric), argumentCount: 1, pure: true, aggregate: DecimalSum<BigNumericTag>.self))
        db.add(function: DatabaseFunction(avgName(.numeric), argumentCount: 1, pure: true, aggregate: DecimalAverage<NumericTag>.self))
        db.add(function: DatabaseFunction(avgName(.bignumeric), argumentCount: 1, pure: true, aggregate: DecimalAverage<BigNumericTag>.self))
    }

    /// Left to right, so overflow and division by zero report the pair BigQuery would (`a + b`).
    static func arithmetic(_ kind: DecimalKind, _ arguments: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        guard arguments.count >= 3, arguments.count % 2 == 1 else {
            throw GoogleSQLError.invalidQuery("\(arithmeticName(kind)) takes an operand, then operator and operand pairs")
        }
        var result = try decimal(arguments[0], kind)
        for index in stride(from: 1, to: arguments.count, by: 2) {
            let operand = try decimal(arguments[index + 1], kind)
            guard case .int64(let code) = arguments[index].storage, let op = ArithmeticOperator(rawValue: code) else {
                throw GoogleSQLError.invalidQuery("\(arithmeticName(kind)): unknown operator \(Casts.describeValue(arguments[index]))")
            }
            switch op {
            case .add: result = try result.adding(operand)
            case .subtract: result = try result.subtracting(operand)
            case .multiply: result = try result.multiplied(by: operand)
            case .divide: result = try result.divided(by: operand)
            }
        }
        return result.description.databaseValue
    }

    private static func arity(_ operation: Operation) -> Int {
        switch operation {
        case .safeDivide, .safeAdd, .safeSubtract, .safeMultiply, .round, .roundHalfEven, .trunc, .mod, .pow, .log: 2
        case .negate, .from, .floor, .ceil, .abs, .sign, .sqrt, .exp, .ln, .log10: 1
        }
    }

    /// One scalar operation on non-NULL arguments. Also used to fold constants at compile time.
    static func evaluate(_ operation: Operation, _ kind: DecimalKind, _ arguments: [DatabaseValue]) throws(GoogleSQLError) -> DatabaseValue {
        let a = try decimal(arguments[0], kind)
        let result: ExactDecimal
        switch operation {
        case .safeDivide:
            guard let quotient = try? a.divided(by: decimal(arguments[1], kind)) else { return .null }
            result = quotient
        case .safeAdd, .safeSubtract, .safeMultiply:
            let b = try decimal(arguments[1], kind)
            let computed =
                switch operation {
                case .safeAdd: try? a.adding(b)
                case .safeSubtract: try? a.subtracting(b)
                default: try? a.multiplied(by: b)
                }
            guard let computed else { return .null }
            result = computed
        case .negate: result = try a.negated()
        case .from: result = a
        case .round, .roundHalfEven, .trunc:
            guard case .int64(let places) = arguments[1].storage else {
                throw GoogleSQLError.invalidQuery("ROUND and TRUNC take an INT64 number of places")
            }
            result = try a.rounded(toPlaces: places, truncate: operation == .trunc, halfEven: operation == .roundHalfEven)
        case .floor, .ceil: result = try a.roundedToInteger(up: operation == .ceil)
        case .abs: result = try a.absoluteValue()
        case .sign: result = ExactDecimal(Int64(a.isZero ? 0 : a.isNegative ? -1 : 1), kind: kind)
        case .mod: result = try DecimalMath.mod(a, decimal(arguments[1], kind))
        case .pow: result = try DecimalMath.pow(a, decimal(arguments[1], kind))
        case .sqrt: result = try DecimalMath.sqrt(a)
        case .exp: result = try DecimalMath.exp(a)
        case .ln: result = try DecimalMath.ln(a)
        case .log10: result = try DecimalMath.ln(a, name: "LOG10")
        case .log: result = try DecimalMath.log(a, base: decimal(arguments[1], kind))
        }
        return result.description.databaseValue
    }

    /// A SQLite value as an exact decimal of `kind`.
    static func decimal(_ value: DatabaseValue, _ kind: DecimalKind) throws(GoogleSQLError) -> ExactDecimal {
        switch value.storage {
        case .int64(let integer): return ExactDecimal(integer, kind: kind)
        case .double(let number): return try ExactDecimal(number, kind: kind)
        case .string(let text):
            guard let parsed = ExactDecimal(parsing: text, kind: kind) else {
                throw GoogleSQLError.invalidQuery("Invalid \(kind.typeName) value: \(text)")
            }
            return parsed
        case .blob, .null:
            throw GoogleSQLError.invalidQuery("Invalid \(kind.typeName) value: \(Casts.describeValue(value))")
        }
    }
}

/// Fixes an aggregate's kind at the type level: GRDB creates aggregates with `init()`.
protocol DecimalKindTag: Sendable { static var kind: DecimalKind { get } }
enum NumericTag: DecimalKindTag { static let kind = DecimalKind.numeric }
enum BigNumericTag: DecimalKindTag { static let kind = DecimalKind.bignumeric }

/// An exact running total. Positive and negative parts are kept apart and unbounded, so an intermediate
/// sum past the type's range is fine as long as the total fits, as in BigQuery.
struct DecimalTotal {
    var positive = UnsignedMagnitude.zero
    var negative = UnsignedMagnitude.zero
    var count: UInt64 = 0

    mutating func add(_ value: DatabaseValue, _ kind: DecimalKind) throws(GoogleSQLError) {
        if value.isNull { return }
        let decimal = try DecimalFunctions.decimal(value, kind)
        if decimal.isNegative { negative = negative + decimal.units } else { positive = positive + decimal.units }
        count += 1
    }

    var signed: (negative: Bool, units: UnsignedMagnitude) {
        ExactDecimal.signedSum(false, positive, true, negative)
    }
}

/// SUM over NUMERIC or BIGNUMERIC: NULL for no rows, "numeric overflow: SUM" past the range.
struct DecimalSum<Tag: DecimalKindTag>: DatabaseAggregate {
    var total = DecimalTotal()

    mutating func step(_ dbValues: [DatabaseValue]) throws { try total.add(dbValues[0], Tag.kind) }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        guard total.count > 0 else { return nil }
        let (negative, units) = total.signed
        guard let sum = ExactDecimal(kind: Tag.kind, negative: negative, units: units) else {
            throw GoogleSQLError.invalidQuery("\(Tag.kind.overflowWord): SUM")
        }
        return sum.description
    }
}

/// AVG over NUMERIC or BIGNUMERIC: the exact mean rounded half away from zero to the type's scale.
struct DecimalAverage<Tag: DecimalKindTag>: DatabaseAggregate {
    var total = DecimalTotal()

    mutating func step(_ dbValues: [DatabaseValue]) throws { try total.add(dbValues[0], Tag.kind) }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        guard total.count > 0 else { return nil }
        let (negative, units) = total.signed
        let mean = ExactDecimal.roundedQuotient(units, UnsignedMagnitude(total.count))
        guard let average = ExactDecimal(kind: Tag.kind, negative: negative, units: mean) else {
            throw GoogleSQLError.invalidQuery("\(Tag.kind.overflowWord): AVG")
        }
        return average.description
    }
}
