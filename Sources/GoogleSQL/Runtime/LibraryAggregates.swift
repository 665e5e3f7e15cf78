import Foundation
import GRDB
import WireJSON

/// Aggregate functions of the library, registered on every connection: ARRAY_AGG and STRING_AGG
/// with their ORDER BY / LIMIT / IGNORE NULLS modifiers (SQLite 3.40 has no ORDER BY inside an
/// aggregate), the statistical aggregates, BIT_AND/OR/XOR and APPROX_QUANTILES.
enum LibraryAggregates {
    static let anyValueHavingMax = "gsql_any_value_having_max"
    static let anyValueHavingMin = "gsql_any_value_having_min"

    static func register(in db: Database) throws {
        try ExactTextAggregate.register("gsql_array_agg", arity: nil, in: db) { ArrayAggregate() }
        try ExactTextAggregate.register("gsql_string_agg", arity: nil, in: db) { StringAggregate() }
        try ExactTextAggregate.register("gsql_array_concat_agg", arity: nil, in: db) { ArrayConcatAggregate() }
        try ExactTextAggregate.register("gsql_approx_top_count", arity: 3, in: db) { TopCountAggregate() }
        try ExactTextAggregate.register("gsql_approx_top_sum", arity: 5, in: db) { TopSumAggregate() }
        try ExactTextAggregate.register("gsql_approx_quantiles", arity: 5, in: db) { QuantilesAggregate() }
        try ExactTextAggregate.register("gsql_var_samp", arity: 1, in: db) { MomentsAggregate<VarianceSample>() }
        try ExactTextAggregate.register("gsql_var_pop", arity: 1, in: db) { MomentsAggregate<VariancePopulation>() }
        try ExactTextAggregate.register("gsql_stddev_samp", arity: 1, in: db) { MomentsAggregate<StddevSample>() }
        try ExactTextAggregate.register("gsql_stddev_pop", arity: 1, in: db) { MomentsAggregate<StddevPopulation>() }
        try ExactTextAggregate.register("gsql_corr", arity: 2, in: db) { MomentsAggregate<Correlation>() }
        try ExactTextAggregate.register("gsql_covar_pop", arity: 2, in: db) { MomentsAggregate<CovariancePopulation>() }
        try ExactTextAggregate.register("gsql_covar_samp", arity: 2, in: db) { MomentsAggregate<CovarianceSample>() }
        try ExactTextAggregate.register("gsql_max_by", arity: 2, in: db) { ExtremeByAggregate(greatest: true) }
        try ExactTextAggregate.register("gsql_min_by", arity: 2, in: db) { ExtremeByAggregate(greatest: false) }
        try ExactTextAggregate.register(anyValueHavingMax, arity: 2, in: db) { ExtremeByAggregate(greatest: true, skipsNullValues: true) }
        try ExactTextAggregate.register(anyValueHavingMin, arity: 2, in: db) { ExtremeByAggregate(greatest: false, skipsNullValues: true) }
        try ExactTextAggregate.register("gsql_bit_and_agg", arity: 1, in: db) { BitAggregate<BitAnd>() }
        try ExactTextAggregate.register("gsql_bit_or_agg", arity: 1, in: db) { BitAggregate<BitOr>() }
        try ExactTextAggregate.register("gsql_bit_xor_agg", arity: 1, in: db) { BitAggregate<BitXor>() }
        try ExactTextAggregate.register("gsql_hll_init", arity: 3, in: db) { HLLInitAggregate() }
        try ExactTextAggregate.register("gsql_hll_merge", arity: 1, in: db) { HLLMergeAggregate(partial: false) }
        try ExactTextAggregate.register("gsql_hll_merge_partial", arity: 1, in: db) { HLLMergeAggregate(partial: true) }
        try GeographyAggregates.register(in: db)
        try AnalyticAggregates.register(in: db)
    }

    /// SQLite's order of values, which the sort keys the translator passes follow: NULL, numbers,
    /// text (by bytes, which is code point order), blobs.
    static func compare(_ a: DatabaseValue, _ b: DatabaseValue) -> Int {
        func rank(_ value: DatabaseValue) -> Int {
            switch value.storage {
            case .null: 0
            case .int64, .double: 1
            case .string: 2
            case .blob: 3
            }
        }
        let (ra, rb) = (rank(a), rank(b))
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (a.storage, b.storage) {
        case (.int64(let x), .int64(let y)): return x == y ? 0 : x < y ? -1 : 1
        case (.int64, _), (.double, _):
            let (x, y) = (Casts.double(a) ?? 0, Casts.double(b) ?? 0)
            return x == y ? 0 : x < y ? -1 : 1
        case (.string(let x), .string(let y)): return x.utf8.lexicographicallyPrecedes(y.utf8) ? -1 : (x == y ? 0 : 1)
        case (.blob(let x), .blob(let y)): return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
        default: return 0
        }
    }

