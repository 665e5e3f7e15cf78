/// REGEXP_EXTRACT / REGEXP_SUBSTR with a position and occurrence, and REGEXP_INSTR: the nth
/// non-overlapping match at or after a 1-based character position, found by the RE2 engine
/// (`^` still anchors at the start of the whole text, as BigQuery's does).
extension RegularExpression {
    /// The byte range of the `occurrence`-th match (its capturing group when there is one) searching
    /// from the byte offset `start`; nil when there are fewer matches.
    func occurrence(_ occurrence: Int, in text: [UInt8], from start: Int) throws(GoogleSQLError) -> (whole: Range<Int>, group: Range<Int>?)? {
        guard groupCount <= 1 else {
            throw .invalidQuery("Regular expressions passed into extraction functions must not have more than 1 capturing group")
        }
        var start = start
        var seen = 0
        while start <= text.count, let match = firstMatch(in: text, from: start, groups: groupCount + 1), let whole = match[0] {
            seen += 1
            if seen == occurrence { return (whole, match[groupCount]) }
            // After an empty match, step past one character so the search moves on.
            start = whole.isEmpty ? Self.characterEnd(in: text, after: whole.upperBound) : whole.upperBound
        }
        return nil
    }

    /// The offset of the UTF-8 character after `offset` (one past the end at the end).
    static func characterEnd(in text: [UInt8], after offset: Int) -> Int {
        var next = offset + 1
        while next < text.count, text[next] & 0xC0 == 0x80 { next += 1 }
        return next
    }

    /// The byte offset of the 1-based character `position` (byte, for BYTES); nil past the end.
    static func byteOffset(ofPosition position: Int64, in text: [UInt8], bytes: Bool) -> Int? {
        if bytes { return position <= Int64(text.count) ? Int(position - 1) : nil }
        var offset = 0
        var remaining = position - 1
        while remaining > 0 {
            guard offset < text.count else { return nil }
            offset = characterEnd(in: text, after: offset)
            remaining -= 1
        }
        return offset < text.count ? offset : nil
    }

    /// The 1-based character position (byte, for BYTES) at byte `offset`.
    static func position(ofByteOffset offset: Int, in text: [UInt8], bytes: Bool) -> Int64 {
        if bytes { return Int64(offset) + 1 }
        return Int64(text[..<offset].count { $0 & 0xC0 != 0x80 }) + 1
    }
}

/// The runtime entry points: (value, pattern, position [, occurrence [, occurrence_position]]).
enum RegularExpressionSearch {
    static func validated(_ function: String, position: Int64, occurrence: Int64) throws(GoogleSQLError) {
        guard position > 0 else { throw .invalidQuery("Position parameter in \(function) function must be positive: \(position)") }
        guard occurrence > 0 else { throw .invalidQuery("Occurrence parameter in \(function) function must be positive: \(occurrence)") }
    }

    /// REGEXP_EXTRACT's match (or group) bytes; nil when there is none.
    static func extract(
        _ expression: RegularExpression, from text: [UInt8], bytes: Bool, position: Int64, occurrence: Int64
    ) throws(GoogleSQLError) -> [UInt8]? {
        try validated("REGEXP_EXTRACT", position: position, occurrence: occurrence)
        guard let start = RegularExpression.byteOffset(ofPosition: position, in: text, bytes: bytes),
            let match = try expression.occurrence(Int(clamping: occurrence), in: text, from: start)
        else { return nil }
        return match.group.map { Array(text[$0]) }
    }

    /// REGEXP_INSTR: the 1-based position where the match (or group) starts, or just after it ends
    /// when `after` is set; 0 when there is no match.
    static func instr(
        _ expression: RegularExpression, in text: [UInt8], bytes: Bool, position: Int64, occurrence: Int64, after: Int64
    ) throws(GoogleSQLError) -> Int64 {
        try validated("REGEXP_INSTR", position: position, occurrence: occurrence)
        guard after == 0 || after == 1 else {
            throw .invalidQuery("Invalid occurrence_position value in REGEXP_INSTR function: \(after); it must be 0 or 1")
        }
        guard let start = RegularExpression.byteOffset(ofPosition: position, in: text, bytes: bytes),
            let match = try expression.occurrence(Int(clamping: occurrence), in: text, from: start),
            let range = match.group
        else { return 0 }
        return RegularExpression.position(ofByteOffset: after == 1 ? range.upperBound : range.lowerBound, in: text, bytes: bytes)
    }
}
