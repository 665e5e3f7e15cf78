import GRDB
import Testing
import WarehouseSchema

@testable import GoogleSQL

/// NUMERIC and BIGNUMERIC computed exactly, end to end through the translator and SQLite.
@Suite struct NumericExecutionTests {
    static let schema = TableSchema(fields: [
        TableFieldSchema(name: "id", type: .integer),
        TableFieldSchema(name: "n", type: .numeric),
        TableFieldSchema(name: "bn", type: .bignumeric),
        TableFieldSchema(name: "f", type: .float),
    ])

    static func table(_ name: String) -> CatalogTable {
        CatalogTable(projectId: "proj", datasetId: "ds", tableId: name, sqliteTable: "t_\(name)", schema: schema)
    }

    /// Neighbours that one double cannot tell apart, and equal values stored with different texts.
    static let amountRows: [[BigQueryValue]] = [
        [.int64(1), .numeric("10"), .bignumeric("10"), .float64(10)],
        [.int64(2), .numeric("9.5"), .bignumeric("9.5"), .float64(9.5)],
        [.int64(3), .numeric("-1"), .bignumeric("-1"), .float64(-1)],
        [.int64(4), .numeric("-0.5"), .bignumeric("-0.5"), .float64(-0.5)],
        [.int64(5), .numeric("1.1"), .bignumeric("1.1"), .float64(1.1)],
        [.int64(6), .numeric("1.10"), .bignumeric("1.100"), .float64(1.1)],
        [
            .int64(7), .numeric("12345678901234567890.123456789"),
            .bignumeric("0.00000000000000000000000000000000000002"), .null,
        ],
        [
            .int64(8), .numeric("12345678901234567890.123456788"),
            .bignumeric("0.00000000000000000000000000000000000001"), .null,
        ],
    ]

    let db = try! Fixture(tables: [
        (table("amounts"), amountRows),
        (
            table("tenths"),
            (1...1000).map { id in
                [.int64(Int64(id)), .numeric("0.1"), .bignumeric("0.00000000000000000000000000000000000001"), .float64(0.1)]
            }
        ),
        (
            table("maxed"),
            [
                [.int64(1), .numeric("99999999999999999999999999999.999999999"), .null, .null],
                [.int64(2), .numeric("0.000000001"), .null, .null],
            ]
        ),
    ])

    /// The message of a failure at compile time (GoogleSQLError) or while SQLite runs the query.
    func failure(_ sql: String, _ parameters: [QueryParameter] = []) -> String? {
        do {
            _ = try db.rows(sql, parameters)
            return nil
        } catch let error as GoogleSQLError {
            return error.message
        } catch let error as DatabaseError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    func one(_ expression: String, _ parameters: [QueryParameter] = []) throws -> BigQueryValue {
        try db.column("SELECT " + expression, parameters).first ?? .null
    }

    @Test func sumAndAverageOfManyTenthsAreExact() throws {
        #expect(
            try db.rows("SELECT SUM(n), AVG(n), SUM(bn) FROM tenths")
                == [[.numeric("100"), .numeric("0.1"), .bignumeric("0.00000000000000000000000000000000001")]])
        #expect(try db.rows("SELECT SUM(n), AVG(n) FROM tenths WHERE id < 0") == [[.null, .null]])
        #expect(try db.column("SELECT AVG(n) FROM amounts WHERE id IN (1, 2, 3)") == [.numeric("6.166666667")])
        #expect(try db.column("SELECT SUM(DISTINCT n) FROM amounts WHERE id BETWEEN 1 AND 6") == [.numeric("19.1")])
    }