    /// A stored value as an element of an array's JSON storage.
    static func element(_ value: DatabaseValue) -> JSONValue {
        switch value.storage {
        case .null: .null
        case .int64(let number): .int(number)
        case .double(let number): number.isFinite ? .double(number) : .string(number.description)
        case .string(let text): .string(text)
        case .blob(let data): .string(data.base64EncodedString())
        }
    }
}

/// Values with their ORDER BY keys, sorted stably; the shared part of ARRAY_AGG and STRING_AGG.
struct OrderedValues {
    var rows: [(value: DatabaseValue, keys: [DatabaseValue])] = []
    var descending: [Bool] = []

    mutating func add(_ value: DatabaseValue, keys: [DatabaseValue]) { rows.append((value, keys)) }

    func sorted(distinct: Bool, limit: Int64?) -> [DatabaseValue] {
        var ordered = rows.enumerated().sorted { left, right in
            for (index, descending) in descending.enumerated() {
                let order = LibraryAggregates.compare(left.element.keys[index], right.element.keys[index])
                if order != 0 { return descending ? order > 0 : order < 0 }
            }
            return left.offset < right.offset
        }.map(\.element.value)
        if distinct {
            var seen = Set<DatabaseValue>()
            ordered = ordered.filter { seen.insert($0).inserted }
        }
        if let limit, limit >= 0, limit < ordered.count { ordered = Array(ordered.prefix(Int(limit))) }
        return ordered
    }
}

/// `gsql_array_agg(value, ignore nulls, distinct, limit (-1: none), descending flags..., keys...)`:
/// the keys and flags pair up, so the argument count fixes how many ORDER BY terms there are.
struct ArrayAggregate: DatabaseAggregate {
    var values = OrderedValues()
    var ignoreNulls = false
    var distinct = false
    var limit: Int64 = -1

    mutating func step(_ arguments: [DatabaseValue]) throws {
        ignoreNulls = Int64.fromDatabaseValue(arguments[1]) == 1
        distinct = Int64.fromDatabaseValue(arguments[2]) == 1
        limit = Int64.fromDatabaseValue(arguments[3]) ?? -1
        let terms = (arguments.count - 4) / 2
        values.descending = arguments[4..<(4 + terms)].map { Int64.fromDatabaseValue($0) == 1 }
        if arguments[0].isNull {
            if ignoreNulls { return }
            throw GoogleSQLError.invalidQuery("Array cannot have a null element; error in writing field")
        }
        values.add(arguments[0], keys: Array(arguments[(4 + terms)...]))
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        if values.rows.isEmpty { return nil }
        let ordered = values.sorted(distinct: distinct, limit: limit >= 0 ? limit : nil)
        return JSONValue.array(ordered.map(LibraryAggregates.element)).encodedString()
    }
}

/// `gsql_string_agg(value, separator, distinct, limit, descending flags..., keys...)`; NULL values are
/// skipped; BYTES values join into BYTES.
struct StringAggregate: DatabaseAggregate {
    var values = OrderedValues()
    var separator = DatabaseValue.null
    var distinct = false
    var limit: Int64 = -1

    mutating func step(_ arguments: [DatabaseValue]) throws {
        separator = arguments[1]
        distinct = Int64.fromDatabaseValue(arguments[2]) == 1
        limit = Int64.fromDatabaseValue(arguments[3]) ?? -1
        let terms = (arguments.count - 4) / 2
        values.descending = arguments[4..<(4 + terms)].map { Int64.fromDatabaseValue($0) == 1 }
        if arguments[0].isNull { return }
        values.add(arguments[0], keys: Array(arguments[(4 + terms)...]))
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        if values.rows.isEmpty { return nil }
        let parts = values.sorted(distinct: distinct, limit: limit >= 0 ? limit : nil)
        if case .blob = parts.first?.storage {
            let glue = Library.bytes(separator)
            var out: [UInt8] = []
            for (index, part) in parts.enumerated() {
                if index > 0 { out += glue }
                out += Library.bytes(part)
            }
            return Data(out)
        }
        return parts.map(Library.text).joined(separator: separator.isNull ? "," : Library.text(separator))
    }
}

