import WarehouseSchema

/// PARSE_DATE / PARSE_DATETIME / PARSE_TIME / PARSE_TIMESTAMP: a string read by the format elements
/// of FORMAT_* (see `TimeFormat`). Unspecified fields come from 1970-01-01 00:00:00; names are case
/// insensitive; whitespace in the format matches any run of whitespace (or none) in the input, and
/// the input may have whitespace around it.
enum TimeParse {
    struct Fields {
        var year = 1970
        var month = 1
        var day = 1
        var dayOfYear: Int?
        var hour = 0
        var minute = 0
        var second = 0
        var micros = 0
        var pm: Bool?
        /// Seconds east of UTC, from %z or %Ez.
        var offset: Int64?
        var zoneName: String?
        /// From %s: overrides every other element.
        var epochSeconds: Int64?
        var century: Int?
        var yearInCentury: Int?
    }

    private static let monthNames = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]
    private static let weekdayNames = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]

    static func failure(_ input: String) -> GoogleSQLError { .invalidQuery("Failed to parse input string \"\(input)\"") }

    static func parse(_ format: String, _ input: String) throws(GoogleSQLError) -> Fields {
        var fields = Fields()
        var text = Array(input.unicodeScalars)[...]
        let pattern = Array(format.unicodeScalars)
        func skipSpaces() { while let c = text.first, c.properties.isWhitespace { text.removeFirst() } }
        skipSpaces()
        try read(pattern[...], from: &text, into: &fields, input: input)
        skipSpaces()
        guard text.isEmpty else { throw failure(input) }
        if let century = fields.century {
            fields.year = century * 100 + (fields.yearInCentury ?? 0)
        } else if let short = fields.yearInCentury {
            fields.year = short < 69 ? 2000 + short : 1900 + short
        }
        if let pm = fields.pm {
            guard (1...12).contains(fields.hour) else { throw failure(input) }
            fields.hour = fields.hour % 12 + (pm ? 12 : 0)
        }
        return fields
    }

    private static func read(
        _ pattern: ArraySlice<Unicode.Scalar>, from text: inout ArraySlice<Unicode.Scalar>, into fields: inout Fields, input: String
    ) throws(GoogleSQLError) {
        var pattern = pattern
        func number(_ maxDigits: Int, signed: Bool = false) throws(GoogleSQLError) -> Int {
            var negative = false
            if signed, let sign = text.first, sign == "-" || sign == "+" {
                negative = sign == "-"
                text.removeFirst()
            }
            var value = 0
            var count = 0
            while count < maxDigits, let c = text.first, let digit = Int(String(c)), c.isASCII {
                let (scaled, overflow1) = value.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = scaled.addingReportingOverflow(digit)
                guard !overflow1, !overflow2 else { throw failure(input) }
                value = sum
                count += 1
                text.removeFirst()
            }
            guard count > 0 else { throw failure(input) }
            return negative ? -value : value
        }
        func name(_ names: [String]) throws(GoogleSQLError) -> Int {
            let rest = String(String.UnicodeScalarView(text.prefix(12))).lowercased()
            // Full names first, then their three-letter abbreviations.
            for (index, full) in names.enumerated() where rest.hasPrefix(full) && text.count >= full.count {
                text.removeFirst(full.count)
                return index
            }
            for (index, full) in names.enumerated() where rest.hasPrefix(String(full.prefix(3))) && text.count >= 3 {
                text.removeFirst(3)
                return index
            }
            throw failure(input)
        }
        func sub(_ format: String) throws(GoogleSQLError) {
            try read(Array(format.unicodeScalars)[...], from: &text, into: &fields, input: input)
        }
        while let c = pattern.popFirst() {
            if c.properties.isWhitespace {
                while let next = text.first, next.properties.isWhitespace { text.removeFirst() }
                continue
            }
            guard c == "%" else {
                guard text.first == c else { throw failure(input) }
                text.removeFirst()
                continue
            }
            guard var element = pattern.popFirst() else { throw GoogleSQLError.invalidQuery("Invalid format string: trailing %") }
            var fraction: Int?
            if element == "E" {
                guard let next = pattern.popFirst() else { throw GoogleSQLError.invalidQuery("Invalid format string") }
                if next == "z" {
                    element = "z"
                } else if next == "4", pattern.first == "Y" {
                    pattern.removeFirst()
                    fields.year = try number(4)
                    continue
                } else {
                    if next == "*" {
                        fraction = 9
                    } else if let digits = Int(String(next)) {
                        fraction = digits
                    } else {
                        throw GoogleSQLError.invalidQuery("Invalid format element %E\(next)")
                    }
                    guard pattern.popFirst() == "S" else { throw GoogleSQLError.invalidQuery("Invalid format element after %E") }
                    element = "S"
                }
            }
            switch element {
            case "Y": fields.year = try number(4, signed: true)
            case "y": fields.yearInCentury = try number(2)
            case "C": fields.century = try number(2)
            case "m": fields.month = try number(2)
            case "d", "e":
                if element == "e", text.first == " " { text.removeFirst() }
                fields.day = try number(2)
            case "j": fields.dayOfYear = try number(3)
            case "H", "k":
                if element == "k", text.first == " " { text.removeFirst() }
                fields.hour = try number(2)
            case "I", "l":
                if element == "l", text.first == " " { text.removeFirst() }
                fields.hour = try number(2)
                if fields.pm == nil { fields.pm = false }
            case "M": fields.minute = try number(2)
            case "S":
                fields.second = try number(2)
                if let fraction, text.first == "." {
                    text.removeFirst()
                    var digits = 0
                    var micros = 0
                    while digits < max(fraction, 1), let c = text.first, c.isASCII, let digit = Int(String(c)) {
                        if digits < 6 { micros = micros * 10 + digit }
                        digits += 1
                        text.removeFirst()
                    }
                    guard digits > 0 else { throw failure(input) }
                    if digits < 6 { for _ in digits..<6 { micros *= 10 } }
                    fields.micros = micros
                }
            case "p", "P":
                let rest = String(String.UnicodeScalarView(text.prefix(2))).lowercased()
                guard rest == "am" || rest == "pm" else { throw failure(input) }
                fields.pm = rest == "pm"
                text.removeFirst(2)
            case "B", "b", "h": fields.month = try name(monthNames) + 1
            case "A", "a": _ = try name(weekdayNames)
            case "u", "w": _ = try number(1)
            case "Q": _ = try number(1)
            case "F": try sub("%Y-%m-%d")
            case "D", "x": try sub("%m/%d/%y")
            case "T", "X": try sub("%H:%M:%S")
            case "R": try sub("%H:%M")
            case "c": try sub("%a %b %e %H:%M:%S %Y")
            case "s": fields.epochSeconds = Int64(try number(19, signed: true))
            case "z":
                if text.first == "Z" {
                    text.removeFirst()
                    fields.offset = 0
                    continue
                }
                guard let sign = text.popFirst(), sign == "+" || sign == "-" else { throw failure(input) }
                let hours = try number(2)
                if text.first == ":" { text.removeFirst() }
                let minutes = text.first.map { $0.isASCII && Int(String($0)) != nil } == true ? try number(2) : 0
                fields.offset = Int64((hours * 3600 + minutes * 60) * (sign == "-" ? -1 : 1))
            case "Z":
                var zone = ""
                while let c = text.first, !c.properties.isWhitespace {
                    zone.unicodeScalars.append(c)
                    text.removeFirst()
                }
                guard !zone.isEmpty else { throw failure(input) }
                fields.zoneName = zone
            case "n", "t":
                while let next = text.first, next.properties.isWhitespace { text.removeFirst() }
            case "%":
                guard text.first == "%" else { throw failure(input) }
                text.removeFirst()
            default:
                throw GoogleSQLError.invalidQuery("Unsupported: format element %\(element) is not supported by PARSE functions in the local emulator")
            }
        }
    }

    /// The date the fields name; fails for a day that does not exist.
    static func days(_ fields: Fields, input: String) throws(GoogleSQLError) -> Int64 {
        guard (1...9999).contains(fields.year) else { throw failure(input) }
        if let dayOfYear = fields.dayOfYear {
            let first = CivilTime.days(year: fields.year, month: 1, day: 1)
            guard dayOfYear >= 1, dayOfYear <= (CivilTime.isLeap(fields.year) ? 366 : 365) else { throw failure(input) }
            return first + Int64(dayOfYear - 1)
        }
        guard CivilTime.isValidDate(year: fields.year, month: fields.month, day: fields.day) else { throw failure(input) }
        return CivilTime.days(year: fields.year, month: fields.month, day: fields.day)
    }

    static func timeOfDay(_ fields: Fields, input: String) throws(GoogleSQLError) -> Int64 {
        guard (0...23).contains(fields.hour), (0...59).contains(fields.minute), (0...60).contains(fields.second) else {
            throw failure(input)
        }
        // A leap second (:60) is the next minute's :00, as BigQuery reads it.
        return (Int64(fields.hour) * 3600 + Int64(fields.minute) * 60 + Int64(fields.second)) * 1_000_000 + Int64(fields.micros)
    }
}
