/// ROUND and TRUNC of FLOAT64 to N decimal places (N may be negative: digits left of the point).
///
/// Works on the shortest decimal text of the value, so `ROUND(1.235, 2)` is 1.24 as written, not
/// the 1.23 that scaling the binary value (1.23499999...) by 100 would give.
enum FloatRounding {
    enum Mode {
        /// ROUND: halfway cases away from zero.
        case halfAwayFromZero
        /// TRUNC: toward zero.
        case towardZero
    }

    static func round(_ value: Double, digits: Int64, mode: Mode) throws(GoogleSQLError) -> Double {
        guard value.isFinite, value != 0 else { return value }
        // No double has a significant digit past the 1074th place, nor one left of the 309th.
        if digits > 400 { return value }
        if digits < -400 { return value.sign == .minus ? -0.0 : 0 }
        let (negative, mantissa, exponent) = decimalParts(value)
        // value = 0.d1d2d3... × 10^exponent; keep the digits before place `exponent + digits`.
        let keep = Int(exponent) + Int(digits)
        if keep >= mantissa.count { return value }
        var kept = keep > 0 ? Array(mantissa[..<keep]) : []
        var newExponent = exponent
        let roundUp = mode == .halfAwayFromZero && keep >= 0 && mantissa[keep] >= 5
        if roundUp {
            var index = kept.count - 1
            while index >= 0 {
                if kept[index] == 9 {
                    kept[index] = 0
                    index -= 1
                } else {
                    kept[index] += 1
                    break
                }
            }
            if index < 0 {
                kept.insert(1, at: 0)
                newExponent += 1
            }
        }
        if kept.isEmpty { return negative ? -0.0 : 0 }
        let digitsText = kept.map(String.init).joined()
        let text = (negative ? "-" : "") + "0." + digitsText + "e" + String(newExponent)
        guard let result = Double(text), result.isFinite else {
            throw GoogleSQLError.invalidQuery("Floating point overflow in ROUND(\(value), \(digits))")
        }
        return result
    }

    /// The shortest round-tripping decimal digits of a finite nonzero value, as 0.digits × 10^exponent.
    private static func decimalParts(_ value: Double) -> (negative: Bool, digits: [Int], exponent: Int64) {
        let text = String(describing: value.magnitude)
        var digits: [Int] = []
        var pointPosition: Int?
        var exponent: Int64 = 0
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "." {
                pointPosition = digits.count
            } else if character == "e" || character == "E" {
                exponent = Int64(text[text.index(after: index)...]) ?? 0
                break
            } else if let digit = character.wholeNumberValue {
                digits.append(digit)
            }
            index = text.index(after: index)
        }
        var point = Int64(pointPosition ?? digits.count)
        // Leading zeros ("0.00123") move the point, trailing zeros carry nothing.
        while let first = digits.first, first == 0 {
            digits.removeFirst()
            point -= 1
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
        return (value.sign == .minus, digits, point + exponent)
    }
}
