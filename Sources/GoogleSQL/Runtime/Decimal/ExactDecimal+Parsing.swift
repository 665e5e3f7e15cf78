extension ExactDecimal {
    /// Parses decimal text: `-12.50`, `+.5`, `1e-3`, surrounding spaces. Nil when the text is not a
    /// number, is out of the kind's range, or (unless `rounding`) has more fractional digits than the
    /// scale: CAST from STRING rounds half away from zero, literals and stored values must fit.
    init?(parsing text: String, kind: DecimalKind, rounding: Bool = true) {
        var digits: [UInt8] = []
        digits.reserveCapacity(40)
        var negative = false
        var fractionDigits = 0
        var exponent = 0
        var sawDigit = false
        var sawPoint = false
        var utf8 = text.utf8[...]
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }
        while let first = utf8.first, isSpace(first) { utf8 = utf8.dropFirst() }
        while let last = utf8.last, isSpace(last) { utf8 = utf8.dropLast() }
        if let first = utf8.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            utf8 = utf8.dropFirst()
        }
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                // Leading zeros add nothing to the integer of all digits; fraction digits still count.
                if !(digits.isEmpty && byte == UInt8(ascii: "0")) { digits.append(byte - UInt8(ascii: "0")) }
                if sawPoint { fractionDigits += 1 }
            case UInt8(ascii: "."):
                guard !sawPoint else { return nil }
                sawPoint = true
            case UInt8(ascii: "e"), UInt8(ascii: "E"):
                guard sawDigit, let parsed = Self.exponent(utf8[utf8.index(after: index)...]) else { return nil }
                exponent = parsed
                index = utf8.endIndex
                continue
            default:
                return nil
            }
            index = utf8.index(after: index)
        }
        guard sawDigit else { return nil }
        // value = digits × 10^(exponent − fractionDigits); units = value × 10^scale.
        let shift = kind.scale + exponent - fractionDigits
        var units: UnsignedMagnitude
        if shift >= 0 {
            // BIGNUMERIC's largest value has 77 digits of units; anything longer is out of range.
            guard digits.isEmpty || digits.count + shift <= 80 else { return nil }
            units = Self.magnitude(of: digits[...]) * .powerOfTen(shift)
        } else {
            let dropped = -shift
            let keptCount = max(0, digits.count - dropped)
            let droppedDigits = digits[keptCount...]
            if !rounding && droppedDigits.contains(where: { $0 != 0 }) { return nil }
            units = Self.magnitude(of: digits[..<keptCount])
            // Half away from zero needs only the first dropped digit (zero when all digits were dropped
            // and more places than digits were dropped).
            let firstDropped = dropped <= digits.count ? droppedDigits.first ?? 0 : 0
            if firstDropped >= 5 { units = units + UnsignedMagnitude(1) }
        }
        guard let value = ExactDecimal(kind: kind, negative: negative, units: units) else { return nil }
        self = value
    }

    /// An optionally signed exponent, saturated far beyond any value that can fit.
    private static func exponent(_ utf8: Substring.UTF8View) -> Int? {
        var rest = utf8
        var negative = false
        if let first = rest.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            rest = rest.dropFirst()
        }
        guard !rest.isEmpty else { return nil }
        var value = 0
        for byte in rest {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = min(value * 10 + Int(byte - UInt8(ascii: "0")), 100_000)
        }
        return negative ? -value : value
    }

    private static func magnitude(of digits: ArraySlice<UInt8>) -> UnsignedMagnitude {
        var result = UnsignedMagnitude.zero
        var index = digits.startIndex
        while index < digits.endIndex {
            // Up to 19 digits at a time fit one limb.
            let end = min(index + 19, digits.endIndex)
            var chunk: UInt64 = 0
            var factor: UInt64 = 1
            for digit in digits[index..<end] {
                chunk = chunk * 10 + UInt64(digit)
                factor *= 10
            }
            result.multiply(by: factor, adding: chunk)
            index = end
        }
        return result
    }
}
