import Foundation
import WarehouseSchema

/// A BigQuery INTERVAL: months, days and microseconds, each with its own sign, as BigQuery keeps
/// them (1 month is not 30 days until JUSTIFY_* says so). Stored in SQLite as its canonical text
/// `Y-M D H:M:S[.F]`, which is also how the REST API returns it.
struct Interval: Equatable {
    var months: Int64 = 0
    var days: Int64 = 0
    var micros: Int64 = 0

    static let microsPerHour: Int64 = 3_600_000_000
    static let microsPerDay: Int64 = 86_400_000_000
    /// BigQuery's bounds: 10,000 years, 3,660,000 days, 87,840,000 hours either way.
    static let maxMonths: Int64 = 120_000
    static let maxDays: Int64 = 3_660_000
    static let maxMicros: Int64 = 87_840_000 * microsPerHour

    /// The date parts, in order, that interval literals and functions name.
    static let parts = ["YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND"]

    static func failure(_ message: String) -> GoogleSQLError { .invalidQuery(message) }

    func checked() throws(GoogleSQLError) -> Interval {
        guard abs(months) <= Self.maxMonths, abs(days) <= Self.maxDays, micros >= -Self.maxMicros, micros <= Self.maxMicros else {
            throw Self.failure("Interval value out of range")
        }
        return self
    }

    // MARK: - Construction

    /// `INTERVAL n unit`.
    static func of(_ amount: Int64, _ unit: String) throws(GoogleSQLError) -> Interval {
        func scaled(_ factor: Int64) throws(GoogleSQLError) -> Int64 {
            let (value, overflow) = amount.multipliedReportingOverflow(by: factor)
            if overflow { throw failure("Interval value out of range") }
            return value
        }
        switch unit {
        case "YEAR": return try Interval(months: scaled(12)).checked()
        case "QUARTER": return try Interval(months: scaled(3)).checked()
        case "MONTH": return try Interval(months: amount).checked()
        case "WEEK": return try Interval(days: scaled(7)).checked()
        case "DAY": return try Interval(days: amount).checked()
        case "HOUR": return try Interval(micros: scaled(microsPerHour)).checked()
        case "MINUTE": return try Interval(micros: scaled(60_000_000)).checked()
        case "SECOND": return try Interval(micros: scaled(1_000_000)).checked()
        case "MILLISECOND": return try Interval(micros: scaled(1_000)).checked()
        case "MICROSECOND": return try Interval(micros: amount).checked()
        default: throw failure("Invalid interval datetime field \(unit)")
        }
    }

    /// `INTERVAL 'text' FROM TO TO` (or one part): the text has one space-separated section per
    /// group the range covers: `Y-M`, `D` and `H:M:S`, each with an optional leading sign.
    static func parse(_ text: String, from: String, to: String) throws(GoogleSQLError) -> Interval {
        guard let first = parts.firstIndex(of: from), let last = parts.firstIndex(of: to), first <= last else {
            throw failure("Invalid interval datetime field \(from == to ? from : "\(from) TO \(to)")")
        }
        let invalid = failure("Invalid interval literal '\(text)'")
        var groups: [[Int]] = []
        let yearMonth = (first...last).filter { $0 <= 1 }
        if !yearMonth.isEmpty { groups.append(yearMonth) }
        if (first...last).contains(2) { groups.append([2]) }
        let time = (first...last).filter { $0 >= 3 }
        if !time.isEmpty { groups.append(time) }
        let sections = text.split(whereSeparator: { $0 == " " }).map(String.init)
        guard sections.count == groups.count else { throw invalid }
        var result = Interval()
        for (section, group) in zip(sections, groups) {
            var body = Substring(section)
            var sign: Int64 = 1
            if body.first == "-" || body.first == "+" {
                sign = body.first == "-" ? -1 : 1
                body = body.dropFirst()
            }
            let separator: Character = group[0] <= 1 ? "-" : ":"
            let fields = body.split(separator: separator, omittingEmptySubsequences: false)
            guard fields.count == group.count else { throw invalid }
            for (field, part) in zip(fields, group) {
                if part == 5 {
                    result.micros += sign * (try seconds(field, invalid))
                    continue
                }
                guard !field.isEmpty, field.allSatisfy(\.isASCII), field.allSatisfy(\.isNumber), let value = Int64(field), value < 1 << 40
                else { throw invalid }
                switch part {
                case 0: result.months += sign * value * 12
                case 1: result.months += sign * value
                case 2: result.days += sign * value
                case 3: result.micros += sign * value * microsPerHour
                default: result.micros += sign * value * 60_000_000
                }
            }
        }
        return try result.checked()
    }

