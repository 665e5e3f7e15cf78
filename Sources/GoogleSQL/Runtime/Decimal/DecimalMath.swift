/// MOD, SQRT, POW, EXP, LN, LOG10 and LOG of NUMERIC and BIGNUMERIC. MOD and SQRT are exact; the
/// others are computed in decimal fixed point with 30 more fractional digits than the type keeps,
/// then rounded once, half away from zero, to the type's scale: the correctly rounded result except
/// within 10^-30 of a tie. A result of more than 9 whole digits needs as many more, so EXP and POW
/// compute such a result again with 70 (`Context.wide`). The error messages are the reference
/// implementation's.
enum DecimalMath {

    static func mod(_ a: ExactDecimal, _ b: ExactDecimal) throws(GoogleSQLError) -> ExactDecimal {
        guard !b.isZero else { throw GoogleSQLError.invalidQuery("division by zero: MOD(\(a), \(b))") }
        let remainder = a.units.quotientAndRemainder(dividingBy: b.units).remainder
        return ExactDecimal(kind: a.kind, negative: a.isNegative, units: remainder)!
    }

    static func sqrt(_ a: ExactDecimal) throws(GoogleSQLError) -> ExactDecimal {
        guard !a.isNegative else { throw GoogleSQLError.invalidQuery("SQRT is undefined for negative value: SQRT(\(a))") }
        // units × 10^scale is the value × 10^(2 × scale): its square root is the result's units.
        let square = a.units * .powerOfTen(a.kind.scale)
        var root = integerSquareRoot(square)
        // Half away from zero: up when square ≥ (root + 1/2)², that is square - root² > root.
        if square - root * root > root { root = root + UnsignedMagnitude(1) }
        return ExactDecimal(kind: a.kind, negative: false, units: root)!
    }

    static func exp(_ a: ExactDecimal) throws(GoogleSQLError) -> ExactDecimal {
        let overflow = GoogleSQLError.invalidQuery("\(a.kind.overflowWord): EXP(\(a))")
        // e^100 is past BIGNUMERIC's range; e^-100 rounds to zero in both types.
        if a.units > UnsignedMagnitude(100) * .powerOfTen(a.kind.scale) {
            if a.isNegative { return ExactDecimal.zero(a.kind) }
            throw overflow
        }
        let value = Context.precise(a.kind) { context in context.exp(context.fixed(a)) }
        guard let result = value.context.result(value.fixed, overflow: overflow) else { throw overflow }
        return result
    }

    static func ln(_ a: ExactDecimal, name: String = "LN") throws(GoogleSQLError) -> ExactDecimal {
        guard !a.isNegative, !a.isZero else {
            throw GoogleSQLError.invalidQuery("\(name) is undefined for zero or negative value: \(name)(\(a))")
        }
        let context = Context(a.kind)
        var value = context.ln(context.fixed(a))
        if name == "LOG10" { value = context.divide(value, context.ln10) }
        return context.result(value, overflow: nil)!
    }

    static func log(_ a: ExactDecimal, base: ExactDecimal) throws(GoogleSQLError) -> ExactDecimal {
        let one = ExactDecimal(Int64(1), kind: a.kind)
        guard !a.isNegative, !a.isZero, !base.isNegative, !base.isZero, ExactDecimal.compare(base, one) != 0 else {
            throw GoogleSQLError.invalidQuery(
                "LOG is undefined for zero or negative value, or when base equals 1: LOG(\(a), \(base))")
        }
        let context = Context(a.kind)
        let quotient = context.divide(context.ln(context.fixed(a)), context.ln(context.fixed(base)))
        let overflow = GoogleSQLError.invalidQuery("\(a.kind.overflowWord): LOG(\(a), \(base))")
        guard let result = context.result(quotient, overflow: overflow) else { throw overflow }
        return result
    }

    static func pow(_ base: ExactDecimal, _ exponent: ExactDecimal) throws(GoogleSQLError) -> ExactDecimal {
        let kind = base.kind
        let call = "POW(\(base), \(exponent))"
        let overflow = GoogleSQLError.invalidQuery("\(kind.overflowWord): \(call)")
        let one = ExactDecimal(Int64(1), kind: kind)
        if exponent.isZero { return one }
        if base.isZero {
            if exponent.isNegative { throw GoogleSQLError.invalidQuery("division by zero: \(call)") }
            return base
        }
        let unit = UnsignedMagnitude.powerOfTen(kind.scale)
        let (whole, fraction) = exponent.units.quotientAndRemainder(dividingBy: unit)
        if base.isNegative, !fraction.isZero {
            throw GoogleSQLError.invalidQuery(
                "Negative \(kind == .numeric ? "NUMERIC" : "BIGNUMERIC") value cannot be raised to a fractional power: \(call)")
        }
        let absolute = ExactDecimal(kind: kind, negative: false, units: base.units)!
        if !fraction.isZero {
            // e^(y·ln x): past ±100 the result is out of range, or rounds to zero.
            let estimate = Context(kind)
            let logarithm = estimate.multiply(estimate.ln(estimate.fixed(absolute)), estimate.fixed(exponent))
            if logarithm.magnitude > estimate.scaled(100) {
                if logarithm.negative { return ExactDecimal.zero(kind) }
                throw overflow
            }
        }
        let value = Context.precise(kind) { (context: Context) -> Fixed? in
            let magnitude = context.fixed(absolute)
            guard fraction.isZero else { return context.exp(context.multiply(context.ln(magnitude), context.fixed(exponent))) }
            // An integral power by squaring, of |base| or of its inverse for a negative exponent.
            let factor = exponent.isNegative ? context.divide(context.one, magnitude) : magnitude
            return context.integerPower(factor, whole).map { Fixed(negative: base.isNegative && whole.isOdd, magnitude: $0.magnitude) }
        }
        guard let fixed = value.fixed, let result = value.context.result(fixed, overflow: overflow) else { throw overflow }
        return result
    }

