import Testing
import WarehouseSchema

@testable import GoogleSQL

/// Expected values are the examples of BigQuery's mathematical functions documentation.
@Suite struct MathFunctionTests {
    let db = try! Fixture.events()

    @Test func roundGoesHalfAwayFromZeroAndToNegativePlaces() throws {
        #expect(try db.value("ROUND(123.7, -1)") == .float64(120))
        #expect(try db.value("ROUND(1.235, 2)") == .float64(1.24))
        #expect(try db.value("ROUND(2.5)") == .float64(3))
        #expect(try db.value("ROUND(-2.5)") == .float64(-3))
        #expect(try db.value("ROUND(-2.3)") == .float64(-2))
        #expect(try db.value("ROUND(2.8)") == .float64(3))
        #expect(try db.value("ROUND(0)") == .float64(0))
        #expect(try db.value("ROUND(CAST('inf' AS FLOAT64))") == .float64(.infinity))
        #expect(try db.value("IS_NAN(ROUND(CAST('nan' AS FLOAT64)))") == .bool(true))
        #expect(try db.value("ROUND(NULL, 1)") == .null)
    }

    @Test func truncGoesTowardZero() throws {
        #expect(try db.value("TRUNC(2.8)") == .float64(2))
        #expect(try db.value("TRUNC(-2.8)") == .float64(-2))
        #expect(try db.value("TRUNC(123.456, 1)") == .float64(123.4))
        #expect(try db.value("TRUNC(123.456, -1)") == .float64(120))
    }
}

extension MathFunctionTests {
    @Test func safeArithmeticGivesNullOnOverflow() throws {
        #expect(try db.value("SAFE_ADD(5, 4)") == .int64(9))
        #expect(try db.value("SAFE_ADD(9223372036854775807, 1)") == .null)
        #expect(try db.value("SAFE_SUBTRACT(5, 4)") == .int64(1))
        #expect(try db.value("SAFE_MULTIPLY(20, 4)") == .int64(80))
        #expect(try db.value("SAFE_MULTIPLY(9223372036854775807, 2)") == .null)
        #expect(try db.value("SAFE_NEGATE(1)") == .int64(-1))
        #expect(try db.value("SAFE_NEGATE(-9223372036854775807 - 1)") == .null)
        #expect(try db.value("SAFE_DIVIDE(20, 4)") == .float64(5))
        #expect(try db.value("SAFE_DIVIDE(20, 0)") == .null)
        #expect(try db.value("IEEE_DIVIDE(20.0, 4.0)") == .float64(5))
        #expect(try db.value("IEEE_DIVIDE(25.0, 0.0)") == .float64(.infinity))
        #expect(try db.value("IS_NAN(IEEE_DIVIDE(0.0, 0.0))") == .bool(true))
        #expect(try db.value("IS_INF(IEEE_DIVIDE(-25.0, 0.0))") == .bool(true))
        #expect(try db.value("DIV(20, 4)") == .int64(5))
        #expect(try db.value("MOD(25, 12)") == .int64(1))
    }

    @Test func safePrefixTurnsErrorsIntoNull() throws {
        #expect(try db.value("SAFE.SUBSTR('foo', 0, -2)") == .null)
        #expect(try db.value("SAFE.SUBSTR('bar', 0, 2)") == .string("ba"))
        #expect(try db.value("SAFE.SQRT(-1)") == .null)
        #expect(try db.value("SAFE.PARSE_DATE('%Y', 'nope')") == .null)
        #expect(db.failure("SQRT(-1)") != nil)
    }

    @Test func transcendentalFunctions() throws {
        #expect(try db.value("SQRT(25)") == .float64(5))
        #expect(try db.value("POW(2, 10)") == .float64(1024))
        #expect(try db.value("POWER(2.0, -1)") == .float64(0.5))
        #expect(try db.value("LOG(100, 10)") == .float64(2))
        #expect(try db.value("LOG10(1000)") == .float64(3))
        #expect(try db.value("LN(1)") == .float64(0))
        #expect(try db.value("EXP(0)") == .float64(1))
        #expect(try db.value("SIGN(-5)") == .int64(-1))
        #expect(try db.value("SIGN(2.5)") == .float64(1))
        #expect(db.failure("LN(0)") != nil)
    }

    @Test func bitwiseOperatorsAndBitCount() throws {
        #expect(try db.value("12 & 10") == .int64(8))
        #expect(try db.value("12 | 10") == .int64(14))
        #expect(try db.value("12 ^ 10") == .int64(6))
        #expect(try db.value("~0") == .int64(-1))
        #expect(try db.value("1 << 4") == .int64(16))
        #expect(try db.value("-1 >> 63") == .int64(1))
        #expect(try db.value("1 << 64") == .int64(0))
        #expect(try db.value("1 | 2 = 3") == .bool(true))
        #expect(try db.value("1 + 1 << 2") == .int64(8))
        #expect(try db.value("BIT_COUNT(5)") == .int64(2))
        #expect(try db.value("BIT_COUNT(-1)") == .int64(64))
        #expect(try db.value("BIT_COUNT(b'\\xff\\xff')") == .int64(16))
        #expect(db.failure("1 << -1") != nil)
        #expect(db.failure("1.5 & 1") == "No matching signature for operator & for argument types: FLOAT64, INT64 at [1:8]")
    }
}
