import WarehouseSchema

/// `CAST(date/time AS STRING FORMAT f)` and `CAST(string AS date/time FORMAT f)`: GoogleSQL's format
/// elements (as opposed to FORMAT_DATE's `%` directives). Values are in storage form: days for DATE,
/// microseconds of the day for TIME, civil microseconds for DATETIME, UTC microseconds for TIMESTAMP.
enum DateTimeCastFormat {
    enum Kind: String {
        case date = "DATE"
        case time = "TIME"
        case datetime = "DATETIME"
        case timestamp = "TIMESTAMP"

        var hasDate: Bool { self != .time }
        var hasTime: Bool { self != .date }
    }

    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]
    private static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    // MARK: Formatting

    /// The text of a value: `days` nil for TIME, `offsetSeconds` the time zone's for a TIMESTAMP.
    static func format(_ format: String, kind: Kind, days: Int64?, timeOfDay: Int64, offsetSeconds: Int64 = 0) throws(GoogleSQLError) -> String {
        let elements = try DateTimeFormatElement.elements(of: format)
        let allowed: Set<DateTimeFormatElement.Category> =
            switch kind {
            case .date: [.literal, .year, .month, .day]
            case .time: [.literal, .hour, .minute, .second, .meridian]
            case .datetime: [.literal, .year, .month, .day, .hour, .minute, .second, .meridian]
            case .timestamp: [.literal, .year, .month, .day, .hour, .minute, .second, .meridian, .timeZone]
            }
        if let refused = elements.first(where: { !allowed.contains($0.category) }) {
            throw GoogleSQLError.invalidQuery("\(kind.rawValue) does not support \(refused.quoted)")
        }
        let date = days.map { CivilTime.civil(fromDays: $0) } ?? (year: 1970, month: 1, day: 1)
        let hour = Int(timeOfDay / 3_600_000_000)
        let minute = Int(timeOfDay / 60_000_000 % 60)
        let second = Int(timeOfDay / 1_000_000 % 60)
        let micros = Int(timeOfDay % 1_000_000)
        var out = ""
        for element in elements {
            switch element.name {
            case "\"", " ":
                out += element.name == " " ? String(repeating: " ", count: element.length) : element.literal
            case "YYYY", "RRRR": out += CivilTime.pad(date.year, 4)
            case "YYY": out += CivilTime.pad(date.year % 1000, 3)
            case "YY", "RR": out += CivilTime.pad(date.year % 100, 2)
            case "Y": out += String(date.year % 10)
            case "MM": out += CivilTime.pad(date.month, 2)
            case "MON": out += element.cased(String(months[date.month - 1].prefix(3)))
            case "MONTH": out += element.cased(months[date.month - 1])
            case "DD": out += CivilTime.pad(date.day, 2)
            case "DDD":
                let firstOfYear = CivilTime.days(year: date.year, month: 1, day: 1)
                out += CivilTime.pad(Int((days ?? 0) - firstOfYear) + 1, 3)
            case "D", "DAY", "DY":
                let weekday = Int(((days ?? 0) % 7 + 11) % 7)  // 1970-01-01 was a Thursday (index 4).
                if element.name == "D" {
                    out += String(weekday + 1)
                } else {
                    out += element.cased(element.name == "DAY" ? weekdays[weekday] : String(weekdays[weekday].prefix(3)))
                }
            case "HH", "HH12": out += CivilTime.pad(hour % 12 == 0 ? 12 : hour % 12, 2)
            case "HH24": out += CivilTime.pad(hour, 2)
            case "MI": out += CivilTime.pad(minute, 2)
            case "SS": out += CivilTime.pad(second, 2)
            case "SSSSS": out += CivilTime.pad(Int(timeOfDay / 1_000_000), 5)
            case "FF":
                let fraction = CivilTime.pad(micros, 6) + String(repeating: "0", count: 6)
                out += String(fraction.prefix(element.digits))
            case "AM", "PM": out += element.cased(hour >= 12 ? "PM" : "AM")
            case "A.M.", "P.M.": out += element.cased(hour >= 12 ? "P.M." : "A.M.")
            case "TZH": out += (offsetSeconds < 0 ? "-" : "+") + CivilTime.pad(Int(abs(offsetSeconds) / 3600), 2)
            case "TZM": out += CivilTime.pad(Int(abs(offsetSeconds) / 60 % 60), 2)
            default:
                if element.isLiteral {
                    out += element.literal
                } else {
                    throw GoogleSQLError.invalidQuery("Unsupported format element \(element.quoted)")
                }
            }
        }
        return out
    }

    // MARK: Parsing

    /// A parsed value in storage form. Parts the format leaves out are the current year and month,
    /// day 1 and midnight (`nowDays`: today in the time zone). `zone` reads a TIMESTAMP without TZH.
    static func parse(_ text: String, format: String, kind: Kind, nowDays: Int64, zone: TimeZoneRule) throws(GoogleSQLError) -> Int64 {
        let elements = try DateTimeFormatElement.elements(of: format)
        try validateForParsing(elements, kind: kind)
        let today = CivilTime.civil(fromDays: nowDays)
        var year = today.year
        var month = today.month
        var day = 1
        var hour = 0
        var minute = 0
        var second = 0
        var twelveHour = 0
        var afternoon = false
        var micros = 0
        var offset: (positive: Bool, hours: Int, minutes: Int)?

        let input = Array(text.unicodeScalars)
        var position = skipSpaces(input, from: 0)
        var index = 0
        func failure() -> GoogleSQLError {
            .invalidQuery("Failed to parse input timestamp string at \(utf8Offset(input, position)) with format element \(elements[index].quoted)")
        }
        while index < elements.count, position < input.count {
            let element = elements[index]
            let exact = index + 1 < elements.count && elements[index + 1].startsWithDigits
            func number(_ width: Int, _ range: ClosedRange<Int>, minimumWidth: Int = 1) throws(GoogleSQLError) -> Int {
                guard let (value, used) = readInt(input, at: position, min: exact ? width : minimumWidth, max: width), range.contains(value)
                else { throw failure() }
                position += used
                return value
            }
            switch element.name {
            case " ":
                let after = skipSpaces(input, from: position)
                guard after > position else { throw failure() }
                position = after
            case "\"":
                guard matches(input, at: position, element.literal) else { throw failure() }
                position += element.literal.unicodeScalars.count
            case "YYYY", "RRRR": year = try number(exact ? 4 : 5, 0...10000, minimumWidth: 1)
            case "YYY", "YY", "Y":
                let width = element.name.count
                let power = [1, 10, 100, 1000][width]
                year = year - year % power + (try number(width, 0...(power - 1)))
            case "RR":
                let parsed = try number(2, 0...99)
                var century = year / 100
                if parsed < 50, year % 100 >= 50 { century += 1 } else if parsed >= 50, year % 100 < 50 { century -= 1 }
                year = century * 100 + parsed
            case "MM": month = try number(2, 1...12)
            case "MON", "MONTH":
                guard let (found, used) = monthName(input, at: position, abbreviated: element.name == "MON") else { throw failure() }
                month = found
                position += used
            case "DD": day = try number(2, 1...31)
            case "HH", "HH12": twelveHour = try number(2, 1...12)
            case "HH24": hour = try number(2, 0...23)
            case "MI": minute = try number(2, 0...59)
            case "SS": second = try number(2, 0...59)
            case "SSSSS":
                let seconds = try number(5, 0...86_399)
                hour = seconds / 3600
                minute = seconds / 60 % 60
                second = seconds % 60
            case "FF":
                let start = position
                _ = try number(element.digits, 0...Int.max)
                let written = String(String.UnicodeScalarView(input[start..<position]))
                micros = Int((written + "000000").prefix(6)) ?? 0
            case "A.M.", "P.M.":
                if matches(input, at: position, "A.M.", ignoringCase: true) {
                    afternoon = false
                } else if matches(input, at: position, "P.M.", ignoringCase: true) {
                    afternoon = true
                } else {
                    throw failure()
                }
                position += 4
            case "TZH":
                guard position < input.count, ["-", "+", " "].contains(input[position]) else { throw failure() }
                let positive = input[position] != "-"
                position += 1
                let hours = try number(2, 0...14)
                offset = (positive, hours, offset?.minutes ?? 0)
            case "TZM":
                let minutes = try number(2, 0...59)
                offset = (offset?.positive ?? true, offset?.hours ?? 0, minutes)
            case "Y,YYY":
                throw GoogleSQLError.invalidQuery("Unsupported: format element 'Y,YYY' is not supported by the local emulator")
            default:
                guard matches(input, at: position, element.literal) else { throw failure() }
                position += element.literal.unicodeScalars.count
            }
            index += 1
        }
        position = skipSpaces(input, from: position)
        while index < elements.count, elements[index].name == "\"", elements[index].literal.isEmpty { index += 1 }
        if position < input.count {
            let rest = String(String.UnicodeScalarView(input[position...]))
            throw GoogleSQLError.invalidQuery("Illegal non-space trailing data '\(rest)' in timestamp string")
        }
        if index < elements.count {
            throw GoogleSQLError.invalidQuery(
                "Entire timestamp string has been parsed before dealing with format element \(elements[index].quoted)")
        }
        if twelveHour != 0 { hour = twelveHour % 12 + (afternoon ? 12 : 0) }
        guard year >= 1, year <= 9999, day <= daysInMonth(year: year, month: month) else {
            throw GoogleSQLError.invalidQuery("Invalid result from year, month, day values after parsing")
        }
        let days = CivilTime.days(year: year, month: month, day: day)
        let time = Int64(((hour * 60 + minute) * 60 + second) * 1_000_000 + micros)
        switch kind {
        case .date: return days
        case .time: return time
        case .datetime: return days * CivilTime.microsPerDay + time
        case .timestamp:
            let civil = days * CivilTime.microsPerDay + time
            let utc: Int64
            if let offset {
                let seconds = Int64(offset.hours * 3600 + offset.minutes * 60)
                utc = civil - (offset.positive ? seconds : -seconds) * 1_000_000
            } else {
                utc = zone.utc(fromCivil: civil)
            }
            guard utc >= CivilTime.minTimestamp, utc <= CivilTime.maxTimestamp else {
                throw GoogleSQLError.invalidQuery("The parsing result is out of valid time range")
            }
            return utc
        }
    }

    private static func validateForParsing(_ elements: [DateTimeFormatElement], kind: Kind) throws(GoogleSQLError) {
        let parseable: Set<String> = [
            "\"", " ", "YYYY", "YYY", "YY", "Y", "RRRR", "RR", "Y,YYY", "MM", "MON", "MONTH", "DD", "HH", "HH12", "HH24", "MI", "SS", "SSSSS",
            "FF", "A.M.", "P.M.", "TZH", "TZM",
        ]
        var seen = Set<String>()
        var byCategory: [DateTimeFormatElement.Category: [DateTimeFormatElement]] = [:]
        for element in elements {
            guard parseable.contains(element.name) || element.isLiteral else {
                throw GoogleSQLError.invalidQuery("Format element \(element.quoted) is not supported for parsing")
            }
            if !element.isLiteral, !seen.insert(element.name).inserted {
                throw GoogleSQLError.invalidQuery("Format element \(element.quoted) appears more than once in the format string")
            }
            byCategory[element.category, default: []].append(element)
        }
        let refused: [DateTimeFormatElement.Category] =
            switch kind {
            case .date: [.hour, .minute, .second, .meridian, .timeZone]
            case .time: [.year, .month, .day, .timeZone]
            case .datetime: [.timeZone]
            case .timestamp: []
            }
        for category in refused {
            if let element = byCategory[category]?.first {
                throw GoogleSQLError.invalidQuery(
                    "Format element in category \(category.rawValue) (\(element.quoted)) is not allowed for output type \(kind.rawValue)")
            }
        }
        for category in [DateTimeFormatElement.Category.meridian, .year, .month, .day, .hour, .minute] {
            if let found = byCategory[category], found.count > 1 {
                throw GoogleSQLError.invalidQuery(
                    "More than one format element in category \(category.rawValue) exist: \(found[0].quoted) and \(found[1].quoted)")
            }
        }
        let names = Set(elements.map(\.name))
        if names.contains("HH24"), let meridian = byCategory[.meridian]?.first {
            throw GoogleSQLError.invalidQuery(
                "Format element in category MERIDIAN_INDICATOR (\(meridian.quoted)) and format element 'HH24' cannot exist simultaneously")
        }
        let twelveHour = elements.first { $0.name == "HH" || $0.name == "HH12" }
        if (twelveHour != nil) != (byCategory[.meridian] != nil) {
            let present = twelveHour?.quoted ?? byCategory[.meridian]?.first?.quoted ?? ""
            let missing = twelveHour == nil ? "HOUR" : "MERIDIAN_INDICATOR"
            throw GoogleSQLError.invalidQuery("Format element in category \(missing) is required when format element \(present) exists")
        }
        if names.contains("SSSSS") {
            if let other = byCategory[.hour]?.first ?? byCategory[.minute]?.first {
                throw GoogleSQLError.invalidQuery(
                    "Format element in category \(other.category.rawValue) (\(other.quoted)) and format element 'SSSSS' cannot exist simultaneously")
            }
            if names.contains("SS") { throw GoogleSQLError.invalidQuery("Format elements 'SSSSS' and 'SS' cannot exist simultaneously") }
        }
        if let fraction = elements.first(where: { $0.name == "FF" }), fraction.digits > 6 {
            throw GoogleSQLError.invalidQuery("Max precision of \(kind.rawValue) is 6, but format element \(fraction.quoted) was used")
        }
    }

    // MARK: Reading

    private static func skipSpaces(_ input: [Unicode.Scalar], from start: Int) -> Int {
        var position = start
        while position < input.count, input[position].properties.isWhitespace { position += 1 }
        return position
    }

    private static func readInt(_ input: [Unicode.Scalar], at start: Int, min: Int, max: Int) -> (Int, Int)? {
        var value = 0
        var used = 0
        while used < max, start + used < input.count, input[start + used].isASCII, let digit = Int(String(input[start + used])) {
            value = value * 10 + digit
            used += 1
        }
        return used >= min && used > 0 ? (value, used) : nil
    }

    private static func matches(_ input: [Unicode.Scalar], at start: Int, _ literal: String, ignoringCase: Bool = false) -> Bool {
        let wanted = Array(literal.unicodeScalars)
        guard start + wanted.count <= input.count else { return false }
        let found = String(String.UnicodeScalarView(input[start..<(start + wanted.count)]))
        return ignoringCase ? found.uppercased() == literal.uppercased() : found == literal
    }

    private static func monthName(_ input: [Unicode.Scalar], at start: Int, abbreviated: Bool) -> (Int, Int)? {
        for (index, name) in months.enumerated() {
            let candidate = abbreviated ? String(name.prefix(3)) : name
            if matches(input, at: start, candidate, ignoringCase: true) { return (index + 1, candidate.count) }
        }
        return nil
    }

    private static func daysInMonth(year: Int, month: Int) -> Int {
        let next = month == 12 ? CivilTime.days(year: year + 1, month: 1, day: 1) : CivilTime.days(year: year, month: month + 1, day: 1)
        return Int(next - CivilTime.days(year: year, month: month, day: 1))
    }

    private static func utf8Offset(_ input: [Unicode.Scalar], _ position: Int) -> Int {
        input.prefix(position).reduce(0) { $0 + String($1).utf8.count }
    }
}