    /// ⌊√n⌋ by Newton's iteration from above.
    static func integerSquareRoot(_ n: UnsignedMagnitude) -> UnsignedMagnitude {
        if n.isZero { return n }
        var x = UnsignedMagnitude(1) << ((n.bitWidth + 1) / 2)
        while true {
            let next = (x + n.quotientAndRemainder(dividingBy: x).quotient) >> 1
            if next >= x { return x }
            x = next
        }
    }
}

/// A computed value, or nil for one past the range (`DecimalMath.Context.precise`).
protocol FixedResult {
    var fixedMagnitude: UnsignedMagnitude? { get }
}

extension Fixed: FixedResult {
    var fixedMagnitude: UnsignedMagnitude? { magnitude }
}

extension Optional: FixedResult where Wrapped == Fixed {
    var fixedMagnitude: UnsignedMagnitude? { self?.magnitude }
}

/// A signed value × 10^-digits of a `Context`.
struct Fixed: Sendable {
    var negative: Bool
    var magnitude: UnsignedMagnitude
}

extension DecimalMath {
    /// Fixed-point arithmetic with the working precision of one decimal kind.
    struct Context {
        let kind: DecimalKind
        /// Fractional digits carried: the kind's scale and the guard digits.
        let digits: Int
        let unit: UnsignedMagnitude

        /// 30 guard digits, or 70 when `wide`.
        let wide: Bool

        init(_ kind: DecimalKind, wide: Bool = false) {
            self.kind = kind
            self.wide = wide
            digits = kind.scale + (wide ? 70 : 30)
            unit = .powerOfTen(digits)
        }

        /// `compute` at 30 guard digits, or again at 70 when its result has more than 9 whole digits.
        static func precise<T>(_ kind: DecimalKind, _ compute: (Context) -> T) -> (context: Context, fixed: T) where T: FixedResult {
            let context = Context(kind)
            let value = compute(context)
            guard let magnitude = value.fixedMagnitude, magnitude >= UnsignedMagnitude.powerOfTen(9) * context.unit else { return (context, value) }
            let wide = Context(kind, wide: true)
            return (wide, compute(wide))
        }

        var one: Fixed { Fixed(negative: false, magnitude: unit) }
        func scaled(_ integer: UInt64) -> UnsignedMagnitude { UnsignedMagnitude(integer) * unit }

        func fixed(_ value: ExactDecimal) -> Fixed {
            Fixed(negative: value.isNegative, magnitude: value.units * .powerOfTen(digits - value.kind.scale))
        }

        /// Rounded half away from zero to the kind's scale; nil past its range.
        func result(_ value: Fixed, overflow: GoogleSQLError?) -> ExactDecimal? {
            let units = ExactDecimal.roundedQuotient(value.magnitude, .powerOfTen(digits - kind.scale))
            return ExactDecimal(kind: kind, negative: value.negative, units: units)
        }

        func add(_ a: Fixed, _ b: Fixed) -> Fixed {
            let sum = ExactDecimal.signedSum(a.negative, a.magnitude, b.negative, b.magnitude)
            return Fixed(negative: sum.negative && !sum.units.isZero, magnitude: sum.units)
        }

        func multiply(_ a: Fixed, _ b: Fixed) -> Fixed {
            Fixed(negative: a.negative != b.negative, magnitude: ExactDecimal.roundedQuotient(a.magnitude * b.magnitude, unit))
        }

        func divide(_ a: Fixed, _ b: Fixed) -> Fixed {
            Fixed(negative: a.negative != b.negative, magnitude: ExactDecimal.roundedQuotient(a.magnitude * unit, b.magnitude))
        }

        func halve(_ a: Fixed, times: Int) -> Fixed {
            Fixed(negative: a.negative, magnitude: ExactDecimal.roundedQuotient(a.magnitude, UnsignedMagnitude(1) << times))
        }

