/// Whether a Double holds a JSON number literal as written: whether the Double's shortest form
/// (what the encoder writes, and what NUMERIC conversion reads) has the literal's decimal value.
enum JSONNumberFidelity {
    /// `literal` is a well-formed JSON number; `value` is what it parses to.
    static func doubleKeeps(_ literal: UnsafeBufferPointer<UInt8>, _ value: Double) -> Bool {
        guard value.isFinite else { return false }
        // Up to 15 significant digits, distinct decimals are distinct normal Doubles, so the
        // shortest form of the Double is this decimal: the common case needs no formatting.
        if value == 0 || value.magnitude >= Double.leastNormalMagnitude, significantDigitsAtMost15(literal) { return true }
        var shortest = value.description
        return shortest.withUTF8 { DecimalForm($0) } == DecimalForm(literal)
    }

    /// Counts mantissa digits after any leading zeros (trailing zeros too, which only errs towards
    /// the exact comparison), without allocating.
    private static func significantDigitsAtMost15(_ literal: UnsafeBufferPointer<UInt8>) -> Bool {
        var count = 0
        for byte in literal {
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { break }
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { continue }
            if count == 0, byte == UInt8(ascii: "0") { continue }
            count += 1
            if count > 15 { return false }
        }
        return true
    }
}

/// A decimal number as sign, significant digits (no leading or trailing zeros) and the power of
/// ten of the last digit; zero has no digits. Equal forms are equal numbers.
struct DecimalForm: Equatable {
    var negative = false
    var digits: [UInt8] = []
    var exponent = 0

    /// Reads a JSON number or Swift's `description` of a finite Double (`1e-05`, `1.5e+20`).
    init(_ text: UnsafeBufferPointer<UInt8>) {
        var index = 0
        if index < text.count, text[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var fractionDigits = 0
        var sawPoint = false
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                sawPoint = true
            } else if byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") {
                if !(digits.isEmpty && byte == UInt8(ascii: "0")) { digits.append(byte) }
                if sawPoint { fractionDigits += 1 }
            } else {
                break
            }
            index += 1
        }
        var written = 0
        if index < text.count {
            // An exponent: [eE][+-]?digits. Far beyond any Double, it only needs to compare unequal.
            index += 1
            var exponentNegative = false
            if index < text.count, text[index] == UInt8(ascii: "+") || text[index] == UInt8(ascii: "-") {
                exponentNegative = text[index] == UInt8(ascii: "-")
                index += 1
            }
            while index < text.count {
                written = min(written * 10 + Int(text[index] - UInt8(ascii: "0")), 1_000_000)
                index += 1
            }
            if exponentNegative { written = -written }
        }
        exponent = written - fractionDigits
        while digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty {
            negative = false
            exponent = 0
        }
    }
}