    /// `S[.F]` with up to 6 fraction digits, as microseconds.
    private static func seconds(_ field: Substring, _ invalid: GoogleSQLError) throws(GoogleSQLError) -> Int64 {
        let pieces = field.split(separator: ".", omittingEmptySubsequences: false)
        guard pieces.count <= 2, let whole = pieces.first, !whole.isEmpty, whole.allSatisfy({ $0.isASCII && $0.isNumber }),
            let value = Int64(whole), value < 1 << 40
        else { throw invalid }
        var fraction: Int64 = 0
        if pieces.count == 2 {
            let digits = pieces[1]
            guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw invalid }
            fraction = Int64(digits + String(repeating: "0", count: 6 - digits.count)) ?? 0
        }
        return value * 1_000_000 + fraction
    }

    /// CAST(string AS INTERVAL): the canonical `Y-M D H:M:S[.F]` form.
    static func parseCanonical(_ text: String) throws(GoogleSQLError) -> Interval {
        do {
            return try parse(text.trimmingCharacters(in: .whitespaces), from: "YEAR", to: "SECOND")
        } catch {
            throw failure("Invalid INTERVAL value: '\(text)'")
        }
    }

    // MARK: - Text

    /// `Y-M D H:M:S[.F]`: the year-month and time groups carry one sign each.
    var text: String {
        let monthSign = months < 0 ? "-" : ""
        let allMonths = months.magnitude
        let timeSign = micros < 0 ? "-" : ""
        let allMicros = micros.magnitude
        let hours = allMicros / UInt64(Self.microsPerHour)
        let minutes = allMicros / 60_000_000 % 60
        let seconds = allMicros / 1_000_000 % 60
        var fraction = ""
        let subsecond = allMicros % 1_000_000
        if subsecond > 0 {
            let digits = String(subsecond)
            fraction = "." + String(repeating: "0", count: 6 - digits.count) + digits
            while fraction.hasSuffix("0") { fraction.removeLast() }
        }
        return "\(monthSign)\(allMonths / 12)-\(allMonths % 12) \(days) \(timeSign)\(hours):\(minutes):\(seconds)\(fraction)"
    }

    // MARK: - Arithmetic

    static func + (a: Interval, b: Interval) -> Interval {
        Interval(months: a.months + b.months, days: a.days + b.days, micros: a.micros + b.micros)
    }

    static prefix func - (a: Interval) -> Interval { Interval(months: -a.months, days: -a.days, micros: -a.micros) }

    func multiplied(by factor: Int64) throws(GoogleSQLError) -> Interval {
        let (m, o1) = months.multipliedReportingOverflow(by: factor)
        let (d, o2) = days.multipliedReportingOverflow(by: factor)
        let (u, o3) = micros.multipliedReportingOverflow(by: factor)
        guard !o1, !o2, !o3 else { throw Self.failure("Interval value out of range") }
        return try Interval(months: m, days: d, micros: u).checked()
    }

    /// Division carries each remainder down: a month as 30 days, a day as 24 hours.
    func divided(by divisor: Int64) throws(GoogleSQLError) -> Interval {
        guard divisor != 0 else { throw Self.failure("Interval division by zero") }
        let monthRest = months % divisor
        let allDays = days + monthRest * 30
        let dayRest = allDays % divisor
        let allMicros = micros + dayRest * Self.microsPerDay
        return Interval(months: months / divisor, days: allDays / divisor, micros: allMicros / divisor)
    }

    // MARK: - Functions

    /// JUSTIFY_DAYS: every 30 days become a month.
    var justifiedDays: Interval {
        Interval(months: months + days / 30, days: days % 30, micros: micros)
    }

    /// JUSTIFY_HOURS: every 24 hours become a day.
    var justifiedHours: Interval {
        Interval(months: months, days: days + micros / Self.microsPerDay, micros: micros % Self.microsPerDay)
    }

    /// JUSTIFY_INTERVAL: hours into days, days into months, then one sign throughout.
    var justified: Interval {
        var result = justifiedHours.justifiedDays
        if result.days > 0 && result.micros < 0 {
            result.days -= 1
            result.micros += Self.microsPerDay
        } else if result.days < 0 && result.micros > 0 {
            result.days += 1
            result.micros -= Self.microsPerDay
        }
        if result.months > 0 && (result.days < 0 || (result.days == 0 && result.micros < 0)) {
            result.months -= 1
            result.days += 30
        } else if result.months < 0 && (result.days > 0 || (result.days == 0 && result.micros > 0)) {
            result.months += 1
            result.days -= 30
        }
        return result
    }

    /// EXTRACT(part FROM interval): each part truncated toward zero, keeping the group's sign.
    func extract(_ part: String) throws(GoogleSQLError) -> Int64 {
        switch part {
        case "YEAR": return months / 12
        case "MONTH": return months % 12
        case "DAY": return days
        case "HOUR": return micros / Self.microsPerHour
        case "MINUTE": return micros / 60_000_000 % 60
        case "SECOND": return micros / 1_000_000 % 60
        case "MILLISECOND": return micros / 1_000 % 1_000
        case "MICROSECOND": return micros % 1_000_000
        default: throw Self.failure("Unsupported date part \(part) for INTERVAL")
        }
    }

    /// Adds to a civil time (DATETIME storage, or a TIMESTAMP in UTC): months first, clamped to the
    /// month's last day, then days, then microseconds.
    func added(toCivil civil: Int64) throws(GoogleSQLError) -> Int64 {
        var days = CivilTime.floorDiv(civil, Self.microsPerDay)
        let timeOfDay = civil - days * Self.microsPerDay
        if months != 0 { days = try TimeMath.addToDate(days: days, amount: months, unit: "MONTH") }
        let result = (days + self.days) * Self.microsPerDay + timeOfDay + micros
        guard result >= CivilTime.minTimestamp, result <= CivilTime.maxTimestamp else {
            throw Self.failure("DATETIME value overflows")
        }
        return result
    }
}
