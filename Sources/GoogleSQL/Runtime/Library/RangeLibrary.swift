import GRDB
import WarehouseSchema
import WireJSON

/// The RANGE functions over the storage form of ranges (`RangeValue.storageText`). Each takes the
/// element type's name (DATE, DATETIME or TIMESTAMP) as its last argument, a constant the resolver adds.
enum RangeLibrary {
    static func element(_ value: DatabaseValue) throws(GoogleSQLError) -> RangeValue.Element {
        switch Library.text(value) {
        case "DATE": return .date
        case "DATETIME": return .datetime
        case "TIMESTAMP": return .timestamp
        default: throw Library.error("Bad RANGE element type \(Library.text(value))")
        }
    }

    static func range(_ value: DatabaseValue, element: RangeValue.Element) throws(GoogleSQLError) -> RangeValue {
        guard let range = RangeValue(storageText: Library.text(value), element: element) else {
            throw Library.error("Expected a RANGE<\(element.fieldType.standardSQLName)> value, got \(Casts.describeValue(value))")
        }
        return range
    }

    /// A range literal's text (`CAST(text AS RANGE<T>)`, `RANGE<T> 'text'`), with the reason it is not one.
    static func parse(_ text: String, element: RangeValue.Element) throws(GoogleSQLError) -> RangeValue {
        let type = "RANGE<\(element.fieldType.standardSQLName)>"
        do throws(RangeValue.ParseError) {
            return try RangeValue.parse(text, element: element, timestamp: TimestampText.parse)
        } catch .malformed {
            throw Library.error(
                "Invalid \(type) value \"\(text.prefix(100))\": expected \"[lower_bound, upper_bound)\" with one space after the comma")
        } catch .badBound(let bound) {
            throw Library.error(
                "Invalid \(type) value \"\(text.prefix(100))\": \"\(bound.prefix(100))\" is not a \(element.fieldType.standardSQLName) or UNBOUNDED")
        } catch {
            throw Library.error("Invalid \(type) value \"\(text.prefix(100))\": the lower bound must be before the upper bound")
        }
    }

    static func make(_ start: Int64?, _ end: Int64?, element: RangeValue.Element) throws(GoogleSQLError) -> RangeValue {
        guard let range = RangeValue(element: element, start: start, end: end) else {
            let shown = { (value: Int64?) in
                value.map { (try? Casts.text(of: $0.databaseValue, type: element.fieldType)) ?? String($0) } ?? "UNBOUNDED"
            }
            throw Library.error("Range lower bound must be less than the upper bound, got [\(shown(start)), \(shown(end)))")
        }
        return range
    }

    // An absent start is before every value and an absent end after every value.

    /// Whether a start lies before an end.
    private static func isBefore(start: Int64?, end: Int64?) -> Bool {
        guard let start, let end else { return true }
        return start < end
    }

