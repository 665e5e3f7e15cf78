/// An unsigned integer of any size: little-endian 64-bit limbs with no high zero limbs (zero has none).
///
/// Exact NUMERIC and BIGNUMERIC arithmetic needs integers past 128 bits (a BIGNUMERIC product has up to
/// 510 bits before rescaling); this is the small part of a big-integer library those operations use.
package struct UnsignedMagnitude: Hashable, Sendable, Comparable, CustomStringConvertible {
    private(set) var limbs: [UInt64]

    static let zero = UnsignedMagnitude(limbs: [])

    init(_ value: UInt64) { limbs = value == 0 ? [] : [value] }

    package init(limbs: [UInt64]) {
        self.limbs = limbs
        while self.limbs.last == 0 { self.limbs.removeLast() }
    }

    package var isZero: Bool { limbs.isEmpty }

    /// Bits needed to write the number (0 for zero).
    var bitWidth: Int { limbs.last.map { limbs.count * 64 - $0.leadingZeroBitCount } ?? 0 }

    /// The value when it fits one limb.
    var uint64Value: UInt64? { limbs.count <= 1 ? (limbs.first ?? 0) : nil }

    func bit(_ index: Int) -> Bool {
        guard index >= 0, index / 64 < limbs.count else { return false }
        return limbs[index / 64] >> UInt64(index % 64) & 1 == 1
    }

    package static func < (a: Self, b: Self) -> Bool { compare(a, b) < 0 }

    /// -1, 0 or 1.
    static func compare(_ a: Self, _ b: Self) -> Int {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count ? -1 : 1 }
        for index in a.limbs.indices.reversed() where a.limbs[index] != b.limbs[index] {
            return a.limbs[index] < b.limbs[index] ? -1 : 1
        }
        return 0
    }

    static func + (a: Self, b: Self) -> Self {
        let (long, short) = a.limbs.count >= b.limbs.count ? (a.limbs, b.limbs) : (b.limbs, a.limbs)
        var result = long
        var carry: UInt64 = 0
        for index in result.indices {
            let (partial, overflow1) = result[index].addingReportingOverflow(index < short.count ? short[index] : 0)
            let (sum, overflow2) = partial.addingReportingOverflow(carry)
            result[index] = sum
            carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
            if carry == 0 && index >= short.count { break }
        }
        if carry != 0 { result.append(carry) }
        return UnsignedMagnitude(limbs: result)
    }

    /// `a - b`; the caller guarantees `a >= b`.
    static func - (a: Self, b: Self) -> Self {
        precondition(a >= b, "UnsignedMagnitude subtraction would be negative")
        var result = a.limbs
        var borrow: UInt64 = 0
        for index in result.indices {
            let (partial, overflow1) = result[index].subtractingReportingOverflow(index < b.limbs.count ? b.limbs[index] : 0)
            let (difference, overflow2) = partial.subtractingReportingOverflow(borrow)
            result[index] = difference
            borrow = (overflow1 || overflow2) ? 1 : 0
            if borrow == 0 && index >= b.limbs.count { break }
        }
        return UnsignedMagnitude(limbs: result)
    }

    static func * (a: Self, b: Self) -> Self {
        if a.isZero || b.isZero { return .zero }
        var result = [UInt64](repeating: 0, count: a.limbs.count + b.limbs.count)
        for (i, x) in a.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, y) in b.limbs.enumerated() {
                let product = x.multipliedFullWidth(by: y)
                let (low, overflow1) = product.low.addingReportingOverflow(result[i + j])
                let (sum, overflow2) = low.addingReportingOverflow(carry)
                result[i + j] = sum
                // product.high <= 2^64 - 2, so adding two carries cannot wrap.
                carry = product.high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
            }
            result[i + b.limbs.count] = carry
        }
        return UnsignedMagnitude(limbs: result)
    }

    /// `self * factor + addend` for one-limb operands, in place (decimal parsing).
    mutating func multiply(by factor: UInt64, adding addend: UInt64) {
        var carry = addend
        for index in limbs.indices {
            let product = limbs[index].multipliedFullWidth(by: factor)
            let (sum, overflow) = product.low.addingReportingOverflow(carry)
            limbs[index] = sum
            carry = product.high &+ (overflow ? 1 : 0)
        }
        if carry != 0 { limbs.append(carry) }
        while limbs.last == 0 { limbs.removeLast() }
    }

    func quotientAndRemainder(dividingBy divisor: UInt64) -> (quotient: Self, remainder: UInt64) {
        precondition(divisor != 0, "UnsignedMagnitude division by zero")
        var quotient = limbs
        var remainder: UInt64 = 0
        for index in limbs.indices.reversed() {
            (quotient[index], remainder) = divisor.dividingFullWidth((high: remainder, low: limbs[index]))
        }
        return (UnsignedMagnitude(limbs: quotient), remainder)
    }

    /// Long division (Knuth, TAOCP vol. 2, 4.3.1, algorithm D) on 64-bit limbs.
    func quotientAndRemainder(dividingBy divisor: Self) -> (quotient: Self, remainder: Self) {
        precondition(!divisor.isZero, "UnsignedMagnitude division by zero")
        if self < divisor { return (.zero, self) }
        if divisor.limbs.count == 1 {
            let (quotient, remainder) = quotientAndRemainder(dividingBy: divisor.limbs[0])
            return (quotient, UnsignedMagnitude(remainder))
        }
        // Normalise so the divisor's top limb has its high bit set; quotient digit estimates are then
        // at most two too large.
        let shift = divisor.limbs.last!.leadingZeroBitCount
        let v = (divisor << shift).limbs
        var u = (self << shift).limbs
        if u.count == limbs.count { u.append(0) }
        let n = v.count
        let m = u.count - n - 1
        var quotient = [UInt64](repeating: 0, count: m + 1)
        for j in stride(from: m, through: 0, by: -1) {
            var estimate: UInt64
            var rest: UInt64
            var restOverflowed = false
            if u[j + n] >= v[n - 1] {
                // The two-limb head divided by v[n-1] would not fit a limb: start from the largest digit.
                estimate = .max
                (rest, restOverflowed) = u[j + n - 1].addingReportingOverflow(v[n - 1])
            } else {
                (estimate, rest) = v[n - 1].dividingFullWidth((high: u[j + n], low: u[j + n - 1]))
            }
            while !restOverflowed {
                let product = estimate.multipliedFullWidth(by: v[n - 2])
                guard product.high > rest || (product.high == rest && product.low > u[j + n - 2]) else { break }
                estimate -= 1
                (rest, restOverflowed) = rest.addingReportingOverflow(v[n - 1])
            }
            // u[j...j+n] -= estimate * v
            var carry: UInt64 = 0
            var borrow: UInt64 = 0
            for i in 0..<n {
                let product = estimate.multipliedFullWidth(by: v[i])
                let (low, overflow) = product.low.addingReportingOverflow(carry)
                carry = product.high &+ (overflow ? 1 : 0)
                let (partial, borrow1) = u[i + j].subtractingReportingOverflow(low)
                let (difference, borrow2) = partial.subtractingReportingOverflow(borrow)
                u[i + j] = difference
                borrow = (borrow1 || borrow2) ? 1 : 0
            }
            let (partial, borrow1) = u[j + n].subtractingReportingOverflow(carry)
            let (top, borrow2) = partial.subtractingReportingOverflow(borrow)
            u[j + n] = top
            if borrow1 || borrow2 {
                // The estimate was one too large: add the divisor back.
                estimate -= 1
                var addCarry: UInt64 = 0
                for i in 0..<n {
                    let (sum1, overflow1) = u[i + j].addingReportingOverflow(v[i])
                    let (sum2, overflow2) = sum1.addingReportingOverflow(addCarry)
                    u[i + j] = sum2
                    addCarry = (overflow1 || overflow2) ? 1 : 0
                }
                u[j + n] &+= addCarry
            }
            quotient[j] = estimate
        }
        let remainder = UnsignedMagnitude(limbs: Array(u[0..<n])) >> shift
        return (UnsignedMagnitude(limbs: quotient), remainder)
    }

    static func << (value: Self, shift: Int) -> Self {
        guard shift > 0, !value.isZero else { return value }
        let limbShift = shift / 64
        let bitShift = UInt64(shift % 64)
        var result = [UInt64](repeating: 0, count: limbShift) + value.limbs + [0]
        if bitShift > 0 {
            for index in stride(from: result.count - 1, to: limbShift, by: -1) {
                result[index] = result[index] << bitShift | result[index - 1] >> (64 - bitShift)
            }
            result[limbShift] = value.limbs[0] << bitShift
        }
        return UnsignedMagnitude(limbs: result)
    }

    static func >> (value: Self, shift: Int) -> Self {
        guard shift > 0 else { return value }
        let limbShift = shift / 64
        guard limbShift < value.limbs.count else { return .zero }
        let bitShift = UInt64(shift % 64)
        var result = Array(value.limbs[limbShift...])
        if bitShift > 0 {
            for index in result.indices {
                let high = index + 1 < result.count ? result[index + 1] << (64 - bitShift) : 0
                result[index] = result[index] >> bitShift | high
            }
        }
        return UnsignedMagnitude(limbs: result)
    }

    /// 10^exponent; exponents up to 100 are cached (the largest any decimal operation here needs is 76).
    static func powerOfTen(_ exponent: Int) -> Self {
        if exponent < powersOfTen.count { return powersOfTen[exponent] }
        var result = powersOfTen[powersOfTen.count - 1]
        for _ in powersOfTen.count - 1..<exponent { result.multiply(by: 10, adding: 0) }
        return result
    }

    private static let powersOfTen: [UnsignedMagnitude] = {
        var powers = [UnsignedMagnitude(1)]
        for _ in 1...100 {
            var next = powers[powers.count - 1]
            next.multiply(by: 10, adding: 0)
            powers.append(next)
        }
        return powers
    }()

    /// Decimal digits, without leading zeros ("0" for zero).
    package var description: String { String(decoding: decimalDigits, as: UTF8.self) }

    /// ASCII decimal digits without leading zeros (`[0x30]` for zero).
    package var decimalDigits: [UInt8] {
        var digits: [UInt8] = []
        digits.reserveCapacity(limbs.count * 20)
        var rest = self
        // 19 digits at a time; every chunk but the most significant is zero-padded to 19.
        while rest.limbs.count > 1 {
            let (quotient, remainder) = rest.quotientAndRemainder(dividingBy: 10_000_000_000_000_000_000)
            var chunk = remainder
            for _ in 0..<19 {
                digits.append(UInt8(ascii: "0") + UInt8(chunk % 10))
                chunk /= 10
            }
            rest = quotient
        }
        var top = rest.limbs.first ?? 0
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(top % 10))
            top /= 10
        } while top != 0
        return digits.reversed()
    }
}
