import GRDB
import WarehouseSchema

/// Finds the partition window a WHERE clause guarantees, for `TableScan`, for requirePartitionFilter,
/// and to add sargable range predicates on the stored partition column.
struct PartitionAnalysis {
    /// Inclusive bounds in microseconds (a DATE column's day d counts as d × 86,400,000,000).
    var lower: Int64?
    var upper: Int64?
    /// Whether some conjunct (or a decorator) restricts the partition column.
    var isFiltered = false

    /// The stored column holding partition values, and how it stores them.
    struct Target {
        var column: String
        var storage: FieldType
    }

    static func target(of table: CatalogTable) -> Target? {
        if let range = table.rangePartitioning {
            guard let field = table.schema.field(named: range.column), field.type == .integer else { return nil }
            return Target(column: field.name, storage: .integer)
        }
        guard let spec = table.partitioning else { return nil }
        guard let name = spec.column else { return Target(column: SQLiteStorage.partitionTimeColumn, storage: .timestamp) }
        guard let field = table.schema.field(named: name), [.timestamp, .date, .datetime].contains(field.type) else { return nil }
        return Target(column: field.name, storage: field.type)
    }

    private enum Reference {
        /// The column itself, compared in its stored unit.
        case column
        /// DATE(column) or _PARTITIONDATE: days compared against a micros column.
        case dateOf
        /// DATE(column) in a time zone (its argument, or the default one): that zone's days.
        case dateIn(TimeZoneRule)
    }

    mutating func narrow(lower newLower: Int64?, upper newUpper: Int64?) {
        isFiltered = true
        if let newLower { lower = max(lower ?? .min, newLower) }
        if let newUpper { upper = min(upper ?? .max, newUpper) }
    }

    static func analyze(_ whereClause: TypedExpression?, target: Target) -> PartitionAnalysis {
        var analysis = PartitionAnalysis()
        guard let whereClause else { return analysis }
        for conjunct in conjuncts(of: whereClause) {
            switch conjunct.node {
            case .binary(let op, let left, let right) where op.isComparison && op != .notEqual:
                if let reference = reference(left, target), let value = constant(right) {
                    analysis.apply(op, value, reference, target)
                } else if let reference = reference(right, target), let value = constant(left) {
                    analysis.apply(op.mirrored, value, reference, target)
                }
            case .between(let value, let low, let high, negated: false):
                if let reference = reference(value, target), let a = constant(low), let b = constant(high) {
                    analysis.apply(.greaterOrEqual, a, reference, target)
                    analysis.apply(.lessOrEqual, b, reference, target)
                }
            case .inList(let value, let elements, negated: false):
                // `col IN (a, b, c)` spans [min, max]; NULL elements match nothing and are skipped.
                guard let reference = reference(value, target) else { break }
                var values: [Int64] = []
                var allConstant = true
                for element in elements {
                    guard let constant = constant(element) else {
                        allConstant = false
                        break
                    }
                    if let number = constant { values.append(number) }
                }
                guard allConstant else { break }
                if let low = values.min(), let high = values.max() {
                    analysis.apply(.greaterOrEqual, low, reference, target)
                    analysis.apply(.lessOrEqual, high, reference, target)
                } else {
                    analysis.apply(.equal, nil, reference, target)
                }
            default:
                break
            }
        }
        return analysis
    }

    static func conjuncts(of expression: TypedExpression) -> [TypedExpression] {
        if case .binary(.and, let left, let right) = expression.node { return conjuncts(of: left) + conjuncts(of: right) }
        return [expression]
    }

    private static func reference(_ expression: TypedExpression, _ target: Target) -> Reference? {
        switch expression.node {
        case .column(let name) where name == target.column:
            return .column
        case .call("gsql_date_from_micros", let arguments) where target.storage != .date:
            guard arguments.count == 1 else { return nil }
            if case .column(let name) = arguments[0].node, name == target.column { return .dateOf }
            if target.storage == .timestamp, case .call("gsql_civil_from_timestamp", let civil) = arguments[0].node, civil.count == 2,
                case .column(let name) = civil[0].node, name == target.column, case .constant(.string(let zone)) = civil[1].node,
                let rule = try? TimeZoneRule.named(zone)
            {
                return .dateIn(rule)
            }
            return nil
        default:
            return nil
        }
    }

    /// The constant's stored integer; `.some(nil)` for a NULL constant (a filter that matches nothing).
    private static func constant(_ expression: TypedExpression) -> Int64?? {
        guard let value = ConstantFolding.evaluate(expression) else { return nil }
        if value.isNull { return .some(nil) }
        guard let number = Int64.fromDatabaseValue(value) else { return nil }
        return .some(number)
    }

