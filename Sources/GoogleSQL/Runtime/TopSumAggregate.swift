import Foundation
import GRDB
import WireJSON

/// `gsql_approx_top_sum(value, sort key, weight, number, weight kind)`: exact sums of the weights
/// per value, the greatest first (ties by value), as ARRAY<STRUCT<value, sum>> storage. A value
/// whose weights are all NULL sums to NULL and ranks last; a negative or NaN weight is an error,
/// as BigQuery's. The sum has the weight's type: INT64 (0), FLOAT64 (1), NUMERIC (2), BIGNUMERIC (3).
struct TopSumAggregate: DatabaseAggregate {
    enum Sum {
        case none
        case integer(Int64)
        case float(Double)
        case decimal(ExactDecimal)
    }

    var sums: [DatabaseValue: (value: DatabaseValue, sum: Sum)] = [:]
    var number: Int64 = 0

    mutating func step(_ arguments: [DatabaseValue]) throws {
        number = Int64.fromDatabaseValue(arguments[3]) ?? 0
        guard number > 0 else { throw GoogleSQLError.invalidQuery("APPROX_TOP_SUM requires a positive number of elements") }
        let key = arguments[1]
        let current = sums[key]?.sum ?? .none
        let weight = arguments[2]
        guard !weight.isNull else {
            sums[key] = (arguments[0], current)
            return
        }
        sums[key] = (arguments[0], try Self.add(weight, to: current, kind: Int64.fromDatabaseValue(arguments[4]) ?? 0))
    }

    private static func add(_ weight: DatabaseValue, to sum: Sum, kind: Int64) throws(GoogleSQLError) -> Sum {
        switch kind {
        case 0:
            let value = try Library.int(weight)
            guard value >= 0 else { throw negative(String(value)) }
            guard case .integer(let total) = sum else { return .integer(value) }
            let (result, overflow) = total.addingReportingOverflow(value)
            if overflow { throw GoogleSQLError.invalidQuery("int64 overflow: \(total) + \(value)") }
            return .integer(result)
        case 1:
            let value = try Library.double(weight)
            guard value >= 0, !value.isNaN else { throw negative(String(value)) }
            guard case .float(let total) = sum else { return .float(value) }
            return .float(total + value)
        default:
            let text = Library.text(weight)
            guard let value = ExactDecimal(parsing: text, kind: kind == 2 ? .numeric : .bignumeric) else {
                throw GoogleSQLError.invalidQuery("Invalid weight for APPROX_TOP_SUM: \(text)")
            }
            guard !value.isNegative else { throw negative(text) }
            guard case .decimal(let total) = sum else { return .decimal(value) }
            return .decimal(try total.adding(value))
        }
    }

    private static func negative(_ weight: String) -> GoogleSQLError {
        .invalidQuery("APPROX_TOP_SUM requires weights that are not negative or NaN, got \(weight)")
    }

    /// Greater first; NULL (no weight) below every number.
    private static func order(_ a: Sum, _ b: Sum) -> Int {
        switch (a, b) {
        case (.none, .none): 0
        case (.none, _): -1
        case (_, .none): 1
        case (.integer(let x), .integer(let y)): x < y ? -1 : x > y ? 1 : 0
        case (.float(let x), .float(let y)): x < y ? -1 : x > y ? 1 : 0
        case (.decimal(let x), .decimal(let y)): ExactDecimal.compare(x, y)
        default: 0
        }
    }

    private static func json(_ sum: Sum) -> JSONValue {
        switch sum {
        case .none: .null
        case .integer(let value): .int(value)
        case .float(let value): LibraryAggregates.element(value.databaseValue)
        case .decimal(let value): .string(value.description)
        }
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        if sums.isEmpty { return nil }
        let top = sums.sorted { left, right in
            let order = Self.order(left.value.sum, right.value.sum)
            return order != 0 ? order > 0 : LibraryAggregates.compare(left.key, right.key) < 0
        }.prefix(Int(clamping: number))
        return JSONValue.array(
            top.map { .object(JSONObject([("value", LibraryAggregates.element($0.value.value)), ("sum", Self.json($0.value.sum))])) }
        ).encodedString()
    }
}
