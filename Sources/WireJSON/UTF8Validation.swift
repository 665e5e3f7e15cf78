extension JSONByteParser {
    /// The length of the well-formed UTF-8 sequence whose lead byte (≥ 0x80) is at `position`.
    ///
    /// JSON text is UTF-8 (RFC 8259 §8.1), and Google's front end refuses a body that is not, so
    /// overlong forms, UTF-16 surrogates, code points past U+10FFFF and cut-short sequences are
    /// errors here rather than U+FFFD in the stored string.
    /// Checks `range`, whose bytes are known to include one ≥ 0x80; sequences must end inside it.
    func validateUTF8(_ range: Range<Int>) throws(JSONParseError) {
        var position = range.lowerBound
        while position < range.upperBound {
            if bytes[position] < 0x80 {
                position += 1
            } else {
                position += try utf8SequenceLength(at: position, end: range.upperBound)
            }
        }
    }

    func utf8SequenceLength(at position: Int, end: Int? = nil) throws(JSONParseError) -> Int {
        let lead = bytes[position]
        let length: Int
        // The second byte's range is narrower after some lead bytes (Unicode Table 3-7).
        var lowest: UInt8 = 0x80
        var highest: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            lowest = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            highest = 0x9F
        case 0xF0:
            length = 4
            lowest = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            highest = 0x8F
        default: throw JSONParseError(offset: position, reason: "invalid UTF-8")
        }
        guard position + length <= (end ?? bytes.count) else { throw JSONParseError(offset: position, reason: "invalid UTF-8") }
        let second = bytes[position + 1]
        guard second >= lowest, second <= highest else { throw JSONParseError(offset: position, reason: "invalid UTF-8") }
        for offset in 2..<length where bytes[position + offset] & 0xC0 != 0x80 {
            throw JSONParseError(offset: position, reason: "invalid UTF-8")
        }
        return length
    }
}
