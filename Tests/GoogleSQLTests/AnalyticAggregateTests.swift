import Testing
import WarehouseSchema

@testable import GoogleSQL

/// Aggregates SQLite has no window form of, called with OVER: registered window functions
/// (WindowAggregate). Expected values from BigQuery's aggregate and navigation function pages
/// (COUNT, COUNTIF, STRING_AGG, SUM, PERCENTILE_CONT, PERCENTILE_DISC examples); the frame cases
/// are worked out by hand from the frame definitions.
@Suite struct AnalyticAggregateTests {
    let db = try! Fixture.shapes()

    private func doubles(_ row: [BigQueryValue]) -> [Double?] {
        row.map { value in
            switch value {
            case .float64(let number): number
            case .int64(let number): Double(number)
            default: nil
            }
        }
    }

    private func close(_ actual: [Double?], _ expected: [Double?]) -> Bool {
        actual.count == expected.count
            && zip(actual, expected).allSatisfy { pair in
                guard let a = pair.0, let b = pair.1 else { return pair.0 == nil && pair.1 == nil }
                return abs(a - b) <= 1e-12 * max(1, abs(b))
            }
    }

    @Test func countIfCountsOverAMovingFrame() throws {
        let sql = """
            SELECT x, COUNTIF(x < 0) OVER (ORDER BY ABS(x) ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING) AS num_negative
            FROM UNNEST([5, -2, 3, 6, -10, NULL, -7, 4, 0]) AS x ORDER BY ABS(x)
            """
        #expect(try db.rows(sql).map { $0[1] } == [0, 1, 1, 1, 0, 0, 1, 2, 2].map { BigQueryValue.int64($0) })
    }