    @Test func overflowIsAnErrorWithBigQuerysMessage() throws {
        #expect(
            failure("SELECT NUMERIC '99999999999999999999999999999.999999999' + NUMERIC '0.000000001'")
                == "numeric overflow: 99999999999999999999999999999.999999999 + 0.000000001")
        #expect(failure("SELECT SUM(n) FROM maxed") == "numeric overflow: SUM")
        #expect(
            failure("SELECT n * 10 FROM maxed WHERE id = 1")
                == "numeric overflow: 99999999999999999999999999999.999999999 * 10")
        #expect(failure("SELECT NUMERIC '1' / 0") == "division by zero: 1 / 0")
        #expect(failure("SELECT n / (n - n) FROM amounts WHERE id = 2") == "division by zero: 9.5 / 0")
        #expect(try one("SAFE_DIVIDE(NUMERIC '1', 0)") == .null)
    }

    @Test func divisionRoundsHalfAwayFromZeroToTheScale() throws {
        #expect(
            try db.rows("SELECT NUMERIC '1' / 3, NUMERIC '2' / 3, NUMERIC '-2' / 3, 1 / NUMERIC '3', SAFE_DIVIDE(NUMERIC '2', 3)")
                == [
                    [
                        .numeric("0.333333333"), .numeric("0.666666667"), .numeric("-0.666666667"), .numeric("0.333333333"),
                        .numeric("0.666666667"),
                    ]
                ])
        #expect(try one("NUMERIC '0.000000001' * NUMERIC '0.5'") == .numeric("0.000000001"))
        #expect(try one("NUMERIC '-0.000000001' * NUMERIC '0.5'") == .numeric("-0.000000001"))
    }

    @Test func bignumericKeepsThirtyEightFractionalDigits() throws {
        #expect(try one("BIGNUMERIC '1' / 3") == .bignumeric("0." + String(repeating: "3", count: 38)))
        #expect(try one("BIGNUMERIC '2' / 3") == .bignumeric("0." + String(repeating: "6", count: 37) + "7"))
        #expect(
            try one("BIGNUMERIC '0.12345678901234567890123456789012345678' + 1")
                == .bignumeric("1.12345678901234567890123456789012345678"))
        #expect(try db.column("SELECT bn * 2 FROM amounts WHERE id = 7") == [.bignumeric("0.00000000000000000000000000000000000004")])
        #expect(try db.column("SELECT id FROM amounts WHERE bn BETWEEN BIGNUMERIC '0.00000000000000000000000000000000000002' AND 1") == [.int64(7)])
    }

    @Test func comparisonsUseExactValues() throws {
        #expect(try db.column("SELECT id FROM amounts WHERE n = NUMERIC '12345678901234567890.123456789'") == [.int64(7)])
        #expect(try db.column("SELECT id FROM amounts WHERE n > NUMERIC '12345678901234567890.123456788'") == [.int64(7)])
        #expect(try db.column("SELECT id FROM amounts WHERE n = NUMERIC '1.1' ORDER BY id") == [.int64(5), .int64(6)])
        #expect(try db.column("SELECT id FROM amounts WHERE n = 10") == [.int64(1)])
        #expect(try db.column("SELECT id FROM amounts WHERE n < -0.75") == [.int64(3)])
        #expect(
            try db.column("SELECT id FROM amounts WHERE n IN (NUMERIC '12345678901234567890.123456788', 10) ORDER BY id")
                == [.int64(1), .int64(8)])
        #expect(try db.column("SELECT id FROM amounts WHERE n BETWEEN -1 AND NUMERIC '-0.5' ORDER BY id") == [.int64(3), .int64(4)])
        #expect(try db.column("SELECT id FROM amounts WHERE n BETWEEN NUMERIC '9.5' AND 10 ORDER BY id") == [.int64(1), .int64(2)])
        #expect(try one("GREATEST(NUMERIC '9.5', 10, NUMERIC '-1')") == .numeric("10"))
    }

    @Test func inSubqueriesAndInUnnestCompareDecimalsByExactValue() throws {
        // 1.1 and 1.10 are one value; ...789 and ...788 are two that one double cannot tell apart.
        #expect(try db.column("SELECT id FROM amounts WHERE n IN (SELECT NUMERIC '1.100') ORDER BY id") == [.int64(5), .int64(6)])
        #expect(
            try db.column("SELECT id FROM amounts WHERE n IN (SELECT n FROM amounts WHERE id = 8) ORDER BY id") == [.int64(8)])
        #expect(try db.column("SELECT id FROM amounts WHERE n IN (SELECT x FROM UNNEST([10, -1]) AS x) ORDER BY id") == [.int64(1), .int64(3)])
        #expect(try db.column("SELECT id FROM amounts WHERE id IN (SELECT n - 9 FROM amounts) ORDER BY id") == [.int64(1)])
        #expect(try db.column("SELECT COUNT(*) FROM amounts WHERE n NOT IN (SELECT n FROM amounts WHERE id > 2)") == [.int64(2)])
        #expect(try db.column("SELECT bn IN (SELECT n FROM amounts WHERE id = 6) FROM amounts WHERE id = 5") == [.bool(true)])
        #expect(
            try db.column("SELECT id FROM amounts WHERE n IN UNNEST([NUMERIC '12345678901234567890.123456789', NUMERIC '9.50']) ORDER BY id")
                == [.int64(2), .int64(7)])
        #expect(try db.column("SELECT id FROM amounts WHERE n IN UNNEST([10, 3]) ORDER BY id") == [.int64(1)])
        #expect(try db.column("SELECT id FROM amounts WHERE n IN UNNEST([-0.5, 2.5]) ORDER BY id") == [.int64(4)])
        #expect(try one("2 IN UNNEST([NUMERIC '2.0'])") == .bool(true))
        // An INT64 element of a NUMERIC array literal is stored as NUMERIC like the others.
        #expect(try one("NUMERIC '12.00' IN UNNEST([NUMERIC '1.5', 12])") == .bool(true))
        #expect(try one("NUMERIC '2' IN UNNEST(CAST(NULL AS ARRAY<NUMERIC>))") == .bool(false))
        #expect(try one("CAST(NULL AS NUMERIC) IN UNNEST([NUMERIC '1'])") == .null)
    }

    @Test func orderingMinAndMaxUseExactValues() throws {
        #expect(try db.column("SELECT id FROM amounts ORDER BY n, id") == [3, 4, 5, 6, 2, 1, 8, 7].map { .int64($0) })
        #expect(try db.column("SELECT id FROM amounts ORDER BY n DESC, id LIMIT 3") == [.int64(7), .int64(8), .int64(1)])
        #expect(try db.column("SELECT id FROM amounts ORDER BY bn DESC, id LIMIT 2") == [.int64(1), .int64(2)])
        #expect(
            try db.rows("SELECT MIN(n), MAX(n), MIN(bn) FROM amounts")
                == [[.numeric("-1"), .numeric("12345678901234567890.123456789"), .bignumeric("-1")]])
        #expect(
            try db.column("SELECT n * 1 AS m FROM amounts WHERE id >= 7 ORDER BY m")
                == [.numeric("12345678901234567890.123456788"), .numeric("12345678901234567890.123456789")])
    }

    @Test func groupingAndDistinctUseExactValues() throws {
        #expect(try db.rows("SELECT n, COUNT(*) FROM amounts WHERE id IN (5, 6) GROUP BY n").map { $0[1] } == [.int64(2)])
        #expect(try db.rows("SELECT n, COUNT(*) FROM amounts WHERE id IN (5, 6) GROUP BY 1").map { $0[1] } == [.int64(2)])
        #expect(try db.rows("SELECT DISTINCT bn FROM amounts WHERE id IN (5, 6)").count == 1)
        #expect(try db.column("SELECT COUNT(DISTINCT n) FROM amounts") == [.int64(7)])
    }

    @Test func mixedOperandTypesFollowBigQuerysCoercions() throws {
        let query = try db.compile(
            """
            SELECT 1 + NUMERIC '1.5', NUMERIC '1.5' + 1.0, NUMERIC '1' + BIGNUMERIC '1', n / 2, f + n, SUM(n) + 1, IF(TRUE, 1, n), -n
            FROM amounts GROUP BY n, f
            """)
        // A FLOAT64 literal beside a decimal takes the decimal's type (the reference implementation's
        // operators_exhaustive.test: `numeric + 1.0` is $add(NUMERIC, NUMERIC)); a FLOAT64 column does not.
        #expect(query.schema.fields.map(\.type) == [.numeric, .numeric, .bignumeric, .numeric, .float, .numeric, .numeric, .numeric])
        #expect(
            try db.rows("SELECT 1 + NUMERIC '1.5', NUMERIC '1.5' + 1.0, NUMERIC '0.1' + 9007199254740993")
                == [[.numeric("2.5"), .numeric("2.5"), .numeric("9007199254740993.1")]])
        #expect(
            try db.rows("SELECT IF(id = 2, 1, n), COALESCE(n, 0), -n, ABS(n), ROUND(n), TRUNC(n) FROM amounts WHERE id = 2")
                == [[.numeric("1"), .numeric("9.5"), .numeric("-9.5"), .numeric("9.5"), .numeric("10"), .numeric("9")]])
        #expect(try db.column("SELECT id FROM amounts WHERE CASE WHEN id = 1 THEN 10 ELSE n END = NUMERIC '10'") == [.int64(1)])
        #expect(try one("ROUND(NUMERIC '-2.5')") == .numeric("-3"))
        #expect(try one("ROUND(NUMERIC '1.235', 2)") == .numeric("1.24"))
        #expect(try one("FLOOR(NUMERIC '-1.5')") == .numeric("-2"))
    }

    /// GoogleSQL's literal coercion: a FLOAT64 literal where a NUMERIC or BIGNUMERIC meets it is read as
    /// that type from its digits, so the arithmetic, the comparison or the supertype stays exact.
    @Test func aFloatLiteralBesideADecimalIsReadAsTheDecimalFromItsDigits() throws {
        #expect(
            try db.rows("SELECT NUMERIC '1.1' * 3.3, 0.1 + NUMERIC '0.2', BIGNUMERIC '1' / 3.0, NUMERIC '1' - -0.25")
                == [[.numeric("3.63"), .numeric("0.3"), .bignumeric("0.33333333333333333333333333333333333333"), .numeric("1.25")]])
        // 12345678901234567890.123456789 has no FLOAT64 of its own: compared as NUMERIC it is found.
        #expect(try db.column("SELECT id FROM amounts WHERE n = 12345678901234567890.123456789") == [.int64(7)])
        #expect(try db.column("SELECT id FROM amounts WHERE n IN (1.1, 9.5) ORDER BY id") == [.int64(2), .int64(5), .int64(6)])
        #expect(try db.column("SELECT id FROM amounts WHERE n BETWEEN -0.5 AND 1.1 ORDER BY id") == [.int64(4), .int64(5), .int64(6)])
        let query = try db.compile(
            "SELECT IF(TRUE, n, 2.5), COALESCE(n, 0.5), [n, 1.5], GREATEST(n, 0.5), CASE WHEN TRUE THEN bn ELSE 0.1 END FROM amounts")
        #expect(query.schema.fields.map(\.type) == [.numeric, .numeric, .numeric, .numeric, .bignumeric])
        #expect(try one("[NUMERIC '1', 0.1234567891]") == .array([.numeric("1"), .numeric("0.123456789")]))
        // A literal the decimal cannot hold, or a FLOAT64 that is no literal, makes the operation FLOAT64.
        #expect(
            try db.compile("SELECT n + 1e300, n + f, n + (0.1 + 0.2), 1.5 + 2 FROM amounts").schema.fields.map(\.type) == [
                .float, .float, .float, .float,
            ])
    }

    @Test func castsToAndFromDecimalsAreExact() throws {
        #expect(try one("CAST(NUMERIC '9223372036854775807' AS INT64)") == .int64(.max))
        #expect(try one("CAST(NUMERIC '2.5' AS INT64)") == .int64(3))
        #expect(failure("SELECT CAST(NUMERIC '9223372036854775808' AS INT64)") == "int64 out of range: 9223372036854775808")
        #expect(try one("CAST(9223372036854775807 AS NUMERIC)") == .numeric("9223372036854775807"))
        #expect(try one("CAST('1.0000000005' AS NUMERIC)") == .numeric("1.000000001"))
        #expect(try one("CAST(0.0009765625 AS NUMERIC)") == .numeric("0.000976563"))
        #expect(try one("CAST(BIGNUMERIC '1.00000000050' AS NUMERIC)") == .numeric("1.000000001"))
        #expect(try one("CAST(NUMERIC '0.1' AS FLOAT64)") == .float64(0.1))
        #expect(failure("SELECT CAST('abc' AS NUMERIC)") == "Invalid NUMERIC value: abc")
        #expect(
            failure("SELECT CAST(CAST('inf' AS FLOAT64) AS NUMERIC)")
                == "Illegal conversion of non-finite floating point number to numeric: inf")
    }

    @Test func parametersKeepTheirExactText() throws {
        let big = "12345678901234567890123456789.123456789"
        let bigNumeric = "-123456789012345678901234567890.12345678901234567890123456789012345678"
        let parameters = [named("p", .numeric, .numeric(big)), named("b", .bignumeric, .bignumeric(bigNumeric))]
        #expect(
            try db.rows("SELECT @p, @p + 0, @p * 1, -@p, @b, @b - 0, @p = @p + 0", parameters)
                == [
                    [
                        .numeric(big), .numeric(big), .numeric(big), .numeric("-" + big), .bignumeric(bigNumeric),
                        .bignumeric(bigNumeric), .bool(true),
                    ]
                ])
        #expect(
            try db.column("SELECT id FROM amounts WHERE n = @n", [named("n", .numeric, .numeric("12345678901234567890.123456788"))])
                == [.int64(8)])
    }
}