    /// The later of two starts and the earlier of two ends.
    private static func laterStart(_ a: Int64?, _ b: Int64?) -> Int64? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }

    private static func earlierEnd(_ a: Int64?, _ b: Int64?) -> Int64? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }

    /// Whether `a` and `b` share a value: each starts before the other ends.
    static func overlaps(_ a: RangeValue, _ b: RangeValue) -> Bool {
        isBefore(start: a.start, end: b.end) && isBefore(start: b.start, end: a.end)
    }

    static func contains(_ outer: RangeValue, _ inner: RangeValue) -> Bool {
        laterStart(outer.start, inner.start) == inner.start && earlierEnd(outer.end, inner.end) == inner.end
    }

    static func contains(_ range: RangeValue, value: Int64) -> Bool {
        (range.start.map { $0 <= value } ?? true) && (range.end.map { value < $0 } ?? true)
    }

    static func intersection(_ a: RangeValue, _ b: RangeValue) throws(GoogleSQLError) -> RangeValue {
        guard overlaps(a, b) else {
            throw Library.error(
                "Provided RANGE inputs: \(describe(a)) and \(describe(b)) do not overlap. Please check RANGE_OVERLAPS before calling RANGE_INTERSECT")
        }
        return try make(laterStart(a.start, b.start), earlierEnd(a.end, b.end), element: a.element)
    }

    /// The range in its CAST-to-STRING form, for messages.
    static func describe(_ range: RangeValue) -> String {
        (try? Casts.text(of: range.storageText.databaseValue, type: range.type)) ?? range.storageText
    }

    /// GENERATE_RANGE_ARRAY's subranges: `[start + i × step, start + (i + 1) × step)`, the last one cut
    /// at the range's end (and dropped when it is partial and `includeLast` is false).
    static func split(_ range: RangeValue, step: Interval, includeLast: Bool) throws(GoogleSQLError) -> [RangeValue] {
        guard let start = range.start, let end = range.end else {
            throw Library.error("GENERATE_RANGE_ARRAY requires a range with bounded start and end, got \(describe(range))")
        }
        try checkStep(step, element: range.element)
        let scale = range.element == .date ? Interval.microsPerDay : 1
        // Without months a step is a fixed length, so each bound is the one before it plus the step.
        let fixedStep: Int64? = step.months == 0 ? (step.days * Interval.microsPerDay + step.micros) / scale : nil
        var parts: [RangeValue] = []
        var index: Int64 = 0
        var lower = start
        while lower < end {
            guard parts.count < ArrayLibrary.maximumElements else {
                throw Library.error("GENERATE_RANGE_ARRAY would produce more than \(ArrayLibrary.maximumElements) elements")
            }
            index += 1
            // A bound past the element's last value is past the range's end too: the last part is cut there.
            let next: Int64
            if let fixedStep {
                let (sum, overflow) = lower.addingReportingOverflow(fixedStep)
                next = overflow ? .max : sum
            } else {
                next = (try? step.multiplied(by: index).added(toCivil: start * scale) / scale) ?? .max
            }
            if next > end, !includeLast { break }
            parts.append(try make(lower, min(next, end), element: range.element))
            lower = next
        }
        return parts
    }

    /// One positive date or time part: YEAR to DAY for DATE, YEAR to SECOND for DATETIME, DAY to
    /// SECOND for TIMESTAMP (a TIMESTAMP has no months), never a mix of parts.
    private static func checkStep(_ step: Interval, element: RangeValue.Element) throws(GoogleSQLError) {
        let parts = [step.months, step.days, step.micros].filter { $0 != 0 }
        guard parts.count == 1, parts[0] > 0 else {
            throw Library.error("GENERATE_RANGE_ARRAY requires a positive INTERVAL of a single date or time part, got \(step.text)")
        }
        if element == .date, step.micros != 0 {
            throw Library.error("GENERATE_RANGE_ARRAY of a RANGE<DATE> takes an INTERVAL of YEAR, MONTH or DAY, got \(step.text)")
        }
        if element == .timestamp, step.months != 0 {
            throw Library.error("GENERATE_RANGE_ARRAY of a RANGE<TIMESTAMP> takes an INTERVAL of DAY to SECOND, got \(step.text)")
        }
    }

    static let implementations: [String: Library.Implementation] = [
        // (start, end, element): either bound NULL is UNBOUNDED.
        "gsql_range": (
            3,
            { a in
                let element = try element(a[2])
                let start = a[0].isNull ? nil : try Library.int(a[0])
                let end = a[1].isNull ? nil : try Library.int(a[1])
                return try make(start, end, element: element).storageText.databaseValue
            }
        ),
        "gsql_range_start": Library.strict(2) { a in try range(a[0], element: element(a[1])).start?.databaseValue ?? .null },
        "gsql_range_end": Library.strict(2) { a in try range(a[0], element: element(a[1])).end?.databaseValue ?? .null },
        "gsql_range_contains": Library.strict(3) { a in
            let element = try element(a[2])
            return Library.bool(contains(try range(a[0], element: element), try range(a[1], element: element)))
        },
        "gsql_range_contains_value": Library.strict(3) { a in
            Library.bool(contains(try range(a[0], element: element(a[2])), value: try Library.int(a[1])))
        },
        "gsql_range_overlaps": Library.strict(3) { a in
            let element = try element(a[2])
            return Library.bool(overlaps(try range(a[0], element: element), try range(a[1], element: element)))
        },
        "gsql_range_intersect": Library.strict(3) { a in
            let element = try element(a[2])
            return try intersection(try range(a[0], element: element), try range(a[1], element: element)).storageText.databaseValue
        },
        // (range, step interval, include the last partial range, element).
        "gsql_generate_range_array": Library.strict(4) { a in
            let parts = try split(
                try range(a[0], element: element(a[3])), step: IntervalLibrary.interval(a[1]), includeLast: try Library.int(a[2]) != 0)
            return JSONValue.array(parts.map { .string($0.storageText) }).encodedString().databaseValue
        },
    ]
}
