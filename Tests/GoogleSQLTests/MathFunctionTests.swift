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

    /// INT64's least value is written as a negative literal; its magnitude alone is out of range.
    @Test func theLeastInt64IsANegativeLiteral() throws {
        #expect(try db.value("-9223372036854775808") == .int64(.min))
        #expect(db.failure("TIMESTAMP_FROM_UNIX_MICROS(-9223372036854775808)")?.contains("TIMESTAMP overflow") == true)
        #expect(db.failure("9223372036854775808")?.hasPrefix("Invalid integer literal: 9223372036854775808") == true)
        #expect(db.failure("-9223372036854775809")?.hasPrefix("Invalid integer literal: 9223372036854775809") == true)
        #expect(db.failure("1 - 9223372036854775808")?.hasPrefix("Invalid integer literal") == true)
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

/// The bitwise operators on BYTES (operators page): byte by byte on equal lengths, shifts over the
/// whole value.
extension MathFunctionTests {
    @Test func bitwiseOperatorsOnBytesWorkByteByByte() throws {
        #expect(try db.value("b'\\x0f' & b'\\xf3'") == .bytes([0x03]))
        #expect(try db.value("b'\\x0f' | b'\\xf0'") == .bytes([0xff]))
        #expect(try db.value("b'\\x0f\\x01' ^ b'\\xff\\x01'") == .bytes([0xf0, 0x00]))
        #expect(try db.value("~b'\\x00\\xff'") == .bytes([0xff, 0x00]))
        #expect(try db.value("b'\\x01\\x80' << 1") == .bytes([0x03, 0x00]))
        #expect(try db.value("b'\\x01\\x80' >> 9") == .bytes([0x00, 0x00]))
        #expect(try db.value("b'\\x01\\x80' >> 8") == .bytes([0x00, 0x01]))
        #expect(try db.value("b'\\x01' & CAST(NULL AS BYTES)") == .null)
    }

    @Test func bitwiseOperatorOnBytesOfUnequalLengthsFails() throws {
        #expect(db.failure("b'\\x01' & b'\\x01\\x02'")?.contains("requires equal length of the inputs") == true)
        #expect(db.failure("b'\\x01' & 1")?.hasPrefix("No matching signature for operator &") == true)
    }
}

/// The reciprocal trigonometric functions, PI, RAND and RANGE_BUCKET (mathematical functions page).
extension MathFunctionTests {
    private func float(_ expression: String) throws -> Double {
        guard case .float64(let number) = try db.value(expression) else { return .nan }
        return number
    }

    @Test func reciprocalFunctionsMatchTheDocumentedValues() throws {
        #expect(abs(try float("COT(1)") - 0.6420926159343306) < 1e-12)
        #expect(abs(try float("COTH(1)") - 1.313035285499) < 1e-11)
        #expect(abs(try float("CSC(100)") - -1.97485753142) < 1e-10)
        #expect(abs(try float("CSC(-1)") - -1.188395105778) < 1e-11)
        #expect(abs(try float("CSCH(0.5)") - 1.919034751334) < 1e-11)
        #expect(abs(try float("CSCH(-2)") - -0.27572056477) < 1e-10)
        #expect(abs(try float("SEC(100)") - 1.159663822905) < 1e-11)
        #expect(abs(try float("SEC(-1)") - 1.85081571768) < 1e-10)
        #expect(abs(try float("SECH(0.5)") - 0.88681888397) < 1e-10)
        #expect(abs(try float("SECH(-2)") - 0.265802228834) < 1e-11)
        #expect(abs(try float("SECH(100)") / 7.4401519520417e-44 - 1) < 1e-12)
    }

    @Test func reciprocalFunctionsFailAtZeroAndGiveNullUnderSafe() throws {
        for function in ["COT", "COTH", "CSC", "CSCH"] {
            #expect(db.failure("\(function)(0)") != nil)
            #expect(try db.value("SAFE.\(function)(0)") == .null)
        }
        #expect(try db.value("COT(NULL)") == .null)
    }

    @Test func piIsTheFloat64Constant() throws {
        #expect(try db.value("PI()") == .float64(3.141592653589793))
    }

    @Test func randDrawsFromTheUnitIntervalPerRow() throws {
        let sql = "SELECT LOGICAL_AND(r >= 0 AND r < 1), COUNT(DISTINCT r) FROM (SELECT RAND() AS r FROM UNNEST(GENERATE_ARRAY(1, 100)))"
        let row = try db.column(sql)
        #expect(row.first == .bool(true))
    }

    @Test func randDiffersBetweenRows() throws {
        let counts = try db.column("SELECT COUNT(DISTINCT r) FROM (SELECT RAND() AS r FROM UNNEST(GENERATE_ARRAY(1, 100)))")
        guard case .int64(let distinct) = counts.first else {
            Issue.record("no count")
            return
        }
        #expect(distinct > 90)
    }

    @Test func rangeBucketCountsTheBoundariesAtOrBelowThePoint() throws {
        #expect(try db.value("RANGE_BUCKET(20, [0, 10, 20, 30, 40])") == .int64(3))
        #expect(try db.value("RANGE_BUCKET(20, [0, 10, 20, 20, 40, 40])") == .int64(4))
        #expect(try db.value("RANGE_BUCKET(25, [0, 10, 20, 30, 40])") == .int64(3))
        #expect(try db.value("RANGE_BUCKET(-10, [5, 10, 20, 30, 40])") == .int64(0))
        #expect(try db.value("RANGE_BUCKET(80, [0, 10, 20, 30, 40])") == .int64(5))
        #expect(try db.value("RANGE_BUCKET(80, CAST([] AS ARRAY<INT64>))") == .int64(0))
        #expect(try db.value("RANGE_BUCKET(NULL, [0, 10, 20, 30, 40])") == .null)
        #expect(try db.value("RANGE_BUCKET(2.5, [1.0, 2.0, 3.0])") == .int64(2))
    }

    @Test func rangeBucketRefusesUnsortedOrNullBoundaries() throws {
        #expect(db.failure("RANGE_BUCKET(10, [5, 1])") != nil)
        #expect(db.failure("RANGE_BUCKET(10, [1, NULL])") != nil)
    }
}

/// ROUND's rounding_mode argument on NUMERIC and BIGNUMERIC (mathematical functions page, ROUND).
extension MathFunctionTests {
    @Test func roundHalfEvenSendsTiesToTheEvenDigit() throws {
        #expect(try db.value("ROUND(NUMERIC '2.25', 1, 'ROUND_HALF_EVEN')") == .numeric("2.2"))
        #expect(try db.value("ROUND(NUMERIC '2.35', 1, 'ROUND_HALF_EVEN')") == .numeric("2.4"))
        #expect(try db.value("ROUND(NUMERIC '-2.5', 0, 'ROUND_HALF_EVEN')") == .numeric("-2"))
        #expect(try db.value("ROUND(NUMERIC '2.251', 1, 'ROUND_HALF_EVEN')") == .numeric("2.3"))
        #expect(try db.value("ROUND(BIGNUMERIC '0.5', 0, 'ROUND_HALF_EVEN')") == .bignumeric("0"))
        #expect(try db.value("ROUND(NUMERIC '2.25', 1, 'ROUND_HALF_AWAY_FROM_ZERO')") == .numeric("2.3"))
        #expect(try db.value("ROUND(NUMERIC '2.25', 1)") == .numeric("2.3"))
    }

    @Test func roundRefusesAnUnknownRoundingMode() throws {
        #expect(db.failure("ROUND(NUMERIC '2.25', 1, 'ROUND_UP')") != nil)
    }
}
