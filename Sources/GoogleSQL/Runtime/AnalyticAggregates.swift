import Foundation
import GRDB

/// Aggregates that exist only as window functions (`WindowAggregate`): COUNT, SUM and AVG for
/// the DISTINCT forms SQLite cannot run over a window, the exact decimal SUM and AVG, and
/// PERCENTILE_CONT / PERCENTILE_DISC.
enum AnalyticAggregates {
    static let count = "gsql_count"
    static let sumInt64 = "gsql_sum_int64"
    static let sumFloat64 = "gsql_sum_float64"
    static let average = "gsql_avg"
    static let percentileCont = "gsql_percentile_cont"
    static let percentileDisc = "gsql_percentile_disc"
    static func percentileCont(_ kind: DecimalKind) -> String { "\(kind.functionPrefix)_percentile_cont" }

    static func register(in db: Database) throws {
        try WindowAggregate.register(count, arity: 1, in: db) { CountAggregate() }
        try WindowAggregate.register(sumInt64, arity: 1, in: db) { IntegerSumAggregate() }
        try WindowAggregate.register(sumFloat64, arity: 1, in: db) { FloatSumAggregate() }
        try WindowAggregate.register(average, arity: 1, in: db) { FloatAverageAggregate() }
        try WindowAggregate.register(DecimalFunctions.sumName(.numeric), arity: 1, in: db) { DecimalSum<NumericTag>() }
        try WindowAggregate.register(DecimalFunctions.sumName(.bignumeric), arity: 1, in: db) { DecimalSum<BigNumericTag>() }
        try WindowAggregate.register(DecimalFunctions.avgName(.numeric), arity: 1, in: db) { DecimalAverage<NumericTag>() }
        try WindowAggregate.register(DecimalFunctions.avgName(.bignumeric), arity: 1, in: db) { DecimalAverage<BigNumericTag>() }
        try WindowAggregate.register(percentileCont, arity: 3, in: db) { PercentileContinuous() }
        try WindowAggregate.register(percentileDisc, arity: 4, in: db) { PercentileDiscrete() }
        try WindowAggregate.register(percentileCont(.numeric), arity: 3, in: db) { DecimalPercentileContinuous<NumericTag>() }
        try WindowAggregate.register(percentileCont(.bignumeric), arity: 3, in: db) { DecimalPercentileContinuous<BigNumericTag>() }
    }
}

/// An aggregate a row can leave as it came (SQLite's xInverse), so `WindowAggregate` keeps one live
/// state for a running or sliding frame instead of recomputing the frame for each row.
protocol InvertibleAggregate: DatabaseAggregate {
    mutating func remove(_ arguments: [DatabaseValue]) throws
}

/// COUNT(x): the non-NULL values.
struct CountAggregate: InvertibleAggregate {
    var count: Int64 = 0
    mutating func step(_ arguments: [DatabaseValue]) throws { if !arguments[0].isNull { count += 1 } }
    mutating func remove(_ arguments: [DatabaseValue]) throws { if !arguments[0].isNull { count -= 1 } }
    func finalize() throws -> (any DatabaseValueConvertible)? { count }
}

/// SUM of INT64: NULL for no non-NULL value, an error when the sum is past INT64's range.
struct IntegerSumAggregate: InvertibleAggregate {
    var sum: Int128 = 0
    var count = 0
    mutating func step(_ arguments: [DatabaseValue]) throws {
        guard !arguments[0].isNull else { return }
        sum += Int128(try Library.int(arguments[0]))
        count += 1
    }
    mutating func remove(_ arguments: [DatabaseValue]) throws {
        guard !arguments[0].isNull else { return }
        sum -= Int128(try Library.int(arguments[0]))
        count -= 1
    }
    func finalize() throws -> (any DatabaseValueConvertible)? {
        guard count > 0 else { return nil }
        guard let result = Int64(exactly: sum) else { throw GoogleSQLError.invalidQuery("int64 overflow") }
        return result
    }
}

/// SUM of FLOAT64: IEEE sums, so a NaN or +inf with -inf gives NaN, as in GoogleSQL.
struct FloatSumAggregate: DatabaseAggregate {
    var sum: Double?
    mutating func step(_ arguments: [DatabaseValue]) throws {
        guard let value = try FloatSemantics.double(arguments[0]) else { return }
        sum = (sum ?? 0) + value
    }
    func finalize() throws -> (any DatabaseValueConvertible)? { sum.map(FloatSemantics.stored) }
}

/// AVG of INT64 or FLOAT64 as FLOAT64; integers are summed exactly first.
struct FloatAverageAggregate: DatabaseAggregate {
    var integers: Int128 = 0
    var floats = 0.0
    var count = 0
    mutating func step(_ arguments: [DatabaseValue]) throws {
        switch arguments[0].storage {
        case .null: return
        case .int64(let number): integers += Int128(number)
        default: floats += try FloatSemantics.double(arguments[0]) ?? 0
        }
        count += 1
    }
    func finalize() throws -> (any DatabaseValueConvertible)? {
        guard count > 0 else { return nil }
        return FloatSemantics.stored((Double(integers) + floats) / Double(count))
    }
}

/// The exact decimal SUM and AVG over a running or sliding frame: a leaving row's value joins the
/// opposite part of the total, which keeps the total exact.
extension DecimalTotal {
    mutating func remove(_ value: DatabaseValue, _ kind: DecimalKind) throws(GoogleSQLError) {
        if value.isNull { return }
        let decimal = try DecimalFunctions.decimal(value, kind)
        if decimal.isNegative { positive = positive + decimal.units } else { negative = negative + decimal.units }
        count -= 1
    }
}

extension DecimalSum: InvertibleAggregate {
    mutating func remove(_ arguments: [DatabaseValue]) throws { try total.remove(arguments[0], Tag.kind) }
}

extension DecimalAverage: InvertibleAggregate {
    mutating func remove(_ arguments: [DatabaseValue]) throws { try total.remove(arguments[0], Tag.kind) }
}
