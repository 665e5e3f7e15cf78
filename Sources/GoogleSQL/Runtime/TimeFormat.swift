import WarehouseSchema

/// FORMAT_TIMESTAMP / FORMAT_DATE / FORMAT_DATETIME / FORMAT_TIME with the common format elements.
enum TimeFormat {
    private static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ]

    /// `days` is nil for TIME values; `timeOfDay` is 0 for DATE values.
    /// `offsetSeconds`: for TIMESTAMP values, the offset from UTC of the civil time given (%z, %Z).
    static func format(
        _ pattern: String, days: Int64?, timeOfDay: Int64, isTimestamp: Bool, offsetSeconds: Int64 = 0
    ) throws(GoogleSQLError) -> String {
        let offsetMagnitude = abs(offsetSeconds)
        let offsetSign = offsetSeconds < 0 ? "-" : "+"
        let offsetHours = CivilTime.pad(Int(offsetMagnitude / 3600), 2)
        let offsetMinutes = CivilTime.pad(Int(offsetMagnitude / 60 % 60), 2)
        let civil = days.map(CivilTime.civil(fromDays:))
        let pad = CivilTime.pad
        var out = ""
        var chars = Array(pattern)[...]
        func needDate(_ element: String) throws(GoogleSQLError) -> (year: Int, month: Int, day: Int) {
            guard let civil else { throw GoogleSQLError.invalidQuery("Invalid format: %\(element) is not allowed for the TIME type") }
            return civil
        }
        while let char = chars.popFirst() {
            guard char == "%" else {
                out.append(char)
                continue
            }
            guard var element = chars.popFirst() else { throw GoogleSQLError.invalidQuery("Invalid format string: trailing %") }
            var fractionDigits: Int?
            if element == "E" {
                // %E*S (seconds with full fraction), %E<n>S, %Ez.
                guard let next = chars.popFirst() else { throw GoogleSQLError.invalidQuery("Invalid format string") }
                if next == "z" {
                    out += isTimestamp ? offsetSign + offsetHours + ":" + offsetMinutes : ""
                    continue
                }
                if next == "4", chars.first == "Y" {
                    chars.removeFirst()
                    out += pad(try needDate("Y").year, 4)
                    continue
                }
                if next == "*" {
                    fractionDigits = 6
                } else if let digit = next.wholeNumberValue {
                    fractionDigits = digit
                } else {
                    throw GoogleSQLError.invalidQuery("Invalid format element %E\(next)")
                }
                guard chars.popFirst() == "S" else { throw GoogleSQLError.invalidQuery("Invalid format element after %E") }
                element = "S"
            }
            let hour = Int(timeOfDay / 3_600_000_000)
            let minute = Int(timeOfDay / 60_000_000 % 60)
            let second = Int(timeOfDay / 1_000_000 % 60)
            switch element {
            case "Y": out += pad(try needDate("Y").year, 4)
            case "y": out += pad(try needDate("y").year % 100, 2)
            case "C": out += pad(try needDate("C").year / 100, 2)
            case "m": out += pad(try needDate("m").month, 2)
            case "d": out += pad(try needDate("d").day, 2)
            case "e":
                let day = try needDate("e").day
                out += day < 10 ? " \(day)" : "\(day)"
            case "F":
                let c = try needDate("F")
                out += "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
            case "D":
                let c = try needDate("D")
                out += "\(pad(c.month, 2))/\(pad(c.day, 2))/\(pad(c.year % 100, 2))"
            case "B": out += months[try needDate("B").month - 1]
            case "b", "h": out += String(months[try needDate("b").month - 1].prefix(3))
            case "A":
                _ = try needDate("A")
                out += weekdays[Int(TimeMath.dayOfWeek(days: days ?? 0))]
            case "a":
                _ = try needDate("a")
                out += String(weekdays[Int(TimeMath.dayOfWeek(days: days ?? 0))].prefix(3))
            case "u":
                _ = try needDate("u")
                let w = TimeMath.dayOfWeek(days: days ?? 0)
                out += String(w == 0 ? 7 : w)
            case "w":
                _ = try needDate("w")
                out += String(TimeMath.dayOfWeek(days: days ?? 0))
            case "j":
                let c = try needDate("j")
                out += pad(Int((days ?? 0) - CivilTime.days(year: c.year, month: 1, day: 1) + 1), 3)
            case "H": out += pad(hour, 2)
            case "I": out += pad(hour % 12 == 0 ? 12 : hour % 12, 2)
            case "p": out += hour < 12 ? "AM" : "PM"
            case "M": out += pad(minute, 2)
            case "S":
                out += pad(second, 2)
                if let digits = fractionDigits, digits > 0 {
                    let micros = pad(Int(timeOfDay % 1_000_000), 6)
                    out += "." + (digits <= 6 ? String(micros.prefix(digits)) : micros + String(repeating: "0", count: digits - 6))
                }
            case "T": out += "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
            case "R": out += "\(pad(hour, 2)):\(pad(minute, 2))"
            case "Z":
                guard isTimestamp else { break }
                if offsetSeconds == 0 {
                    out += "UTC"
                } else {
                    out += "UTC" + offsetSign + String(offsetMagnitude / 3600) + (offsetMagnitude % 3600 == 0 ? "" : ":" + offsetMinutes)
                }
            case "z": out += isTimestamp ? offsetSign + offsetHours + offsetMinutes : ""
            case "c":
                let c = try needDate("c")
                let day = days ?? 0
                out += String(weekdays[Int(TimeMath.dayOfWeek(days: day))].prefix(3)) + " " + String(months[c.month - 1].prefix(3)) + " "
                out += (c.day < 10 ? " \(c.day)" : "\(c.day)") + " \(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2)) \(pad(c.year, 4))"
            case "x":
                let c = try needDate("x")
                out += "\(pad(c.month, 2))/\(pad(c.day, 2))/\(pad(c.year % 100, 2))"
            case "X": out += "\(pad(hour, 2)):\(pad(minute, 2)):\(pad(second, 2))"
            case "k": out += hour < 10 ? " \(hour)" : "\(hour)"
            case "l":
                let twelve = hour % 12 == 0 ? 12 : hour % 12
                out += twelve < 10 ? " \(twelve)" : "\(twelve)"
            case "P": out += hour < 12 ? "am" : "pm"
            case "Q": out += String((try needDate("Q").month - 1) / 3 + 1)
            case "U", "W":
                _ = try needDate(String(element))
                let week = try TimeMath.extract(element == "U" ? "WEEK" : "WEEK(MONDAY)", days: days ?? 0, timeOfDay: 0)
                out += pad(Int(week), 2)
            case "V":
                _ = try needDate("V")
                out += pad(Int(TimeMath.isoWeek(days: days ?? 0)), 2)
            case "G":
                _ = try needDate("G")
                out += pad(TimeMath.isoYear(days: days ?? 0), 4)
            case "g":
                _ = try needDate("g")
                out += pad(TimeMath.isoYear(days: days ?? 0) % 100, 2)
            case "J":
                _ = try needDate("J")
                let day = days ?? 0
                out += pad(Int(day - (try TimeMath.truncate(days: day, unit: "ISOYEAR")) + 1), 3)
            case "s":
                guard let days else { throw GoogleSQLError.invalidQuery("Invalid format: %s is not allowed for the TIME type") }
                out += String(CivilTime.floorDiv(days * CivilTime.microsPerDay + timeOfDay, 1_000_000) - offsetSeconds)
            case "%": out += "%"
            case "n": out += "\n"
            case "t": out += "\t"
            default: throw GoogleSQLError.invalidQuery("Unsupported format element %\(element)")
            }
        }
        return out
    }
}