/// `gsql_approx_quantiles(value, sort key, number, respect nulls, distinct)`: exact quantiles, the
/// i-th of n being the element at rank floor(i × (count − 1) / n) of the sorted input.
struct QuantilesAggregate: DatabaseAggregate {
    var rows: [(value: DatabaseValue, key: DatabaseValue)] = []
    var number: Int64 = 0
    var distinct = false

    mutating func step(_ arguments: [DatabaseValue]) throws {
        number = Int64.fromDatabaseValue(arguments[2]) ?? 0
        guard number > 0, number <= 100_000 else {
            throw GoogleSQLError.invalidQuery("APPROX_QUANTILES requires a number of quantiles between 1 and 100000")
        }
        distinct = Int64.fromDatabaseValue(arguments[4]) == 1
        if arguments[0].isNull && Int64.fromDatabaseValue(arguments[3]) != 1 { return }
        rows.append((arguments[0], arguments[1]))
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        if rows.isEmpty || rows.allSatisfy({ $0.value.isNull }) { return nil }
        var sorted = rows.sorted { LibraryAggregates.compare($0.key, $1.key) < 0 }
        if distinct {
            var unique: [(value: DatabaseValue, key: DatabaseValue)] = []
            for row in sorted where unique.last.map({ LibraryAggregates.compare($0.key, row.key) != 0 }) ?? true { unique.append(row) }
            sorted = unique
        }
        let count = Int64(sorted.count)
        let quantiles = (0...number).map { index in sorted[Int(index * (count - 1) / number)].value }
        return JSONValue.array(quantiles.map(LibraryAggregates.element)).encodedString()
    }
}

/// Which statistic a `MomentsAggregate` answers, from its running count, means and co-moments.
protocol MomentStatistic {
    static var arguments: Int { get }
    static func result(_ m: Moments) -> Double?
}

struct Moments {
    var count = 0.0
    var meanY = 0.0
    var meanX = 0.0
    var m2Y = 0.0
    var m2X = 0.0
    var coMoment = 0.0
}

enum VarianceSample: MomentStatistic {
    static let arguments = 1
    static func result(_ m: Moments) -> Double? { m.count < 2 ? nil : m.m2Y / (m.count - 1) }
}

enum VariancePopulation: MomentStatistic {
    static let arguments = 1
    static func result(_ m: Moments) -> Double? { m.count < 1 ? nil : m.m2Y / m.count }
}

enum StddevSample: MomentStatistic {
    static let arguments = 1
    static func result(_ m: Moments) -> Double? { VarianceSample.result(m).map { $0.squareRoot() } }
}

enum StddevPopulation: MomentStatistic {
    static let arguments = 1
    static func result(_ m: Moments) -> Double? { VariancePopulation.result(m).map { $0.squareRoot() } }
}

enum Correlation: MomentStatistic {
    static let arguments = 2
    static func result(_ m: Moments) -> Double? { m.count < 2 ? nil : m.coMoment / (m.m2X * m.m2Y).squareRoot() }
}

enum CovariancePopulation: MomentStatistic {
    static let arguments = 2
    static func result(_ m: Moments) -> Double? { m.count < 1 ? nil : m.coMoment / m.count }
}

enum CovarianceSample: MomentStatistic {
    static let arguments = 2
    static func result(_ m: Moments) -> Double? { m.count < 2 ? nil : m.coMoment / (m.count - 1) }
}

/// Welford's running moments; rows with a NULL argument are skipped. (Y, X) order as CORR(y, x).
struct MomentsAggregate<Statistic: MomentStatistic>: DatabaseAggregate {
    var moments = Moments()

    mutating func step(_ arguments: [DatabaseValue]) throws {
        if arguments.contains(where: \.isNull) { return }
        let y = try Library.double(arguments[0])
        let x = Statistic.arguments == 2 ? try Library.double(arguments[1]) : 0
        moments.count += 1
        let deltaY = y - moments.meanY
        let deltaX = x - moments.meanX
        moments.meanY += deltaY / moments.count
        moments.meanX += deltaX / moments.count
        moments.m2Y += deltaY * (y - moments.meanY)
        moments.m2X += deltaX * (x - moments.meanX)
        moments.coMoment += deltaY * (x - moments.meanX)
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        guard let result = Statistic.result(moments) else { return nil }
        return FloatSemantics.stored(result)
    }
}

