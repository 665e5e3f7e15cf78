/// A NUMERIC or BIGNUMERIC value, exactly: `units / 10^kind.scale` with a sign.
///
/// BigQuery computes these types exactly and rounds results half away from zero to the type's scale;
/// overflow and division by zero are query errors worded as BigQuery words them. SQLite holds the values
/// as canonical decimal TEXT (see `SQLiteStorage`), and the functions in `DecimalFunctions` parse,
/// compute and format them with this type.
struct ExactDecimal: Sendable, Hashable, CustomStringConvertible {
    let kind: DecimalKind
    /// Never true for zero.
    private(set) var isNegative: Bool
    private(set) var units: UnsignedMagnitude

    /// A value from its units; nil when out of the kind's range.
    init?(kind: DecimalKind, negative: Bool, units: UnsignedMagnitude) {
        guard kind.fits(units: units, negative: negative) else { return nil }
        self.kind = kind
        self.isNegative = negative && !units.isZero
        self.units = units
    }

    init(_ integer: Int64, kind: DecimalKind) {
        self.kind = kind
        isNegative = integer < 0
        units = UnsignedMagnitude(integer.magnitude) * UnsignedMagnitude.powerOfTen(kind.scale)
    }

    static func zero(_ kind: DecimalKind) -> ExactDecimal { ExactDecimal(Int64(0), kind: kind) }

    var isZero: Bool { units.isZero }

    /// Canonical text: no exponent, no leading or trailing zeros, no `-0` (as `DecimalText.canonical`).
    var description: String {
        if units.isZero { return "0" }
        // Bytes, not Characters: this runs for every computed value.
        let zero = UInt8(ascii: "0")
        var digits = units.decimalDigits
        if digits.count <= kind.scale { digits.insert(contentsOf: repeatElement(zero, count: kind.scale + 1 - digits.count), at: 0) }
        let point = digits.count - kind.scale
        var end = digits.count
        while end > point, digits[end - 1] == zero { end -= 1 }
        var text: [UInt8] = []
        text.reserveCapacity(end + 2)
        if isNegative { text.append(UInt8(ascii: "-")) }
        text.append(contentsOf: digits[..<point])
        if end > point {
            text.append(UInt8(ascii: "."))
            text.append(contentsOf: digits[point..<end])
        }
        return String(decoding: text, as: UTF8.self)
    }

    // MARK: - Errors

    private func overflow(_ expression: String) -> GoogleSQLError {
        .invalidQuery("\(kind.overflowWord): \(expression)")
    }

    // MARK: - Arithmetic

    /// The signed sum of two magnitudes with signs, exact.
    static func signedSum(
        _ aNegative: Bool, _ a: UnsignedMagnitude, _ bNegative: Bool, _ b: UnsignedMagnitude
    )
        -> (negative: Bool, units: UnsignedMagnitude)
    {
        if aNegative == bNegative { return (aNegative, a + b) }
        return a >= b ? (aNegative, a - b) : (bNegative, b - a)
    }

    /// `units / divisor` rounded half away from zero (the sign is applied by the caller).
    static func roundedQuotient(_ units: UnsignedMagnitude, _ divisor: UnsignedMagnitude) -> UnsignedMagnitude {
        let (quotient, remainder) = units.quotientAndRemainder(dividingBy: divisor)
        // remainder >= divisor / 2 exactly when 2 * remainder >= divisor.
        return remainder + remainder >= divisor ? quotient + UnsignedMagnitude(1) : quotient
    }

    /// The quotient rounded to nearest, a tie to the even quotient.
    static func roundedQuotientHalfEven(_ units: UnsignedMagnitude, _ divisor: UnsignedMagnitude) -> UnsignedMagnitude {
        let (quotient, remainder) = units.quotientAndRemainder(dividingBy: divisor)
        let twice = remainder + remainder
        if twice > divisor { return quotient + UnsignedMagnitude(1) }
        if twice < divisor { return quotient }
        let odd = !quotient.quotientAndRemainder(dividingBy: UnsignedMagnitude(2)).remainder.isZero
        return odd ? quotient + UnsignedMagnitude(1) : quotient
    }

    func adding(_ other: ExactDecimal) throws(GoogleSQLError) -> ExactDecimal {
        let sum = Self.signedSum(isNegative, units, other.isNegative, other.units)
        guard let result = ExactDecimal(kind: kind, negative: sum.negative, units: sum.units) else {
            throw overflow("\(self) + \(other)")
        }
        return result
    }

    func subtracting(_ other: ExactDecimal) throws(GoogleSQLError) -> ExactDecimal {
        let difference = Self.signedSum(isNegative, units, !other.isNegative, other.units)
        guard let result = ExactDecimal(kind: kind, negative: difference.negative, units: difference.units) else {
            throw overflow("\(self) - \(other)")
        }
        return result
    }

    func multiplied(by other: ExactDecimal) throws(GoogleSQLError) -> ExactDecimal {
        let product = Self.roundedQuotient(units * other.units, .powerOfTen(kind.scale))
        guard let result = ExactDecimal(kind: kind, negative: isNegative != other.isNegative, units: product) else {
            throw overflow("\(self) * \(other)")
        }
        return result
    }

    func divided(by other: ExactDecimal) throws(GoogleSQLError) -> ExactDecimal {
        guard !other.isZero else { throw GoogleSQLError.invalidQuery("division by zero: \(self) / \(other)") }
        let quotient = Self.roundedQuotient(units * .powerOfTen(kind.scale), other.units)
        guard let result = ExactDecimal(kind: kind, negative: isNegative != other.isNegative, units: quotient) else {
            throw overflow(kind == .numeric ? "result out of range: \(self) / \(other)" : "\(self) / \(other)")
        }
        return result
    }

