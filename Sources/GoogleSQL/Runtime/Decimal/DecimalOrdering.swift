/// Orders decimal text by exact value. Registered as the SQLite collation `gsql_decimal`, so `=`, `<`,
/// IN, BETWEEN, ORDER BY, GROUP BY, DISTINCT, MIN and MAX on NUMERIC/BIGNUMERIC TEXT compare numbers,
/// not strings (`9.5 < 10`, `-1 < -0.5`, `1.10 = 1.1`).
enum DecimalOrdering {
    static let collationName = "gsql_decimal"
    static let sortKeyFunctionName = "gsql_decimal_key"

    /// -1, 0 or 1. Text that is not a number sorts after every number, by its bytes, so the order stays
    /// total whatever a column holds.
    static func compare(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        let plain = a.withUTF8 { x in b.withUTF8 { y in plainCompare(x, y) } }
        if let plain { return plain }
        switch (ExactDecimal(parsing: a, kind: .bignumeric), ExactDecimal(parsing: b, kind: .bignumeric)) {
        case (let x?, let y?): return ExactDecimal.compare(x, y)
        case (.some, nil): return -1
        case (nil, .some): return 1
        case (nil, nil): return a == b ? 0 : (a < b ? -1 : 1)
        }
    }

    /// Bytes whose order (memcmp) is the value's order and which are equal exactly for equal values:
    /// `gsql_decimal_key(x)`, what ORDER BY and GROUP BY sort by. One key per row is far cheaper than a
    /// collation call per comparison. Nil for text that is not a number.
    static func sortKey(_ text: String) -> [UInt8]? {
        var text = text
        if let key = text.withUTF8({ sortKey(plain: $0) }) { return key }
        guard let value = ExactDecimal(parsing: text, kind: .bignumeric) else { return nil }
        var canonical = value.description
        return canonical.withUTF8 { sortKey(plain: $0) }
    }

    /// Zero is `02`; a positive value `03`, then 0x80 + its decimal exponent (digits before the point, or
    /// minus the zeros after it), then its significant digits; a negative value `01`, then the same
    /// bytes complemented and a closing FF, so a longer magnitude sorts first.
    private static func sortKey(plain bytes: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        guard let decimal = PlainDecimal(bytes) else { return nil }
        var digits = decimal.whole.isEmpty ? decimal.fraction : decimal.whole.lowerBound..<decimal.fraction.upperBound
        var exponent = decimal.whole.count
        if decimal.whole.isEmpty {
            while !digits.isEmpty, bytes[digits.lowerBound] == UInt8(ascii: "0") {
                digits = digits.dropFirst()
                exponent -= 1
            }
        }
        if digits.isEmpty { return [0x02] }
        var key: [UInt8] = []
        key.reserveCapacity(digits.count + 3)
        let exponentByte = UInt8(clamping: 0x80 + exponent)
        if decimal.isNegative {
            key.append(0x01)
            key.append(0xFF - exponentByte)
            for index in digits where index < decimal.whole.upperBound || index >= decimal.fraction.lowerBound {
                key.append(0xFF - bytes[index])
            }
            key.append(0xFF)
        } else {
            key.append(0x03)
            key.append(exponentByte)
            for index in digits where index < decimal.whole.upperBound || index >= decimal.fraction.lowerBound {
                key.append(bytes[index])
            }
        }
        return key
    }

    /// `-?[0-9]+(\.[0-9]+)?`, the form every stored value has, compared digit by digit without parsing
    /// into a number; nil for any other text.
    private static func plainCompare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let x = PlainDecimal(a), let y = PlainDecimal(b) else { return nil }
        if x.isNegative != y.isNegative { return x.isNegative ? -1 : 1 }
        let order = magnitudeOrder(x, y, a, b)
        return x.isNegative ? -order : order
    }

    private static func magnitudeOrder(
        _ x: PlainDecimal, _ y: PlainDecimal,
        _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>
    ) -> Int {
        if x.whole.count != y.whole.count { return x.whole.count < y.whole.count ? -1 : 1 }
        for (p, q) in zip(x.whole, y.whole) where a[p] != b[q] { return a[p] < b[q] ? -1 : 1 }
        for (p, q) in zip(x.fraction, y.fraction) where a[p] != b[q] { return a[p] < b[q] ? -1 : 1 }
        // Trailing zeros are trimmed, so the longer fraction has a nonzero digit more.
        if x.fraction.count != y.fraction.count { return x.fraction.count < y.fraction.count ? -1 : 1 }
        return 0
    }

    /// Where the significant digits of plain decimal text are: the integer part without leading zeros
    /// and the fraction without trailing zeros.
    private struct PlainDecimal {
        var isNegative: Bool
        var whole: Range<Int>
        var fraction: Range<Int>

        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
            var index = 0
            let negative = index < bytes.count && bytes[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            let wholeStart = index
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
            guard index > wholeStart else { return nil }
            var wholeEnd = index
            var fractionStart = index
            var fractionEnd = index
            if index < bytes.count {
                guard bytes[index] == UInt8(ascii: ".") else { return nil }
                index += 1
                fractionStart = index
                while index < bytes.count, isDigit(bytes[index]) { index += 1 }
                guard index == bytes.count, index > fractionStart else { return nil }
                fractionEnd = index
            }
            var significantStart = wholeStart
            while significantStart < wholeEnd, bytes[significantStart] == UInt8(ascii: "0") { significantStart += 1 }
            while fractionEnd > fractionStart, bytes[fractionEnd - 1] == UInt8(ascii: "0") { fractionEnd -= 1 }
            wholeEnd = max(wholeEnd, significantStart)
            whole = significantStart..<wholeEnd
            fraction = fractionStart..<fractionEnd
            // -0 and -0.000 are zero, which has no sign.
            isNegative = negative && !(whole.isEmpty && fraction.isEmpty)
        }
    }
}