protocol BitOperation {
    static func combine(_ a: Int64, _ b: Int64) -> Int64
}

enum BitAnd: BitOperation { static func combine(_ a: Int64, _ b: Int64) -> Int64 { a & b } }
enum BitOr: BitOperation { static func combine(_ a: Int64, _ b: Int64) -> Int64 { a | b } }
enum BitXor: BitOperation { static func combine(_ a: Int64, _ b: Int64) -> Int64 { a ^ b } }

/// BIT_AND / BIT_OR / BIT_XOR over INT64; NULLs skipped, NULL for no input.
struct BitAggregate<Operation: BitOperation>: DatabaseAggregate {
    var result: Int64?

    mutating func step(_ arguments: [DatabaseValue]) throws {
        guard !arguments[0].isNull else { return }
        let value = try Library.int(arguments[0])
        result = result.map { Operation.combine($0, value) } ?? value
    }

    func finalize() throws -> (any DatabaseValueConvertible)? { result }
}

/// `gsql_array_concat_agg(array, limit (-1: none), descending flags..., keys...)`: the arrays in
/// ORDER BY order (LIMIT counts arrays), concatenated; NULL arrays are skipped.
struct ArrayConcatAggregate: DatabaseAggregate {
    var values = OrderedValues()
    var limit: Int64 = -1

    mutating func step(_ arguments: [DatabaseValue]) throws {
        limit = Int64.fromDatabaseValue(arguments[1]) ?? -1
        let terms = (arguments.count - 2) / 2
        values.descending = arguments[2..<(2 + terms)].map { Int64.fromDatabaseValue($0) == 1 }
        if arguments[0].isNull { return }
        values.add(arguments[0], keys: Array(arguments[(2 + terms)...]))
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        if values.rows.isEmpty { return nil }
        var elements: [JSONValue] = []
        for array in values.sorted(distinct: false, limit: limit >= 0 ? limit : nil) {
            guard case .array(let items) = try? JSONValue(parsing: Library.text(array)) else { continue }
            elements += items
        }
        return JSONValue.array(elements).encodedString()
    }
}

/// `gsql_approx_top_count(value, sort key, number)`: exact counts, the most frequent first (ties by
/// value), as ARRAY<STRUCT<value, count>> storage; NULL is counted like any value.
struct TopCountAggregate: DatabaseAggregate {
    var counts: [DatabaseValue: (value: DatabaseValue, count: Int64)] = [:]
    var number: Int64 = 0

    mutating func step(_ arguments: [DatabaseValue]) throws {
        number = Int64.fromDatabaseValue(arguments[2]) ?? 0
        guard number > 0 else { throw GoogleSQLError.invalidQuery("APPROX_TOP_COUNT requires a positive number of elements") }
        counts[arguments[1], default: (arguments[0], 0)].count += 1
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        if counts.isEmpty { return nil }
        let top = counts.sorted { left, right in
            left.value.count != right.value.count ? left.value.count > right.value.count : LibraryAggregates.compare(left.key, right.key) < 0
        }.prefix(Int(clamping: number))
        return JSONValue.array(
            top.map { .object(JSONObject([("value", LibraryAggregates.element($0.value.value)), ("count", .int($0.value.count))])) }
        ).encodedString()
    }
}

/// `gsql_max_by(value, key)` / `gsql_min_by`: the value of the first row with the greatest (least)
/// key; rows with a NULL key are skipped, and no such row gives NULL. For ANY_VALUE(x HAVING MAX y)
/// (`skipsNullValues`) a NULL value gives way to a non-NULL one of a row with the same key.
struct ExtremeByAggregate: DatabaseAggregate {
    var greatest = true
    var skipsNullValues = false
    var best: (value: DatabaseValue, key: DatabaseValue)?

    init() {}
    init(greatest: Bool, skipsNullValues: Bool = false) {
        self.greatest = greatest
        self.skipsNullValues = skipsNullValues
    }

    mutating func step(_ arguments: [DatabaseValue]) throws {
        let key = arguments[1]
        if key.isNull { return }
        if let best {
            let order = LibraryAggregates.compare(key, best.key)
            let replacesNull = skipsNullValues && order == 0 && best.value.isNull && !arguments[0].isNull
            guard (greatest ? order > 0 : order < 0) || replacesNull else { return }
        }
        best = (arguments[0], key)
    }

    func finalize() throws -> (any DatabaseValueConvertible)? { best?.value }
}