    @Test func stringAggJoinsTheDefaultFrameInWindowOrder() throws {
        let sql = """
            SELECT fruit, STRING_AGG(fruit, " & ") OVER (ORDER BY LENGTH(fruit)) AS string_agg
            FROM UNNEST(["apple", NULL, "pear", "banana", "pear"]) AS fruit ORDER BY LENGTH(fruit), fruit
            """
        #expect(
            try db.rows(sql).map { $0[1] } == [
                .null, .string("pear & pear"), .string("pear & pear"), .string("pear & pear & apple"),
                .string("pear & pear & apple & banana"),
            ])
    }

    @Test func stringAggFollowsRowsAndRangeFrames() throws {
        let rows = """
            SELECT STRING_AGG(CAST(x AS STRING), '-') OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)
            FROM UNNEST([1, 2, 3, 4, 5]) AS x ORDER BY x
            """
        #expect(try db.column(rows) == ["1-2", "1-2-3", "2-3-4", "3-4-5", "4-5"].map { BigQueryValue.string($0) })
        // RANGE 2 PRECEDING: the rows whose x is within 2 below the current one.
        let range = """
            SELECT STRING_AGG(CAST(x AS STRING), '-') OVER (ORDER BY x RANGE BETWEEN 2 PRECEDING AND CURRENT ROW)
            FROM UNNEST([1, 2, 4, 5, 9]) AS x ORDER BY x
            """
        #expect(try db.column(range) == ["1", "1-2", "2-4", "4-5", "9"].map { BigQueryValue.string($0) })
    }

    @Test func arrayAggCollectsASlidingFrame() throws {
        let sql = """
            SELECT ARRAY_TO_STRING(ARRAY_AGG(s) OVER (ORDER BY s ROWS BETWEEN CURRENT ROW AND 1 FOLLOWING), ',')
            FROM UNNEST(['a', 'b', 'c']) AS s ORDER BY s
            """
        #expect(try db.column(sql) == ["a,b", "b,c", "c"].map { BigQueryValue.string($0) })
    }

    @Test func countDistinctCountsEachPartitionsValuesOnce() throws {
        let sql = """
            SELECT x, COUNT(*) OVER (PARTITION BY MOD(x, 3)) AS count_star,
                   COUNT(DISTINCT x) OVER (PARTITION BY MOD(x, 3)) AS count_dist_x
            FROM UNNEST([1, 4, 4, 5]) AS x ORDER BY x
            """
        #expect(
            try db.rows(sql) == [
                [.int64(1), .int64(3), .int64(2)], [.int64(4), .int64(3), .int64(2)], [.int64(4), .int64(3), .int64(2)],
                [.int64(5), .int64(1), .int64(1)],
            ])
    }

    @Test func sumAndAverageOfDistinctValuesPerPartition() throws {
        let sum = "SELECT x, SUM(DISTINCT x) OVER (PARTITION BY MOD(x, 3)) FROM UNNEST([1, 2, 3, 4, 5, 4, 3, 2, 1]) AS x ORDER BY x"
        #expect(try db.rows(sum).map { $0[1] } == [5, 5, 7, 7, 3, 3, 5, 5, 7].map { BigQueryValue.int64($0) })
        let average = "SELECT x, AVG(DISTINCT x) OVER (PARTITION BY MOD(x, 2)) FROM UNNEST([1, 1, 3, 2, 2, 2, 6]) AS x ORDER BY x"
        #expect(try db.rows(average).map { $0[1] } == [2, 2, 4, 4, 4, 2, 4].map { BigQueryValue.float64($0) })
        #expect(try db.compile(average).schema.fields.map(\.type) == [.integer, .float])
    }

    @Test func percentileContInterpolatesIgnoringNulls() throws {
        let sql = """
            SELECT PERCENTILE_CONT(x, 0) OVER() AS min, PERCENTILE_CONT(x, 0.01) OVER() AS percentile1,
                   PERCENTILE_CONT(x, 0.5) OVER() AS median, PERCENTILE_CONT(x, 0.9) OVER() AS percentile90,
                   PERCENTILE_CONT(x, 1) OVER() AS max
            FROM UNNEST([0, 3, NULL, 1, 2]) AS x LIMIT 1
            """
        #expect(close(doubles(try db.rows(sql)[0]), [0, 0.03, 1.5, 2.7, 3]))
        #expect(try db.compile(sql).schema.fields.map(\.type) == Array(repeating: .float, count: 5))
    }

    @Test func percentileContRespectingNullsSortsThemFirst() throws {
        let sql = """
            SELECT PERCENTILE_CONT(x, 0 RESPECT NULLS) OVER() AS min, PERCENTILE_CONT(x, 0.01 RESPECT NULLS) OVER() AS percentile1,
                   PERCENTILE_CONT(x, 0.5 RESPECT NULLS) OVER() AS median, PERCENTILE_CONT(x, 0.9 RESPECT NULLS) OVER() AS percentile90,
                   PERCENTILE_CONT(x, 1 RESPECT NULLS) OVER() AS max
            FROM UNNEST([0, 3, NULL, 1, 2]) AS x LIMIT 1
            """
        #expect(close(doubles(try db.rows(sql)[0]), [nil, 0, 1, 2.6, 3]))
    }

    @Test func percentileContPerPartition() throws {
        let sql = "SELECT x, PERCENTILE_CONT(x, 0.5) OVER (PARTITION BY MOD(x, 2)) FROM UNNEST([1, 2, 3, 10, 20]) AS x ORDER BY x"
        #expect(try db.rows(sql).map { $0[1] } == [2, 10, 2, 10, 10].map { BigQueryValue.float64($0) })
    }

    @Test func percentileDiscPicksAValueOfTheInput() throws {
        let ignoring = """
            SELECT x, PERCENTILE_DISC(x, 0) OVER() AS min, PERCENTILE_DISC(x, 0.5) OVER() AS median, PERCENTILE_DISC(x, 1) OVER() AS max
            FROM UNNEST(['c', NULL, 'b', 'a']) AS x
            """
        for row in try db.rows(ignoring) { #expect(Array(row.dropFirst()) == [.string("a"), .string("b"), .string("c")]) }
        let respecting = """
            SELECT x, PERCENTILE_DISC(x, 0 RESPECT NULLS) OVER() AS min, PERCENTILE_DISC(x, 0.5 RESPECT NULLS) OVER() AS median,
                   PERCENTILE_DISC(x, 1 RESPECT NULLS) OVER() AS max
            FROM UNNEST(['c', NULL, 'b', 'a']) AS x
            """
        for row in try db.rows(respecting) { #expect(Array(row.dropFirst()) == [.null, .string("a"), .string("c")]) }
        #expect(try db.compile(respecting).schema.fields.map(\.type) == Array(repeating: .string, count: 4))
    }

    @Test func percentilesOfDecimalsAndFloats() throws {
        // A NUMERIC value with a FLOAT64 percentile interpolates as FLOAT64; DISC returns the value's type.
        let sql = """
            SELECT PERCENTILE_CONT(n, 0.5) OVER (), PERCENTILE_DISC(n, 0.5) OVER (), PERCENTILE_DISC(f, 0) OVER ()
            FROM UNNEST([NUMERIC '1', NUMERIC '2']) AS n WITH OFFSET AS o JOIN UNNEST([CAST('NaN' AS FLOAT64), 1.0]) AS f WITH OFFSET AS p ON o = p
            LIMIT 1
            """
        #expect(try db.compile(sql).schema.fields.map(\.type) == [.float, .numeric, .float])
        let row = try db.rows(sql)[0]
        #expect(row[0] == .float64(1.5))
        #expect(row[1] == .numeric("1"))
        // NaN sorts first, so it is the 0th percentile.
        if case .float64(let first) = row[2] { #expect(first.isNaN) } else { Issue.record("expected a FLOAT64, got \(row[2])") }
    }

    @Test func anEmptyFrameGivesEachAggregatesEmptyResult() throws {
        // The frame of the first row (the two rows before it) is empty.
        let sql = """
            SELECT SUM(n) OVER w, STRING_AGG(CAST(n AS STRING)) OVER w, COUNTIF(n > 0) OVER w
            FROM UNNEST([NUMERIC '1.5', NUMERIC '2', NUMERIC '4']) AS n WINDOW w AS (ORDER BY n ROWS BETWEEN 2 PRECEDING AND 1 PRECEDING)
            ORDER BY n
            """
        #expect(
            try db.rows(sql) == [
                [.null, .null, .int64(0)], [.numeric("1.5"), .string("1.5"), .int64(1)], [.numeric("3.5"), .string("1.5,2"), .int64(2)],
            ])
    }

    @Test func percentileContOfDecimalsWithADecimalPercentileIsExact() throws {
        // Sorted: -1, 0.5, 2, 10 (3 × 0.25 = index 0.75: -1 + 0.75 × 1.5); BIGNUMERIC when either is.
        let sql = """
            SELECT PERCENTILE_CONT(n, NUMERIC '0.25') OVER (), PERCENTILE_CONT(n, BIGNUMERIC '0.5') OVER (),
                   PERCENTILE_CONT(n, NUMERIC '0.1' RESPECT NULLS) OVER ()
            FROM UNNEST([NUMERIC '2', NUMERIC '-1', NULL, NUMERIC '10', NUMERIC '0.5']) AS n LIMIT 1
            """
        #expect(try db.compile(sql).schema.fields.map(\.type) == [.numeric, .bignumeric, .numeric])
        // RESPECT NULLS: NULL, -1, 0.5, 2, 10 and 4 × 0.1 = 0.4 falls between NULL and -1, so -1.
        #expect(try db.rows(sql)[0] == [.numeric("0.125"), .bignumeric("1.25"), .numeric("-1")])
    }

    @Test func arrayAggOfStructsOverAWindow() throws {
        let sql = """
            SELECT ARRAY_LENGTH(ARRAY_AGG(STRUCT(x AS v)) OVER (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW))
            FROM UNNEST([1, 2, 3]) AS x ORDER BY x
            """
        #expect(try db.column(sql) == [1, 2, 2].map { BigQueryValue.int64($0) })
    }

    @Test func statisticalAndLogicalAggregatesOverFrames() throws {
        // x = 1, 3, 5, 9; each frame is the row and the one before it.
        let sql = """
            SELECT VAR_POP(x) OVER w, LOGICAL_OR(x > 3) OVER w, BIT_OR(x) OVER (ORDER BY x), ANY_VALUE(x) OVER (ORDER BY x ROWS BETWEEN CURRENT ROW AND CURRENT ROW)
            FROM UNNEST([1, 3, 5, 9]) AS x WINDOW w AS (ORDER BY x ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) ORDER BY x
            """
        let rows = try db.rows(sql)
        #expect(rows.map { $0[0] } == [0, 1, 1, 4].map { BigQueryValue.float64($0) })
        #expect(rows.map { $0[1] } == [false, false, true, true].map { BigQueryValue.bool($0) })
        #expect(rows.map { $0[2] } == [1, 3, 7, 15].map { BigQueryValue.int64($0) })
        #expect(rows.map { $0[3] } == [1, 3, 5, 9].map { BigQueryValue.int64($0) })
    }

    /// A running frame grows one aggregate row by row, a sliding frame steps its rows afresh once one
    /// leaves; both follow the frame's definition, ties included (a RANGE frame takes a row's peers).
    @Test func runningAndSlidingFramesAgreeWithTheirDefinition() throws {
        let sql = """
            SELECT STRING_AGG(CAST(x AS STRING)) OVER (ORDER BY x), BIT_XOR(x) OVER (ORDER BY x ROWS BETWEEN 2 PRECEDING AND CURRENT ROW),
              STDDEV_POP(x) OVER (ORDER BY x ROWS UNBOUNDED PRECEDING)
            FROM UNNEST([1, 2, 2, 4, 8]) AS x ORDER BY x
            """
        let rows = try db.rows(sql)
        #expect(rows.map { $0[0] } == ["1", "1,2,2", "1,2,2", "1,2,2,4", "1,2,2,4,8"].map { BigQueryValue.string($0) })
        #expect(rows.map { $0[1] } == [1, 3, 1, 4, 14].map { BigQueryValue.int64($0) })
        let values: [Double] = [1, 2, 2, 4, 8]
        let deviations = (1...values.count).map { count in
            let prefix = values.prefix(count)
            let mean = prefix.reduce(0, +) / Double(count)
            return (prefix.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(count)).squareRoot()
        }
        #expect(close(rows.map { doubles($0)[2] }, deviations))
    }

    @Test func analyticAggregateErrorsNameTheRule() {
        func failure(_ sql: String) -> String? { errorMessage { try db.compile(sql) } }
        let table = " FROM UNNEST([1, 2]) AS x"
        #expect(
            failure("SELECT COUNT(DISTINCT x) OVER (ORDER BY x)" + table)?.hasPrefix("Window ORDER BY is not allowed if DISTINCT is specified")
                == true)
        #expect(
            failure("SELECT SUM(DISTINCT x) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)" + table)?.hasPrefix(
                "Window framing clause is not allowed if DISTINCT is specified") == true)
        #expect(
            failure("SELECT PERCENTILE_CONT(x, 0.5) OVER (ORDER BY x)" + table)?.hasPrefix(
                "Window ORDER BY is not allowed for analytic function percentile_cont") == true)
        #expect(failure("SELECT PERCENTILE_DISC(x, 1.5) OVER ()" + table)?.hasPrefix("Argument 2 to PERCENTILE_DISC must be between 0 and 1") == true)
        #expect(failure("SELECT PERCENTILE_CONT(x, x / 10) OVER ()" + table)?.hasPrefix("Argument 2 to PERCENTILE_CONT must be a literal") == true)
        #expect(
            failure("SELECT STRING_AGG(CAST(x AS STRING) ORDER BY x) OVER ()" + table)?.hasPrefix(
                "ORDER BY in arguments is not supported on analytic functions") == true)
    }
}

