import WireJSON

/// One typed BigQuery cell. Records hold their fields in schema order.
public indirect enum BigQueryValue: Sendable, Hashable {
    case null
    case string(String)
    case bytes([UInt8])
    case int64(Int64)
    case float64(Double)
    /// Canonical decimal text: no exponent, no leading or trailing zeros.
    case numeric(String)
    case bignumeric(String)
    case bool(Bool)
    /// Microseconds since the Unix epoch, UTC.
    case timestamp(Int64)
    /// Days since 1970-01-01.
    case date(Int64)
    case datetime(days: Int64, timeMicros: Int64)
    /// Microseconds since midnight.
    case time(Int64)
    /// Canonical (compact) JSON text.
    case json(String)
    case range(RangeValue)
    case record([BigQueryValue])
    case array([BigQueryValue])
}

/// Decimal text in canonical form, within BigQuery's NUMERIC or BIGNUMERIC limits.
public enum DecimalText {
    public static let numericLimits = (integerDigits: 29, scale: 9)
    public static let bignumericLimits = (integerDigits: 38, scale: 38)

    /// BIGNUMERIC's exact range, (2^255 - 1) × 10^-38 down to -2^255 × 10^-38: 38 whole digits
    /// and a partial 39th, 38 after the point. Canonical text, or nil outside it.
    public static func canonicalBignumeric(_ text: String) -> String? {
        guard let canonical = canonical(text, integerDigits: 39, scale: 38) else { return nil }
        var magnitude = Substring(canonical)
        let negative = magnitude.hasPrefix("-")
        if negative { magnitude = magnitude.dropFirst() }
        let parts = magnitude.split(separator: ".", omittingEmptySubsequences: false)
        guard parts[0].count == 39 else { return canonical }
        // The value × 10^38 as 77 digits, against 2^255 - 1 (or 2^255 below zero).
        let fraction = parts.count > 1 ? parts[1] : ""
        let scaled = String(parts[0]) + String(fraction) + String(repeating: "0", count: 38 - fraction.count)
        let bound = negative ? twoTo255 : twoTo255Less1
        return scaled <= bound ? canonical : nil
    }

    private static let twoTo255 = "57896044618658097711785492504343953926634992332820282019728792003956564819968"
    private static let twoTo255Less1 = "57896044618658097711785492504343953926634992332820282019728792003956564819967"

    /// Canonicalizes `-0012.3400`, `1.5e3` and the like; nil when not a number or out of range.
    public static func canonical(_ text: String, integerDigits: Int, scale: Int) -> String? {
        // Most values arrive canonical already ("12.25", "-3"), and handing the text back allocates nothing.
        let alreadyCanonical = text.utf8.withContiguousStorageIfAvailable {
            isCanonical($0, integerDigits: integerDigits, scale: scale)
        }
        if alreadyCanonical == true { return text }
        return rewritten(text, integerDigits: integerDigits, scale: scale)
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?` within the limits, and not `-0`.
    private static func isCanonical(_ bytes: UnsafeBufferPointer<UInt8>, integerDigits: Int, scale: Int) -> Bool {
        func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
        var index = 0
        let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
        if negative { index += 1 }
        let wholeStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        let wholeCount = index - wholeStart
        guard wholeCount > 0 else { return false }
        let wholeIsZero = bytes[wholeStart] == UInt8(ascii: "0")
        guard wholeIsZero ? wholeCount == 1 : wholeCount <= integerDigits else { return false }
        if index == bytes.count { return !(negative && wholeIsZero) }
        guard bytes[index] == UInt8(ascii: ".") else { return false }
        index += 1
        let fractionStart = index
        while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        let fractionCount = index - fractionStart
        return index == bytes.count && fractionCount > 0 && fractionCount <= scale
            && bytes[index - 1] != UInt8(ascii: "0")
    }

    private static func rewritten(_ text: String, integerDigits: Int, scale: Int) -> String? {
        var bytes = Substring(text.trimmingSpaces()).utf8[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var whole: [UInt8] = []
        var fraction: [UInt8] = []
        var exponent = 0
        var sawPoint = false
        var sawDigit = false
        var iterator = bytes.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                if sawPoint { fraction.append(byte) } else { whole.append(byte) }
            case UInt8(ascii: "."):
                guard !sawPoint else { return nil }
                sawPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                var rest: [UInt8] = []
                while let next = iterator.next() { rest.append(next) }
                guard let parsed = Int(String(decoding: rest, as: UTF8.self)), abs(parsed) < 1000 else { return nil }
                exponent = parsed
            default:
                return nil
            }
        }
        guard sawDigit else { return nil }
        // Shift the decimal point by the exponent.
        var digits = whole + fraction
        var pointPosition = whole.count + exponent
        if pointPosition < 0 {
            digits = Array(repeating: UInt8(ascii: "0"), count: -pointPosition) + digits
            pointPosition = 0
        }
        if pointPosition > digits.count {
            digits += Array(repeating: UInt8(ascii: "0"), count: pointPosition - digits.count)
        }
        var integerPart = Array(digits[..<pointPosition])
        var fractionPart = Array(digits[pointPosition...])
        while integerPart.first == UInt8(ascii: "0") { integerPart.removeFirst() }
        while fractionPart.last == UInt8(ascii: "0") { fractionPart.removeLast() }
        guard integerPart.count <= integerDigits, fractionPart.count <= scale else { return nil }
        var result = integerPart.isEmpty ? "0" : String(decoding: integerPart, as: UTF8.self)
        if !fractionPart.isEmpty { result += "." + String(decoding: fractionPart, as: UTF8.self) }
        if negative && result != "0" { result = "-" + result }
        return result
    }
}