    func negated() throws(GoogleSQLError) -> ExactDecimal {
        guard let result = ExactDecimal(kind: kind, negative: !isNegative, units: units) else {
            throw overflow("-(\(self))")
        }
        return result
    }

    /// -1, 0 or 1, by exact value (kinds may differ).
    static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.isNegative != b.isNegative { return a.isNegative ? -1 : 1 }
        let (x, y) =
            a.kind == b.kind
            ? (a.units, b.units)
            : (a.units * .powerOfTen(38 - a.kind.scale), b.units * .powerOfTen(38 - b.kind.scale))
        let order = UnsignedMagnitude.compare(x, y)
        return a.isNegative ? -order : order
    }

    // MARK: - Rounding

    /// Rounded half away from zero (`truncate` false) or toward zero to `digits` fractional places;
    /// negative `digits` round to tens, hundreds, ... as ROUND(x, -2) does.
    func rounded(toPlaces digits: Int64, truncate: Bool, halfEven: Bool = false) throws(GoogleSQLError) -> ExactDecimal {
        // Past 40 digits either way the answer no longer changes; clamping keeps the arithmetic small.
        let drop = kind.scale - Int(max(-40, min(digits, 40)))
        guard drop > 0 else { return self }
        let divisor = UnsignedMagnitude.powerOfTen(drop)
        let kept =
            truncate
            ? units.quotientAndRemainder(dividingBy: divisor).quotient
            : halfEven ? Self.roundedQuotientHalfEven(units, divisor) : Self.roundedQuotient(units, divisor)
        guard let result = ExactDecimal(kind: kind, negative: isNegative, units: kept * divisor) else {
            throw overflow("ROUND(\(self), \(digits))")
        }
        return result
    }

    /// FLOOR (`up` false) or CEIL (`up` true).
    func roundedToInteger(up: Bool) throws(GoogleSQLError) -> ExactDecimal {
        let one = UnsignedMagnitude.powerOfTen(kind.scale)
        let (whole, fraction) = units.quotientAndRemainder(dividingBy: one)
        // Away from zero when the direction points away from zero, else toward it.
        let awayFromZero = up != isNegative
        let kept = !fraction.isZero && awayFromZero ? whole + UnsignedMagnitude(1) : whole
        guard let result = ExactDecimal(kind: kind, negative: isNegative, units: kept * one) else {
            throw overflow("\(up ? "CEIL" : "FLOOR")(\(self))")
        }
        return result
    }

    /// ABS(x); only BIGNUMERIC's most negative value has no positive counterpart.
    func absoluteValue() throws(GoogleSQLError) -> ExactDecimal {
        guard let result = ExactDecimal(kind: kind, negative: false, units: units) else { throw overflow("ABS(\(self))") }
        return result
    }

    // MARK: - Conversions

    /// The same value as another kind, rounded half away from zero when the scale shrinks.
    func converted(to target: DecimalKind) throws(GoogleSQLError) -> ExactDecimal {
        if target == kind { return self }
        let scaled =
            target.scale > kind.scale
            ? units * .powerOfTen(target.scale - kind.scale)
            : Self.roundedQuotient(units, .powerOfTen(kind.scale - target.scale))
        guard let result = ExactDecimal(kind: target, negative: isNegative, units: scaled) else {
            throw GoogleSQLError.invalidQuery("\(target.outOfRangeWord): \(self)")
        }
        return result
    }

    /// CAST(x AS INT64): rounded half away from zero.
    func int64() throws(GoogleSQLError) -> Int64 {
        let whole = Self.roundedQuotient(units, .powerOfTen(kind.scale))
        if let value = whole.uint64Value {
            if !isNegative, let exact = Int64(exactly: value) { return exact }
            if isNegative, value <= UInt64(Int64.max) + 1 { return Int64(bitPattern: 0 &- value) }
        }
        throw GoogleSQLError.invalidQuery("int64 out of range: \(self)")
    }

    /// CAST(x AS FLOAT64): the nearest double (Swift's parser rounds correctly).
    var double: Double { Double(description) ?? .nan }

    /// CAST(FLOAT64 AS NUMERIC): the double's exact binary value rounded half away from zero.
    init(_ value: Double, kind: DecimalKind) throws(GoogleSQLError) {
        guard value.isFinite else {
            let shown = value.isNaN ? "nan" : value < 0 ? "-inf" : "inf"
            throw GoogleSQLError.invalidQuery(
                "Illegal conversion of non-finite floating point number to \(kind == .numeric ? "numeric" : "BIGNUMERIC"): \(shown)")
        }
        func outOfRange() -> GoogleSQLError { .invalidQuery("\(kind.outOfRangeWord): \(value)") }
        // value = significand × 2^exponent exactly, with an integer significand.
        let significand = value.significandBitPattern | (value.isNormal ? 1 << 52 : 0)
        let exponent = value.isNormal ? Int(value.exponentBitPattern) - 1075 : -1074
        var units = UnsignedMagnitude(significand) * .powerOfTen(kind.scale)
        if exponent >= 0 {
            guard exponent < 300 else { throw outOfRange() }
            units = units << exponent
        } else {
            let shift = -exponent
            let roundUp = units.bit(shift - 1)
            units = units >> shift
            if roundUp { units = units + UnsignedMagnitude(1) }
        }
        guard let result = ExactDecimal(kind: kind, negative: value.sign == .minus, units: units) else { throw outOfRange() }
        self = result
    }
}
