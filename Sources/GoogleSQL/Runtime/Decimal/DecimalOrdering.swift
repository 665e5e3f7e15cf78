/// Orders decimal text by exact value. Registered as the SQLite collation `gsql_decimal`, so `=`, `<`,
/// IN, BETWEEN, ORDER BY, GROUP BY, DISTINCT, MIN and MAX on NUMERIC/BIGNUMERIC TEXT compare numbers,
/// not strings (`9.5 < 10`, `-1 < -0.5`, `1.10 = 1.1`).
enum DecimalOrdering {
    static let collationName = "gsql_decimal"

    /// -1, 0 or 1. Text that is not a number sorts after every number, by its bytes, so the order stays
    /// total whatever a column holds.
    static func compare(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        let plain = a.withUTF8 { x in b.withUTF8 { y in plainCompare(x, y) } }
        if let plain { return plain }
        switch (ExactDecimal(parsing: a, kind: .bignumeric), ExactDecimal(parsing: b, kind: .bignumeric)) {
        case (let x?, let y?): return ExactDecimal.compare(x, y)
        case (.some, nil): return -1
        case (nil, .some): return 1
        case (nil, nil): return a == b ? 0 : (a < b ? -1 : 1)
        }
    }

    /// `-?[0-9]+(\.[0-9]+)?`, the form every stored value has, compared digit by digit without parsing
    /// into a number; nil for any other text.
    private static func plainCompare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let x = PlainDecimal(a), let y = PlainDecimal(b) else { return nil }
        if x.isNegative != y.isNegative { return x.isNegative ? -1 : 1 }
        let order = magnitudeOrder(x, y, a, b)
        return x.isNegative ? -order : order
    }

    private static func magnitudeOrder(_ x: PlainDecimal, _ y: PlainDecimal,
                                       _ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
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
