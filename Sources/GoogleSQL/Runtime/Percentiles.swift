import Foundation
import GRDB

/// Where percentile p falls among the sorted values 0...maxIndex: the index below it and the
/// weights of that value and the next. `maxIndex × p` is computed exactly (p is a binary
/// fraction), so an index that is a whole number has no spurious right weight.
enum PercentilePosition {
    static func locate(_ p: Double, maxIndex: Int) -> (index: Int, left: Double, right: Double) {
        if p == 0 { return (0, 1, 0) }
        if p == 1 { return (maxIndex, 1, 0) }
        if p == 0.5 {
            let right = 0.5 * Double(maxIndex & 1)
            return (maxIndex >> 1, 1 - right, right)
        }
        guard p.isNormal else {
            let right = p * Double(maxIndex)
            return (0, 1 - right, right)
        }
        // p = mantissa × 2^exponent with an integer mantissa.
        let width = p.significandWidth
        let mantissa = ((1 << 52) | p.significandBitPattern) >> UInt64(52 - width)
        let exponent = Int(p.exponent) - width
        let fractionalBits = -exponent
        let product = UInt128(mantissa) * UInt128(maxIndex)
        func scaled(_ value: UInt128) -> Double { Double(sign: .plus, exponent: exponent, significand: Double(value)) }
        guard fractionalBits < 128 else {
            let right = scaled(product)
            return (0, 1 - right, right)
        }
        let scale = UInt128(1) << fractionalBits
        let fraction = product & (scale - 1)
        let index = Int(product >> fractionalBits)
        // The smaller weight comes from the exact fraction; the larger is 1 minus it.
        if fraction > scale >> 1 {
            let left = scaled(scale - fraction)
            return (index, left, 1 - left)
        }
        let right = scaled(fraction)
        return (index, 1 - right, right)
    }

    static func percentile(_ value: DatabaseValue) throws -> Double {
        let p = try Library.double(value)
        guard p >= 0, p <= 1 else { throw GoogleSQLError.invalidQuery("Percentile argument must be in [0, 1]; got \(p)") }
        return p
    }
}

/// `gsql_percentile_cont(value, percentile, respect nulls)`: the value at the percentile, linearly
/// interpolated between the two nearest; NaN sorts first. With RESPECT NULLS the NULLs sort first
/// too, and interpolating between a NULL and a number gives the number.
struct PercentileContinuous: DatabaseAggregate {
    var values: [Double] = []
    var nulls = 0
    var percentile = 0.0

    mutating func step(_ arguments: [DatabaseValue]) throws {
        percentile = try PercentilePosition.percentile(arguments[1])
        if let value = try FloatSemantics.double(arguments[0]) {
            values.append(value)
        } else if Int64.fromDatabaseValue(arguments[2]) == 1 {
            nulls += 1
        }
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted { ($0.isNaN && !$1.isNaN) || $0 < $1 }
        let (index, left, right) = PercentilePosition.locate(percentile, maxIndex: sorted.count + nulls - 1)
        if index >= nulls {
            let low = sorted[index - nulls]
            guard right > 0 else { return FloatSemantics.stored(low) }
            return FloatSemantics.stored(low * left + sorted[index - nulls + 1] * right)
        }
        if index == nulls - 1, right != 0 { return FloatSemantics.stored(sorted[0]) }
        return nil
    }
}

/// `gsql_percentile_disc(value, sort key, percentile, respect nulls)`: the first value in sort order
/// whose cumulative distribution reaches the percentile; with RESPECT NULLS, NULLs count and sort first.
struct PercentileDiscrete: DatabaseAggregate {
    var rows: [(value: DatabaseValue, key: DatabaseValue)] = []
    var nulls = 0
    var percentile = 0.0

    mutating func step(_ arguments: [DatabaseValue]) throws {
        percentile = try PercentilePosition.percentile(arguments[2])
        if !arguments[0].isNull {
            rows.append((arguments[0], arguments[1]))
        } else if Int64.fromDatabaseValue(arguments[3]) == 1 {
            nulls += 1
        }
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        guard !rows.isEmpty else { return nil }
        let sorted = rows.sorted { LibraryAggregates.compare($0.key, $1.key) < 0 }
        var (index, _, right) = PercentilePosition.locate(percentile, maxIndex: sorted.count + nulls)
        if index > 0, right == 0 { index -= 1 }
        guard index >= nulls else { return nil }
        return sorted[index - nulls].value
    }
}

/// `gsql_numeric_percentile_cont(value, percentile, respect nulls)` (and BIGNUMERIC): PERCENTILE_CONT
/// of decimals with a decimal percentile, exactly. The percentile's units (p × 10^scale) times the
/// largest index give the index and the weights, also in units; the interpolation is rounded once,
/// half away from zero, to the type's scale.
struct DecimalPercentileContinuous<Tag: DecimalKindTag>: DatabaseAggregate {
    var values: [ExactDecimal] = []
    var nulls = 0
    var percentile = ExactDecimal.zero(Tag.kind)

    mutating func step(_ arguments: [DatabaseValue]) throws {
        percentile = try DecimalFunctions.decimal(arguments[1], Tag.kind)
        if !arguments[0].isNull {
            values.append(try DecimalFunctions.decimal(arguments[0], Tag.kind))
        } else if Int64.fromDatabaseValue(arguments[2]) == 1 {
            nulls += 1
        }
    }

    func finalize() throws -> (any DatabaseValueConvertible)? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted { ExactDecimal.compare($0, $1) < 0 }
        let whole = UnsignedMagnitude.powerOfTen(Tag.kind.scale)
        let product = percentile.units * UnsignedMagnitude(UInt64(sorted.count + nulls - 1))
        let (quotient, right) = product.quotientAndRemainder(dividingBy: whole)
        let index = Int(quotient.isZero ? 0 : quotient.limbs[0])
        if index >= nulls {
            let low = sorted[index - nulls]
            guard !right.isZero else { return low.description }
            let high = sorted[index - nulls + 1]
            let (negative, units) = ExactDecimal.signedSum(low.isNegative, low.units * (whole - right), high.isNegative, high.units * right)
            guard let result = ExactDecimal(kind: Tag.kind, negative: negative, units: ExactDecimal.roundedQuotient(units, whole)) else {
                throw GoogleSQLError.invalidQuery("\(Tag.kind.overflowWord): PERCENTILE_CONT")
            }
            return result.description
        }
        if index == nulls - 1, !right.isZero { return sorted[0].description }
        return nil
    }
}