        /// e^x for |x| ≤ 100: x = k·ln 2 + r with |r| ≤ ln 2 / 2, e^r by its series, then × 2^k.
        func exp(_ x: Fixed) -> Fixed {
            let ln2 = self.ln2
            let k = ExactDecimal.roundedQuotient(x.magnitude, ln2.magnitude)
            let shift = Int(k.uint64Value ?? 0)
            let reduced = add(x, Fixed(negative: !x.negative, magnitude: ln2.magnitude * k))
            var sum = one
            var term = one
            var n: UInt64 = 1
            while true {
                term = multiply(term, reduced)
                term.magnitude = term.magnitude.quotientAndRemainder(dividingBy: n).quotient
                if term.magnitude.isZero { break }
                sum = add(sum, term)
                n += 1
            }
            if x.negative { return halve(sum, times: shift) }
            return Fixed(negative: false, magnitude: sum.magnitude << shift)
        }

        /// ln x for x > 0: x = m·2^k with m in [1/2, 1), ln m = 2·atanh((m - 1)/(m + 1)).
        func ln(_ x: Fixed) -> Fixed {
            var k = x.magnitude.bitWidth - unit.bitWidth
            var m = k >= 0 ? halve(x, times: k) : Fixed(negative: false, magnitude: x.magnitude << -k)
            while m.magnitude >= unit {
                m = halve(m, times: 1)
                k += 1
            }
            while m.magnitude + m.magnitude < unit {
                m.magnitude = m.magnitude << 1
                k -= 1
            }
            let t = divide(add(m, Fixed(negative: true, magnitude: unit)), add(m, one))
            var value = multiply(atanh(t), Fixed(negative: false, magnitude: UnsignedMagnitude(2) * unit))
            if k != 0 {
                let multiple = Fixed(negative: k < 0, magnitude: ln2.magnitude * UnsignedMagnitude(UInt64(abs(k))))
                value = add(value, multiple)
            }
            return value
        }

        /// atanh t = t + t³/3 + t⁵/5 + ..., for |t| ≤ 1/3.
        func atanh(_ t: Fixed) -> Fixed {
            let square = multiply(t, t)
            var power = t
            var sum = t
            var n: UInt64 = 3
            while true {
                power = multiply(power, square)
                let term = Fixed(negative: power.negative, magnitude: power.magnitude.quotientAndRemainder(dividingBy: n).quotient)
                if term.magnitude.isZero { return sum }
                sum = add(sum, term)
                n += 2
            }
        }

        /// ln 2 and ln 10 at this precision, computed once per kind.
        var ln2: Fixed { constants.ln2 }
        var ln10: Fixed { constants.ln10 }
        private var constants: Constants {
            switch (kind, wide) {
            case (.numeric, false): Constants.numeric
            case (.numeric, true): Constants.wideNumeric
            case (.bignumeric, false): Constants.bignumeric
            case (.bignumeric, true): Constants.wideBignumeric
            }
        }

        /// ln 2 = 2·atanh(1/3).
        func computeLn2() -> Fixed {
            let third = divide(one, Fixed(negative: false, magnitude: UnsignedMagnitude(3) * unit))
            return multiply(atanh(third), Fixed(negative: false, magnitude: UnsignedMagnitude(2) * unit))
        }

        /// x^n for a non-negative x by squaring; nil once the value is past 10^40, beyond both types.
        func integerPower(_ x: Fixed, _ n: UnsignedMagnitude) -> Fixed? {
            let limit = UnsignedMagnitude.powerOfTen(40) * unit
            var result = one
            var square = x
            var remaining = n
            while !remaining.isZero {
                if remaining.isOdd {
                    result = multiply(result, square)
                    if result.magnitude > limit { return nil }
                }
                remaining = remaining >> 1
                if remaining.isZero { break }
                // A square past the limit only matters if it is multiplied in later, which overflows.
                if square.magnitude > limit { return nil }
                square = multiply(square, square)
            }
            return result
        }
    }
}

/// ln 2 and ln 10 at each kind's working precision.
private struct Constants: Sendable {
    let ln2: Fixed
    let ln10: Fixed

    init(_ kind: DecimalKind, wide: Bool) {
        let context = DecimalMath.Context(kind, wide: wide)
        ln2 = context.computeLn2()
        // ln 10 = 3·ln 2 + ln 1.25, and ln 1.25 = 2·atanh(1/9) needs no ln 2.
        let ninth = context.divide(context.one, Fixed(negative: false, magnitude: context.scaled(9)))
        let ln125 = context.multiply(context.atanh(ninth), Fixed(negative: false, magnitude: context.scaled(2)))
        ln10 = context.add(Fixed(negative: false, magnitude: ln2.magnitude * UnsignedMagnitude(3)), ln125)
    }

    static let numeric = Constants(.numeric, wide: false)
    static let bignumeric = Constants(.bignumeric, wide: false)
    static let wideNumeric = Constants(.numeric, wide: true)
    static let wideBignumeric = Constants(.bignumeric, wide: true)
}

extension UnsignedMagnitude {
    var isOdd: Bool { bit(0) }
}
