import GRDB

/// PARSE_NUMERIC / PARSE_BIGNUMERIC's lenient text: one sign at the start or the end (spaces may
/// separate it from the number), commas anywhere in the integer part, an optional exponent, and
/// whitespace around it all, but never inside the digits. The text comes out in CAST's plain form
/// (`-1234e-2`), and CAST then rounds and range-checks it for the target type.
enum NumericTextParsing {
    static func canonical(_ text: String, typeName: String) throws(GoogleSQLError) -> String {
        let invalid = GoogleSQLError.invalidQuery("Invalid \(typeName) value: \(text)")
        var bytes = Array(text.utf8)[...]
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
        func trimSpaces() {
            while let first = bytes.first, isSpace(first) { bytes.removeFirst() }
            while let last = bytes.last, isSpace(last) { bytes.removeLast() }
        }
        trimSpaces()
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            negative = first == UInt8(ascii: "-")
            bytes.removeFirst()
            trimSpaces()
        } else if let last = bytes.last, last == UInt8(ascii: "+") || last == UInt8(ascii: "-") {
            negative = last == UInt8(ascii: "-")
            bytes.removeLast()
            trimSpaces()
        }
        var mantissa: [UInt8] = []
        var sawPoint = false
        var sawDigit = false
        var exponent: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if isDigit(byte) {
                mantissa.append(byte)
                sawDigit = true
            } else if byte == UInt8(ascii: ","), !sawPoint {
                // Grouping commas belong to the integer part only.
            } else if byte == UInt8(ascii: "."), !sawPoint {
                sawPoint = true
                mantissa.append(byte)
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                exponent = Array(bytes[bytes.index(after: index)...])
                break
            } else {
                throw invalid
            }
            index = bytes.index(after: index)
        }
        guard sawDigit else { throw invalid }
        var result = (negative ? "-" : "") + String(decoding: mantissa, as: UTF8.self)
        if index < bytes.endIndex {
            var digits = exponent[...]
            if let sign = digits.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.allSatisfy(isDigit) else { throw invalid }
            result += "e" + String(decoding: exponent, as: UTF8.self)
        }
        return result
    }

    static let implementations: [String: Library.Implementation] = [
        // (text, type name): the text in CAST's form.
        "gsql_parse_numeric_text": Library.strict(2) { a in
            try canonical(Library.text(a[0]), typeName: Library.text(a[1])).databaseValue
        }
    ]
}
