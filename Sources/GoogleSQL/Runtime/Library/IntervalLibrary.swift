import GRDB
import WarehouseSchema

/// INTERVAL functions and arithmetic on the stored canonical text (see `Interval`).
enum IntervalLibrary {
    static func interval(_ value: DatabaseValue) throws(GoogleSQLError) -> Interval {
        try Interval.parseCanonical(Library.text(value))
    }

    private static func stored(_ value: Interval) throws(GoogleSQLError) -> DatabaseValue {
        try value.checked().text.databaseValue
    }

    static let implementations: [String: Library.Implementation] = [
        // (amount, unit): INTERVAL n unit.
        "gsql_interval": Library.strict(2) { a in try stored(Interval.of(Library.int(a[0]), Library.text(a[1]))) },
        // (text): CAST(string AS INTERVAL).
        "gsql_interval_cast": Library.strict(1) { a in try stored(interval(a[0])) },
        "gsql_interval_add": Library.strict(2) { a in try stored(interval(a[0]) + interval(a[1])) },
        "gsql_interval_sub": Library.strict(2) { a in try stored(interval(a[0]) + -interval(a[1])) },
        "gsql_interval_neg": Library.strict(1) { a in try stored(-interval(a[0])) },
        "gsql_interval_mul": Library.strict(2) { a in try stored(interval(a[0]).multiplied(by: Library.int(a[1]))) },
        "gsql_interval_div": Library.strict(2) { a in try stored(interval(a[0]).divided(by: Library.int(a[1]))) },
        // (interval, kind) with kind DAYS, HOURS or INTERVAL.
        "gsql_interval_justify": Library.strict(2) { a in
            let value = try interval(a[0])
            switch Library.text(a[1]) {
            case "DAYS": return try stored(value.justifiedDays)
            case "HOURS": return try stored(value.justifiedHours)
            default: return try stored(value.justified)
            }
        },
        // (interval, part).
        "gsql_interval_extract": Library.strict(2) { a in try interval(a[0]).extract(Library.text(a[1])).databaseValue },
        // (year, month, day, hour, minute, second): MAKE_INTERVAL.
        "gsql_make_interval": Library.strict(6) { a in
            var total = Interval()
            for (index, unit) in ["YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"].enumerated() {
                total = total + (try Interval.of(Library.int(a[index]), unit))
            }
            return try stored(total)
        },
        // (value, interval, sign, kind): a DATE (kind DATE, as midnight), DATETIME or TIMESTAMP (in UTC,
        // kind CIVIL) plus or minus an interval, as civil microseconds.
        "gsql_civil_add_interval": Library.strict(4) { a in
            let value = try interval(a[1])
            var civil = try Library.int(a[0])
            if Library.text(a[3]) == "DATE" {
                let (micros, overflow) = civil.multipliedReportingOverflow(by: Interval.microsPerDay)
                guard !overflow else { throw Library.error("DATETIME value overflows") }
                civil = micros
            }
            return try (Library.int(a[2]) < 0 ? -value : value).added(toCivil: civil).databaseValue
        },
        // (a, b, unit) with unit DAY (DATE storage) or MICROSECOND: a - b as an interval.
        "gsql_interval_between": Library.strict(3) { a in
            let difference = try Library.int(a[0]) - Library.int(a[1])
            return try stored(Library.text(a[2]) == "DAY" ? Interval(days: difference) : Interval(micros: difference))
        },
    ]
}