/// ANY_VALUE(x HAVING MAX y) / HAVING MIN (aggregate function calls page, the Precipitation examples).
extension AnalyticAggregateTests {
    private static let precipitation = """
        WITH Precipitation AS (
          SELECT 2009 AS year, 'spring' AS season, 3 AS inches UNION ALL SELECT 2001, 'winter', 4
          UNION ALL SELECT 2003, 'fall', 1 UNION ALL SELECT 2002, 'spring', 4 UNION ALL SELECT 2005, 'summer', 1)
        """

    @Test func anyValueHavingMaxOrMinTakesARowWithTheExtremeKey() throws {
        let sql =
            Self.precipitation + """
                 SELECT ANY_VALUE(year HAVING MAX inches), ANY_VALUE(year HAVING MIN inches), ANY_VALUE(season HAVING MIN year) FROM Precipitation
                """
        let row = try db.rows(sql)[0]
        #expect([BigQueryValue.int64(2001), .int64(2002)].contains(row[0]))
        #expect([BigQueryValue.int64(2003), .int64(2005)].contains(row[1]))
        #expect(row[2] == .string("winter"))
    }

    @Test func anyValueHavingSkipsNullValuesAndNullKeys() throws {
        let sql = """
            SELECT ANY_VALUE(v HAVING MAX k) FROM (
              SELECT CAST(NULL AS STRING) AS v, 5 AS k UNION ALL SELECT 'a', 5 UNION ALL SELECT 'b', NULL UNION ALL SELECT 'c', 1)
            """
        #expect(try db.column(sql) == [.string("a")])
        #expect(try db.column("SELECT ANY_VALUE(x HAVING MIN CAST(NULL AS INT64)) FROM UNNEST([1, 2]) AS x") == [.null])
    }

    @Test func havingOnOtherAggregatesAndOverWindowsIsRefused() {
        let table = " FROM UNNEST([1, 2]) AS x"
        #expect(
            errorMessage { try db.compile("SELECT AVG(x HAVING MAX x)" + table) }?.hasPrefix("Unsupported: HAVING MAX/MIN in AVG") == true)
        #expect(
            errorMessage { try db.compile("SELECT ANY_VALUE(x HAVING MAX x) OVER ()" + table) }?.hasPrefix(
                "HAVING modifier is not supported on analytic functions") == true)
    }
}
