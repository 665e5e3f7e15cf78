import WarehouseSchema

/// Calendar arithmetic behind the date/time functions. Shared by the SQLite functions and by
/// compile-time constant folding, so partition bounds and row filters always agree.
enum TimeMath {
    static let microsPerDay = CivilTime.microsPerDay

    /// 0 = Sunday; 1970-01-01 was a Thursday.
    static func dayOfWeek(days: Int64) -> Int64 {
        let shifted = (days + 4) % 7
        return shifted < 0 ? shifted + 7 : shifted
    }

    static func micros(ofUnit unit: String) -> Int64? {
        switch unit {
        case "MICROSECOND": 1
        case "MILLISECOND": 1_000
        case "SECOND": 1_000_000
        case "MINUTE": 60_000_000
        case "HOUR": 3_600_000_000
        case "DAY": microsPerDay
        default: nil
        }
    }

    static let weekdays = ["SUNDAY", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY"]

    /// The day (0 = Sunday) a week part starts on: `WEEK` on Sunday, `WEEK(<WEEKDAY>)` on that day,
    /// `ISOWEEK` on Monday; nil for any other part.
    static func weekStart(_ unit: String) -> Int64? {
        if unit == "WEEK" { return 0 }
        if unit == "ISOWEEK" { return 1 }
        guard unit.hasPrefix("WEEK("), unit.hasSuffix(")") else { return nil }
        return weekdays.firstIndex(of: String(unit.dropFirst(5).dropLast())).map(Int64.init)
    }

    static func truncate(days: Int64, unit: String) throws(GoogleSQLError) -> Int64 {
        if let start = weekStart(unit) { return days - (dayOfWeek(days: days) - start + 7) % 7 }
        switch unit {
        case "DAY": return days
        case "MONTH", "QUARTER", "YEAR":
            let civil = CivilTime.civil(fromDays: days)
            let month = unit == "YEAR" ? 1 : unit == "QUARTER" ? (civil.month - 1) / 3 * 3 + 1 : civil.month
            return CivilTime.days(year: civil.year, month: month, day: 1)
        case "ISOYEAR":
            let year = isoYear(days: days)
            let january4 = CivilTime.days(year: year, month: 1, day: 4)
            return january4 - (dayOfWeek(days: january4) + 6) % 7
        default: throw GoogleSQLError.invalidQuery("Unsupported date part \(unit)")
        }
    }

    /// TIMESTAMP_TRUNC / DATETIME_TRUNC on microseconds (UTC, or civil for DATETIME).
    static func truncate(micros: Int64, unit: String) throws(GoogleSQLError) -> Int64 {
        if let size = Self.micros(ofUnit: unit) { return CivilTime.floorDiv(micros, size) * size }
        return try truncate(days: CivilTime.floorDiv(micros, microsPerDay), unit: unit) * microsPerDay
    }

    static func addToDate(days: Int64, amount: Int64, unit: String) throws(GoogleSQLError) -> Int64 {
        switch unit {
        case "DAY", "WEEK":
            let (delta, overflow1) = amount.multipliedReportingOverflow(by: unit == "WEEK" ? 7 : 1)
            let (sum, overflow2) = days.addingReportingOverflow(delta)
            guard !overflow1, !overflow2 else { throw GoogleSQLError.invalidQuery("DATE value overflows") }
            return sum
        case "MONTH", "QUARTER", "YEAR":
            guard amount > -1_000_000, amount < 1_000_000 else { throw GoogleSQLError.invalidQuery("DATE value overflows") }
            let months = amount * (unit == "YEAR" ? 12 : unit == "QUARTER" ? 3 : 1)
            let civil = CivilTime.civil(fromDays: days)
            let total = Int64(civil.year) * 12 + Int64(civil.month - 1) + months
            let year = CivilTime.floorDiv(total, 12)
            guard (1...9999).contains(year) else { throw GoogleSQLError.invalidQuery("DATE value overflows") }
            let month = Int(total - year * 12) + 1
            var day = civil.day
            while !CivilTime.isValidDate(year: Int(year), month: month, day: day) { day -= 1 }
            return CivilTime.days(year: Int(year), month: month, day: day)
        default: throw GoogleSQLError.invalidQuery("Unsupported date part \(unit) for DATE_ADD")
        }
    }

    /// DATETIME_DIFF: part boundaries crossed between two civil times (microseconds), so
    /// 23:59 to 00:01 of the next day is one DAY.
    static func datetimeDifference(_ a: Int64, _ b: Int64, unit: String) throws(GoogleSQLError) -> Int64 {
        if let size = micros(ofUnit: unit) { return CivilTime.floorDiv(a, size) - CivilTime.floorDiv(b, size) }
        return try dateDifference(CivilTime.floorDiv(a, microsPerDay), CivilTime.floorDiv(b, microsPerDay), unit: unit)
    }

    static func dateDifference(_ a: Int64, _ b: Int64, unit: String) throws(GoogleSQLError) -> Int64 {
        switch unit {
        case "DAY": return a - b
        case _ where weekStart(unit) != nil: return (try truncate(days: a, unit: unit) - truncate(days: b, unit: unit)) / 7
        case "ISOYEAR": return Int64(isoYear(days: a) - isoYear(days: b))
        case "MONTH", "QUARTER", "YEAR":
            let x = CivilTime.civil(fromDays: a)
            let y = CivilTime.civil(fromDays: b)
            let months = Int64(x.year - y.year) * 12 + Int64(x.month - y.month)
            if unit == "MONTH" { return months }
            if unit == "YEAR" { return Int64(x.year - y.year) }
            return Int64((x.year * 12 + (x.month - 1) / 3 * 3) - (y.year * 12 + (y.month - 1) / 3 * 3)) / 3
        default: throw GoogleSQLError.invalidQuery("Unsupported date part \(unit) for DATE_DIFF")
        }
    }

    static func isoYear(days: Int64) -> Int {
        let thursday = days - (dayOfWeek(days: days) + 6) % 7 + 3
        return CivilTime.civil(fromDays: thursday).year
    }

    static func isoWeek(days: Int64) -> Int64 {
        let thursday = days - (dayOfWeek(days: days) + 6) % 7 + 3
        let year = CivilTime.civil(fromDays: thursday).year
        return (thursday - CivilTime.days(year: year, month: 1, day: 1)) / 7 + 1
    }

    /// EXTRACT on a date (days) with an optional time of day (micros).
    static func extract(_ part: String, days: Int64, timeOfDay: Int64) throws(GoogleSQLError) -> Int64 {
        let civil = CivilTime.civil(fromDays: days)
        let dayOfYear = days - CivilTime.days(year: civil.year, month: 1, day: 1) + 1
        switch part {
        case "YEAR": return Int64(civil.year)
        case "QUARTER": return Int64((civil.month - 1) / 3 + 1)
        case "MONTH": return Int64(civil.month)
        case "DAY": return Int64(civil.day)
        case "DAYOFWEEK": return dayOfWeek(days: days) + 1
        case "DAYOFYEAR": return dayOfYear
        case _ where part.hasPrefix("WEEK"):
            // Days before the year's first start-of-week day are in week 0.
            let start = weekStart(part) ?? 0
            return (dayOfYear - 1 - (dayOfWeek(days: days) - start + 7) % 7 + 7) / 7
        case "ISOWEEK": return isoWeek(days: days)
        case "ISOYEAR": return Int64(isoYear(days: days))
        case "HOUR": return timeOfDay / 3_600_000_000
        case "MINUTE": return timeOfDay / 60_000_000 % 60
        case "SECOND": return timeOfDay / 1_000_000 % 60
        case "MILLISECOND": return timeOfDay / 1_000 % 1_000
        case "MICROSECOND": return timeOfDay % 1_000_000
        default: throw GoogleSQLError.invalidQuery("Unsupported date part \(part)")
        }
    }
}
