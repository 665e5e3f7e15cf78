import GRDB
import WarehouseSchema

/// Date/time functions of the library: DATETIME_DIFF, PARSE_*, time zones, LAST_DAY, constructors.
enum TimeLibrary {
    private static func zone(_ value: DatabaseValue) throws(GoogleSQLError) -> TimeZoneRule {
        try TimeZoneRule.named(Library.text(value))
    }

    private static func timestamp(_ value: DatabaseValue) throws(GoogleSQLError) -> Int64 {
        let micros = try Library.int(value)
        guard micros >= CivilTime.minTimestamp, micros <= CivilTime.maxTimestamp else {
            throw Library.error("TIMESTAMP value out of range: \(micros)")
        }
        return micros
    }

    /// A civil time (DATETIME storage) checked to lie in years 1...9999.
    private static func checkedCivil(_ micros: Int64, _ what: String) throws(GoogleSQLError) -> DatabaseValue {
        guard micros >= CivilTime.minTimestamp, micros <= CivilTime.maxTimestamp else { throw Library.error("\(what) value out of range") }
        return micros.databaseValue
    }

    static let implementations: [String: Library.Implementation] = [
        // (a, b, unit) on DATETIME storage (civil microseconds): part boundaries crossed.
        "gsql_datetime_diff": Library.strict(3) { a in
            try TimeMath.datetimeDifference(Library.int(a[0]), Library.int(a[1]), unit: Library.text(a[2])).databaseValue
        },
        // (format, text, kind [, zone]) with kind DATE, DATETIME, TIME or TIMESTAMP.
        "gsql_parse_time": Library.strict(nil) { a in
            let input = Library.text(a[1])
            let fields = try TimeParse.parse(Library.text(a[0]), input)
            switch Library.text(a[2]) {
            case "DATE": return try TimeParse.days(fields, input: input).databaseValue
            case "TIME": return try TimeParse.timeOfDay(fields, input: input).databaseValue
            case "DATETIME":
                let civil = try TimeParse.days(fields, input: input) * CivilTime.microsPerDay + TimeParse.timeOfDay(fields, input: input)
                return try checkedCivil(civil, "DATETIME")
            default:
                if let seconds = fields.epochSeconds {
                    let (micros, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000)
                    guard !overflow else { throw TimeParse.failure(input) }
                    return try checkedCivil(micros, "TIMESTAMP")
                }
                let civil = try TimeParse.days(fields, input: input) * CivilTime.microsPerDay + TimeParse.timeOfDay(fields, input: input)
                if let offset = fields.offset { return try checkedCivil(civil - offset * 1_000_000, "TIMESTAMP") }
                let rule =
                    try fields.zoneName.map { name throws(GoogleSQLError) in try TimeZoneRule.named(name) } ?? (a.count > 3 ? zone(a[3]) : .utc)
                return try checkedCivil(rule.utc(fromCivil: civil), "TIMESTAMP")
            }
        },
        // (format, timestamp, zone): FORMAT_TIMESTAMP with the civil time in that zone.
        "gsql_format_timestamp_tz": Library.strict(3) { a in
            let rule = try zone(a[2])
            let instant = try timestamp(a[1])
            let offset = rule.offsetSeconds(atUTC: instant)
            let civil = instant + offset * 1_000_000
            let days = CivilTime.floorDiv(civil, CivilTime.microsPerDay)
            return try TimeFormat.format(
                Library.text(a[0]), days: days, timeOfDay: civil - days * CivilTime.microsPerDay, isTimestamp: true, offsetSeconds: offset
            ).databaseValue
        },
        // (timestamp, zone): STRING(timestamp, zone), the civil time there with its UTC offset.
        "gsql_timestamp_string_tz": Library.strict(2) { a in
            let rule = try zone(a[1])
            let instant = try timestamp(a[0])
            let offset = rule.offsetSeconds(atUTC: instant)
            let civil = instant + offset * 1_000_000
            let days = CivilTime.floorDiv(civil, CivilTime.microsPerDay)
            let text = CivilTime.formatDate(days: days) + " " + CivilTime.formatTimeOfDay(micros: civil - days * CivilTime.microsPerDay)
            let magnitude = abs(offset)
            var zoneText = (offset < 0 ? "-" : "+") + CivilTime.pad(Int(magnitude / 3600), 2)
            if magnitude % 3600 != 0 { zoneText += ":" + CivilTime.pad(Int(magnitude / 60 % 60), 2) }
            return (text + zoneText).databaseValue
        },
        // (timestamp, zone) → the civil time there, as DATETIME storage.
        "gsql_civil_from_timestamp": Library.strict(2) { a in
            try checkedCivil(zone(a[1]).civil(fromUTC: timestamp(a[0])), "DATETIME")
        },
        // (civil time, zone) → the instant, as TIMESTAMP storage.
        "gsql_timestamp_from_civil": Library.strict(2) { a in
            try checkedCivil(zone(a[1]).utc(fromCivil: Library.int(a[0])), "TIMESTAMP")
        },
        // (text, zone, safe): TIMESTAMP text without a zone, read as a civil time in that zone (the
        // default time zone of a CAST to TIMESTAMP), as the instant's UTC text for gsql_cast to read;
        // text with a zone, or that is no civil time at all, as it is.
        "gsql_text_in_zone": Library.strict(3) { a in
            let text = Library.text(a[0])
            guard let (days, time) = CivilTime.parseDateTime(text) else { return a[0] }
            let micros = try zone(a[1]).utc(fromCivil: days * CivilTime.microsPerDay + time)
            guard micros >= CivilTime.minTimestamp, micros <= CivilTime.maxTimestamp else {
                if try Library.int(a[2]) != 0 { return .null }
                throw Library.error("TIMESTAMP value out of range: \(text)")
            }
            let utcDays = CivilTime.floorDiv(micros, CivilTime.microsPerDay)
            return (CivilTime.formatDateTime(days: utcDays, timeMicros: micros - utcDays * CivilTime.microsPerDay) + "+00").databaseValue
        },
        // (timestamp, unit, zone): TIMESTAMP_TRUNC at that zone's boundaries.
        "gsql_timestamp_trunc_tz": Library.strict(3) { a in
            let rule = try zone(a[2])
            let civil = rule.civil(fromUTC: try timestamp(a[0]))
            return try checkedCivil(rule.utc(fromCivil: TimeMath.truncate(micros: civil, unit: Library.text(a[1]))), "TIMESTAMP")
        },
        // (days, unit): the last day of the unit (MONTH by default) holding the date.
        "gsql_last_day": Library.strict(2) { a in
            let days = try Library.int(a[0])
            let unit = Library.text(a[1])
            let start = try TimeMath.truncate(days: days, unit: unit)
            if TimeMath.weekStart(unit) != nil { return (start + 6).databaseValue }
            if unit == "ISOYEAR" {
                let nextYear = CivilTime.days(year: TimeMath.isoYear(days: days) + 1, month: 1, day: 4)
                return (try TimeMath.truncate(days: nextYear, unit: "ISOYEAR") - 1).databaseValue
            }
            let step = unit == "YEAR" ? "YEAR" : unit == "QUARTER" ? "QUARTER" : "MONTH"
            return (try TimeMath.addToDate(days: start, amount: 1, unit: step) - 1).databaseValue
        },
        // (time, amount, unit size): TIME_ADD / TIME_SUB, wrapping around midnight.
        "gsql_time_add": Library.strict(3) { a in
            let (product, overflow) = try Library.int(a[1]).multipliedReportingOverflow(by: Library.int(a[2]))
            guard !overflow else { throw Library.error("TIME_ADD overflow") }
            let day = CivilTime.microsPerDay
            return (((try Library.int(a[0]) + product % day) % day + day) % day).databaseValue
        },
        // (hour, minute, second) → TIME storage.
        "gsql_time_from_parts": Library.strict(3) { a in
            let (h, m, s) = (try Library.int(a[0]), try Library.int(a[1]), try Library.int(a[2]))
            guard (0...23).contains(h), (0...59).contains(m), (0...59).contains(s) else {
                throw Library.error("Input calculates to invalid time value: \(h):\(m):\(s)")
            }
            return ((h * 3600 + m * 60 + s) * 1_000_000).databaseValue
        },
        // (days, time of day) → DATETIME storage.
        "gsql_datetime_from_date_time": Library.strict(2) { a in
            try checkedCivil(Library.int(a[0]) * CivilTime.microsPerDay + Library.int(a[1]), "DATETIME")
        },
    ]
}
