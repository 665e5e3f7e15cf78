/// Calendar arithmetic on the proleptic Gregorian calendar, without Foundation's slow formatters.
/// Timestamps are microseconds since the Unix epoch, as BigQuery stores them.
public enum CivilTime {
    public static let microsPerSecond: Int64 = 1_000_000
    public static let microsPerDay: Int64 = 86_400_000_000
    /// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999Z, BigQuery's TIMESTAMP range.
    public static let minTimestamp: Int64 = -62_135_596_800_000_000
    public static let maxTimestamp: Int64 = 253_402_300_799_999_999

    /// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
    public static func days(year: Int, month: Int, day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = Int(doy - (153 * mp + 2) / 5 + 1)
        let month = Int(mp < 10 ? mp + 3 : mp - 9)
        let year = Int(yoe + era * 400) + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    public static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...9999).contains(year), (1...12).contains(month), day >= 1 else { return false }
        let lengths = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    public static func isLeap(_ year: Int) -> Bool { (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 }

    /// Floor division that rounds toward negative infinity, for times before 1970.
    public static func floorDiv(_ value: Int64, _ divisor: Int64) -> Int64 {
        let quotient = value / divisor
        return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    public static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    public static func formatDate(days: Int64) -> String {
        let (year, month, day) = civil(fromDays: days)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `HH:MM:SS[.ffffff]` with trailing zeros of the fraction dropped, as BigQuery prints times.
    public static func formatTimeOfDay(micros: Int64) -> String {
        let seconds = micros / microsPerSecond
        let fraction = Int(micros % microsPerSecond)
        var text = "\(pad(Int(seconds / 3600), 2)):\(pad(Int(seconds / 60 % 60), 2)):\(pad(Int(seconds % 60), 2))"
        if fraction != 0 {
            var digits = pad(fraction, 6)
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text
    }

    /// `YYYY-MM-DD HH:MM:SS[.ffffff] UTC`, GoogleSQL's canonical TIMESTAMP text.
    /// Any Int64 formats, even far outside BigQuery's range: the time of day is the remainder, not
    /// `micros - days * microsPerDay`, whose product overflows below about -9.22e18.
    public static func formatTimestamp(micros: Int64) -> String {
        let days = floorDiv(micros, microsPerDay)
        let remainder = micros % microsPerDay
        let timeOfDay = remainder < 0 ? remainder + microsPerDay : remainder
        return formatDate(days: days) + " " + formatTimeOfDay(micros: timeOfDay) + " UTC"
    }

    /// `YYYY-MM-DDTHH:MM:SS[.ffffff]`, as the REST API prints DATETIME cells.
    public static func formatDateTime(days: Int64, timeMicros: Int64) -> String {
        formatDate(days: days) + "T" + formatTimeOfDay(micros: timeMicros)
    }
}

/// A small scanner over the ASCII forms of dates and times.
struct CivilTextScanner {
    let bytes: [UInt8]
    var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var isAtEnd: Bool { index >= bytes.count }
    var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func digits(min: Int, max: Int) -> Int? {
        var value = 0
        var count = 0
        while count < max, let byte = peek, byte >= 48, byte <= 57 {
            value = value * 10 + Int(byte - 48)
            count += 1
            index += 1
        }
        return count >= min ? value : nil
    }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        index += 1
        return true
    }

    mutating func skipSpaces() { while peek == 0x20 { index += 1 } }

    /// `YYYY-MM-DD` (or with slashes), returned as days since the epoch.
    mutating func date() -> Int64? {
        guard let year = digits(min: 4, max: 4) else { return nil }
        let separator = peek
        guard separator == UInt8(ascii: "-") || separator == UInt8(ascii: "/") else { return nil }
        index += 1
        guard let month = digits(min: 1, max: 2), skip(separator!), let day = digits(min: 1, max: 2),
            CivilTime.isValidDate(year: year, month: month, day: day)
        else { return nil }
        return CivilTime.days(year: year, month: month, day: day)
    }

    /// `HH:MM[:SS[.f{1,9}]]`, returned as microseconds since midnight (fractions past 6 digits truncated).
    mutating func timeOfDay(requireSeconds: Bool) -> Int64? {
        guard let hour = digits(min: 1, max: 2), hour < 24, skip(UInt8(ascii: ":")),
            let minute = digits(min: 2, max: 2), minute < 60
        else { return nil }
        var second = 0
        var micros = 0
        if skip(UInt8(ascii: ":")) {
            guard let parsed = digits(min: 2, max: 2), parsed < 60 else { return nil }
            second = parsed
            if skip(UInt8(ascii: ".")) {
                var scale = 100_000
                var count = 0
                while let byte = peek, byte >= 48, byte <= 57 {
                    if count < 6 {
                        micros += Int(byte - 48) * scale
                        scale /= 10
                    }
                    count += 1
                    index += 1
                }
                guard count >= 1, count <= 9 else { return nil }
            }
        } else if requireSeconds {
            return nil
        }
        return Int64(hour * 3600 + minute * 60 + second) * CivilTime.microsPerSecond + Int64(micros)
    }

    /// `Z`, `UTC`, `+HH[:MM]`, `-HH[:MM]`: the offset to subtract, in microseconds.
    mutating func zoneOffset() -> Int64? {
        skipSpaces()
        if isAtEnd { return 0 }
        if skip(UInt8(ascii: "Z")) || skip(UInt8(ascii: "z")) { return 0 }
        if peek == UInt8(ascii: "U") {
            guard bytes.count - index >= 3, bytes[index + 1] == UInt8(ascii: "T"), bytes[index + 2] == UInt8(ascii: "C")
            else { return nil }
            index += 3
            return 0
        }
        guard let sign = peek, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        index += 1
        guard let hours = digits(min: 1, max: 2), hours <= 14 else { return nil }
        var minutes = 0
        if skip(UInt8(ascii: ":")) {
            guard let parsed = digits(min: 2, max: 2), parsed < 60 else { return nil }
            minutes = parsed
        } else if let parsed = digits(min: 2, max: 2) {
            minutes = parsed
        }
        let offset = Int64(hours * 3600 + minutes * 60) * CivilTime.microsPerSecond
        return sign == UInt8(ascii: "+") ? offset : -offset
    }
}

extension CivilTime {
    /// Parses the TIMESTAMP text forms BigQuery accepts: a date, optionally a time after a space or `T`,
    /// optionally a zone (`Z`, `UTC`, `±HH[:MM]`). Returns microseconds since the epoch.
    public static func parseTimestamp(_ text: String) -> Int64? {
        var scanner = CivilTextScanner(text.trimmingSpaces())
        guard let days = scanner.date() else { return nil }
        var time: Int64 = 0
        if scanner.skip(UInt8(ascii: "T")) || scanner.skip(UInt8(ascii: "t")) || scanner.skip(0x20) {
            scanner.skipSpaces()
            if let byte = scanner.peek, byte >= 48, byte <= 57 {
                guard let parsed = scanner.timeOfDay(requireSeconds: false) else { return nil }
                time = parsed
            }
        }
        guard let offset = scanner.zoneOffset(), scanner.isAtEnd else { return nil }
        let micros = days * microsPerDay + time - offset
        guard micros >= minTimestamp, micros <= maxTimestamp else { return nil }
        return micros
    }

    /// `YYYY-MM-DD` → days since the epoch.
    public static func parseDate(_ text: String) -> Int64? {
        var scanner = CivilTextScanner(text.trimmingSpaces())
        guard let days = scanner.date(), scanner.isAtEnd else { return nil }
        return days
    }

    /// `YYYY-MM-DD[( |T)HH:MM[:SS[.ffffff]]]` → (days, microseconds since midnight).
    public static func parseDateTime(_ text: String) -> (days: Int64, timeMicros: Int64)? {
        var scanner = CivilTextScanner(text.trimmingSpaces())
        guard let days = scanner.date() else { return nil }
        var time: Int64 = 0
        if scanner.skip(UInt8(ascii: "T")) || scanner.skip(UInt8(ascii: "t")) || scanner.skip(0x20) {
            guard let parsed = scanner.timeOfDay(requireSeconds: false) else { return nil }
            time = parsed
        }
        guard scanner.isAtEnd else { return nil }
        return (days, time)
    }

    /// `HH:MM[:SS[.ffffff]]` → microseconds since midnight.
    public static func parseTime(_ text: String) -> Int64? {
        var scanner = CivilTextScanner(text.trimmingSpaces())
        guard let time = scanner.timeOfDay(requireSeconds: false), scanner.isAtEnd else { return nil }
        return time
    }
}

extension String {
    func trimmingSpaces() -> String {
        guard utf8.first == 0x20 || utf8.last == 0x20 else { return self }
        var view = Substring(self)
        while view.first == " " { view.removeFirst() }
        while view.last == " " { view.removeLast() }
        return String(view)
    }
}