    private mutating func apply(_ op: BinaryOperator, _ value: Int64?, _ reference: Reference, _ target: Target) {
        // Comparing with NULL still names the partition column (BigQuery accepts it as a filter) but
        // matches no row, so it narrows nothing here; the WHERE clause itself returns no rows.
        guard let value else {
            isFiltered = true
            return
        }
        let day = CivilTime.microsPerDay
        // Lower and upper bounds of the matching values, in the column's own unit first.
        let (low, high): (Int64?, Int64?) =
            switch op {
            case .equal: (value, value)
            case .greater: (value == .max ? .max : value + 1, nil)
            case .greaterOrEqual: (value, nil)
            case .less: (nil, value == .min ? .min : value - 1)
            case .lessOrEqual: (nil, value)
            default: (nil, nil)
            }
        func scaled(_ days: Int64?, end: Bool) -> Int64? {
            guard let days else { return nil }
            let (start, overflow) = days.multipliedReportingOverflow(by: day)
            if overflow { return days < 0 ? Int64.min : Int64.max }
            return end ? start.addingReportingOverflow(day - 1).overflow ? Int64.max : start + (day - 1) : start
        }
        // The first instant of a day in `rule`'s zone (of the next day, less one, for an upper bound).
        func zoned(_ days: Int64?, _ rule: TimeZoneRule, end: Bool) -> Int64? {
            guard let days else { return nil }
            let (next, carried) = days.addingReportingOverflow(end ? 1 : 0)
            let (civil, overflow) = next.multipliedReportingOverflow(by: day)
            if carried || overflow || civil < CivilTime.minTimestamp - day { return days < 0 ? Int64.min : Int64.max }
            if civil > CivilTime.maxTimestamp + day { return Int64.max }
            let instant = rule.utc(fromCivil: civil)
            return end ? instant - 1 : instant
        }
        switch (reference, target.storage) {
        case (.column, .date): narrow(lower: scaled(low, end: false), upper: scaled(high, end: false))
        case (.column, _): narrow(lower: low, upper: high)
        case (.dateOf, _): narrow(lower: scaled(low, end: false), upper: scaled(high, end: true))
        case (.dateIn(let rule), _): narrow(lower: zoned(low, rule, end: false), upper: zoned(high, rule, end: true))
        }
    }

    /// `$start` of an integer range partitioned table: that partition's values.
    static func decoratorRange(_ decorator: String, of range: RangePartitionSpec) -> (Int64, Int64)? {
        guard let value = Int64(decorator), value >= range.start, value < range.end,
            (value - range.start) % range.interval == 0
        else { return nil }
        let bounds = range.bounds(of: value)
        return (bounds.start, bounds.end - 1)
    }

    /// `$YYYY`, `$YYYYMM`, `$YYYYMMDD`, `$YYYYMMDDHH`: one partition's time range.
    static func decoratorRange(_ decorator: String) -> (Int64, Int64)? {
        let digits = Array(decorator)
        guard [4, 6, 8, 10].contains(digits.count), digits.allSatisfy(\.isASCII), let _ = Int(decorator) else { return nil }
        func number(_ range: Range<Int>) -> Int { Int(String(digits[range])) ?? 0 }
        let year = number(0..<4)
        let month = digits.count >= 6 ? number(4..<6) : 1
        let day = digits.count >= 8 ? number(6..<8) : 1
        let hour = digits.count == 10 ? number(8..<10) : 0
        guard CivilTime.isValidDate(year: year, month: month, day: day), hour < 24 else { return nil }
        let start = CivilTime.days(year: year, month: month, day: day) * CivilTime.microsPerDay + Int64(hour) * 3_600_000_000
        let end: Int64
        switch digits.count {
        case 4: end = CivilTime.days(year: year + 1, month: 1, day: 1) * CivilTime.microsPerDay
        case 6: end = CivilTime.days(year: month == 12 ? year + 1 : year, month: month == 12 ? 1 : month + 1, day: 1) * CivilTime.microsPerDay
        case 8: end = start + CivilTime.microsPerDay
        default: end = start + 3_600_000_000
        }
        return (start, end - 1)
    }

    /// Range predicates on the stored column, implied by the WHERE clause, that SQLite's index can use.
    func rangePredicates(_ target: Target) -> SQLFragment? {
        guard lower != nil || upper != nil else { return nil }
        if let lower, let upper, lower > upper { return SQLFragment("0") }
        let column = SQLiteStorage.quote(target.column)
        var out = SQLFragment()
        var parts: [SQLFragment] = []
        let day = CivilTime.microsPerDay
        if let lower, lower != .min {
            var part = SQLFragment(column + " >= ")
            // A DATE column holds days: the first whole day at or after the bound.
            part.bind((target.storage == .date ? -CivilTime.floorDiv(-lower, day) : lower).databaseValue)
            parts.append(part)
        }
        if let upper, upper != .max {
            var part = SQLFragment(column + " <= ")
            part.bind((target.storage == .date ? CivilTime.floorDiv(upper, day) : upper).databaseValue)
            parts.append(part)
        }
        if parts.isEmpty { return nil }
        for (index, part) in parts.enumerated() {
            if index > 0 { out.append(" AND ") }
            out.append(part)
        }
        return out
    }
}
