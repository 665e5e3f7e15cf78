/// One element of a `CAST ... FORMAT` date/time format string (`YYYY`, `MON`, `HH24`, `FF3`,
/// `"text"`, `-`, spaces ...), matched longest first and case-insensitively, as GoogleSQL reads them.
struct DateTimeFormatElement {
    enum Category: String {
        case literal = "LITERAL"
        case year = "YEAR"
        case month = "MONTH"
        case day = "DAY"
        case hour = "HOUR"
        case minute = "MINUTE"
        case second = "SECOND"
        case meridian = "MERIDIAN_INDICATOR"
        case timeZone = "TIME_ZONE"
        case century = "CENTURY"
        case quarter = "QUARTER"
        case week = "WEEK"
        case era = "ERA_INDICATOR"
        case misc = "MISC"
    }

    /// How a word the element prints is cased, from how the element is written: `MON` → `JAN`,
    /// `Mon` → `Jan`, `mon` → `jan`.
    enum Casing {
        case upper, capitalized, lower, preserved
    }

    /// The element's name in upper case (`YYYY`, `FF`, `A.M.`); `"` for quoted text, ` ` for spaces,
    /// the character itself for the other literals.
    var name: String
    var category: Category
    var casing: Casing
    /// Characters the element takes in the format string.
    var length: Int
    /// A literal's text (unescaped for quoted text).
    var literal = ""
    /// FFn: n.
    var digits = 0

    var isLiteral: Bool { category == .literal }
    var isWhitespace: Bool { name == " " }

    /// As errors quote it: `'YYYY'`, `'FF3'`, `'-'`.
    var quoted: String {
        switch name {
        case "FF": return "'FF\(digits)'"
        case "\"": return "'\"\(literal)\"'"
        case " ": return "'" + String(repeating: " ", count: length) + "'"
        default: return "'\(isLiteral ? literal : name)'"
        }
    }

    private static let categories: [(Category, [String])] = [
        (.year, ["YYYY", "YYY", "YY", "Y", "RRRR", "RR", "Y,YYY", "IYYY", "IYY", "IY", "I", "SYYYY", "YEAR", "SYEAR"]),
        (.month, ["MM", "MON", "MONTH", "RM"]),
        (.day, ["DDD", "DD", "D", "DAY", "DY", "J"]),
        (.hour, ["HH", "HH12", "HH24"]),
        (.minute, ["MI"]),
        (.second, ["SS", "SSSSS"] + (1...12).map { "FF\($0)" }),
        (.meridian, ["AM", "PM", "A.M.", "P.M."]),
        (.timeZone, ["TZH", "TZM"]),
        (.century, ["CC", "SCC"]),
        (.quarter, ["Q"]),
        (.week, ["IW", "WW", "W"]),
        (.era, ["AD", "BC", "A.D.", "B.C."]),
        (.misc, ["SP", "TH", "SPTH", "THSP", "FM"]),
    ]

    /// Every element name, longest first, so the first prefix found is the longest.
    private static let names: [(name: String, characters: [Character], category: Category)] =
        categories.flatMap { category, names in names.map { ($0, Array($0), category) } }.sorted { $0.name.count > $1.name.count }

    /// The reference implementation's limit on a format string.
    static let maximumFormatLength = 1024 * 1024

    private static let simpleLiterals: Set<Character> = ["-", ".", "/", ",", "'", ";", ":"]

    /// The elements of a format string; an error names the first place no element matches.
    static func elements(of format: String) throws(GoogleSQLError) -> [DateTimeFormatElement] {
        guard format.utf8.count <= maximumFormatLength else {
            throw GoogleSQLError.invalidQuery("Format string too long; limit \(maximumFormatLength)")
        }
        let characters = Array(format)
        let upper = Array(format.uppercased())
        guard upper.count == characters.count else { throw unmatched(at: 0) }
        var elements: [DateTimeFormatElement] = []
        var index = 0
        var offset = 0
        while index < characters.count {
            let character = characters[index]
            var element: DateTimeFormatElement
            if character == "\"" {
                var text = ""
                var end = index + 1
                var escaped = false
                var closed = false
                while end < characters.count {
                    let next = characters[end]
                    end += 1
                    if escaped {
                        guard next == "\\" || next == "\"" else {
                            throw GoogleSQLError.invalidQuery("Unsupported escape sequence \\\(next) in text at \(offset)")
                        }
                        escaped = false
                    } else if next == "\\" {
                        escaped = true
                        continue
                    } else if next == "\"" {
                        closed = true
                        break
                    }
                    text.append(next)
                }
                guard closed else { throw GoogleSQLError.invalidQuery("Cannot find matching \" for quoted literal at \(offset)") }
                element = DateTimeFormatElement(name: "\"", category: .literal, casing: .preserved, length: end - index, literal: text)
            } else if character == " " {
                var end = index
                while end < characters.count, characters[end] == " " { end += 1 }
                element = DateTimeFormatElement(name: " ", category: .literal, casing: .preserved, length: end - index)
            } else if simpleLiterals.contains(character) {
                // "A.M." and the like start with a letter, so a literal never hides one.
                element = DateTimeFormatElement(
                    name: String(character), category: .literal, casing: .preserved, length: 1, literal: String(character))
            } else {
                guard
                    let match = names.first(where: { candidate in
                        candidate.characters.count <= upper.count - index
                            && upper[index..<(index + candidate.characters.count)].elementsEqual(candidate.characters)
                    })
                else { throw unmatched(at: offset) }
                let written = Array(characters[index..<(index + match.name.count)])
                var name = match.name
                var digits = 0
                if name.hasPrefix("FF") {
                    digits = Int(name.dropFirst(2)) ?? 0
                    name = "FF"
                }
                element = DateTimeFormatElement(
                    name: name, category: match.category, casing: casing(of: written, category: match.category), length: match.name.count,
                    digits: digits)
            }
            elements.append(element)
            offset += String(characters[index..<(index + element.length)]).utf8.count
            index += element.length
        }
        return elements
    }

    private static func unmatched(at offset: Int) -> GoogleSQLError {
        .invalidQuery("Cannot find matched format element at \(offset)")
    }

    private static func casing(of written: [Character], category: Category) -> Casing {
        guard let first = written.first else { return .upper }
        if first.isLowercase { return .lower }
        if category == .meridian || category == .era || written.count == 1 { return .upper }
        if first.isUppercase, written.count > 1, written[1].isLowercase { return .capitalized }
        return .upper
    }

    func cased(_ text: String) -> String {
        switch casing {
        case .upper: text.uppercased()
        case .lower: text.lowercased()
        case .capitalized, .preserved: text
        }
    }

    /// Whether the element reads digits first when parsing: the element before it then reads exactly
    /// its own width.
    var startsWithDigits: Bool {
        ["YYYY", "YYY", "YY", "Y", "RRRR", "RR", "Y,YYY", "MM", "DD", "HH", "HH12", "HH24", "MI", "SS", "SSSSS", "FF", "TZM"].contains(name)
    }
}
