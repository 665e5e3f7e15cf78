import Testing
import WarehouseSchema
import WireJSON

@testable import GoogleSQL

/// The RANGE type: literals, the constructor, casts, comparison and ordering, the range functions
/// and parameters. Expected answers are the reference's examples where it gives them.
@Suite struct RangeTypeTests {
    let db = try! Fixture.events()

    private func text(_ expression: String) throws -> String? {
        if case .string(let text) = try db.value("CAST(\(expression) AS STRING)") { return text }
        return nil
    }

    private func dates(_ start: String?, _ end: String?) -> BigQueryValue {
        .range(RangeValue(element: .date, start: start.map(Fixture.day), end: end.map(Fixture.day))!)
    }

    @Test func literalsAndTheConstructorMakeTheSameRanges() throws {
        #expect(try db.value("RANGE<DATE> '[2022-12-01, 2022-12-31)'") == dates("2022-12-01", "2022-12-31"))
        #expect(try db.value("RANGE(DATE '2022-12-01', DATE '2022-12-31')") == dates("2022-12-01", "2022-12-31"))
        #expect(try db.value("RANGE(NULL, DATE '2022-12-31')") == dates(nil, "2022-12-31"))
        #expect(try db.value("RANGE<DATE> '[2022-10-01, NULL)'") == dates("2022-10-01", nil))
        #expect(try db.value("RANGE<DATE> '[unbounded, UNBOUNDED)'") == dates(nil, nil))
        #expect(try text("RANGE(DATETIME '2022-10-01 14:53:27', DATETIME '2022-10-01 16:00:00')") == "[2022-10-01 14:53:27, 2022-10-01 16:00:00)")
        #expect(
            try text("RANGE(TIMESTAMP '2022-10-01 14:53:27 America/Los_Angeles', TIMESTAMP '2022-10-01 16:00:00 America/Los_Angeles')")
                == "[2022-10-01 21:53:27+00, 2022-10-01 23:00:00+00)")
        #expect(try text("RANGE<TIMESTAMP> '[2020-10-01 12:00:00+08, UNBOUNDED)'") == "[2020-10-01 04:00:00+00, UNBOUNDED)")
        #expect(try text("RANGE<TIMESTAMP> '[UNBOUNDED, 2020-10-01 12:00:00 Asia/Tokyo)'") == "[UNBOUNDED, 2020-10-01 03:00:00+00)")
        #expect(try db.value("RANGE(CAST(NULL AS DATE), CAST(NULL AS DATE)) IS NULL") == .bool(false))
    }

    @Test func badRangesAreRefusedWithTheReason() {
        #expect(db.failure("RANGE<DATE> '[2020-01-01,2020-12-31)'")?.contains("one space after the comma") == true)
        #expect(db.failure("RANGE<DATE> '[2020-12-31, 2020-01-01)'")?.contains("lower bound must be before the upper bound") == true)
        #expect(db.failure("RANGE<DATE> '[2020-01-01, 2020-01-01)'")?.contains("lower bound must be before the upper bound") == true)
        #expect(db.failure("RANGE<DATE> '[2020-13-01, UNBOUNDED)'")?.contains("\"2020-13-01\" is not a DATE") == true)
        #expect(db.failure("RANGE<INT64> '[1, 2)'")?.contains("element type must be DATE, DATETIME or TIMESTAMP") == true)
        #expect(db.failure("CAST('x' AS RANGE<TIME>)")?.contains("element type must be DATE, DATETIME or TIMESTAMP") == true)
        #expect(db.failure("RANGE(DATE '2020-01-01', DATETIME '2020-02-01 00:00:00')")?.contains("No matching signature for function RANGE") == true)
        #expect(db.failure("RANGE(1, 2)")?.contains("No matching signature for function RANGE") == true)
        #expect(db.runFailure("RANGE(DATE '2020-02-01', DATE '2020-01-01')")?.contains("[2020-02-01, 2020-01-01)") == true)
        #expect(try! db.value("SAFE.RANGE(DATE '2020-02-01', DATE '2020-01-01')") == .null)
        #expect(db.runFailure("CAST('[2020-01-01]' AS RANGE<DATE>)")?.contains("Invalid RANGE<DATE> value") == true)
        #expect(try! db.value("SAFE_CAST('[2020-01-01]' AS RANGE<DATE>)") == .null)
    }

    @Test func castsGoBetweenStringsAndRanges() throws {
        #expect(try db.value("CAST('[2020-01-01, 2020-01-02)' AS RANGE<DATE>)") == dates("2020-01-01", "2020-01-02"))
        #expect(
            try text("CAST('[2014-09-27 12:30:00.45, 2016-10-17 11:15:00.33)' AS RANGE<DATETIME>)")
                == "[2014-09-27 12:30:00.45, 2016-10-17 11:15:00.33)")
        #expect(try text("CAST('[UNBOUNDED, 2020-01-02)' AS RANGE<DATE>)") == "[UNBOUNDED, 2020-01-02)")
        #expect(db.failure("CAST(RANGE<DATE> '[2020-01-01, 2020-01-02)' AS DATE)")?.contains("Invalid cast from RANGE<DATE> to DATE") == true)
        #expect(db.failure("CAST(RANGE<DATE> '[2020-01-01, 2020-01-02)' AS RANGE<DATETIME>)")?.contains("Invalid cast") == true)
    }

    @Test func boundsContainmentOverlapAndIntersection() throws {
        #expect(try db.value("RANGE_START(RANGE<DATE> '[2022-12-01, 2022-12-31)')") == .date(Fixture.day("2022-12-01")))
        #expect(try db.value("RANGE_START(RANGE<DATE> '[UNBOUNDED, 2022-12-31)')") == .null)
        #expect(try db.value("RANGE_END(RANGE<DATE> '[2022-12-01, 2022-12-31)')") == .date(Fixture.day("2022-12-31")))
        #expect(try db.value("RANGE_END(RANGE<DATE> '[2022-12-01, UNBOUNDED)')") == .null)
        #expect(
            try db.value("RANGE_END(RANGE<TIMESTAMP> '[2022-12-01 00:00:00, 2022-12-02 10:00:00)')") == .timestamp(Fixture.ts("2022-12-02 10:00:00")))
        let year = "RANGE<DATE> '[2022-01-01, 2023-01-01)'"
        #expect(try db.value("RANGE_CONTAINS(\(year), RANGE<DATE> '[2022-04-01, 2022-07-01)')") == .bool(true))
        #expect(try db.value("RANGE_CONTAINS(\(year), RANGE<DATE> '[2023-01-01, 2023-04-01)')") == .bool(false))
        #expect(try db.value("RANGE_CONTAINS(\(year), RANGE<DATE> '[2022-04-01, UNBOUNDED)')") == .bool(false))
        #expect(try db.value("RANGE_CONTAINS(RANGE<DATE> '[UNBOUNDED, UNBOUNDED)', \(year))") == .bool(true))
        #expect(try db.value("RANGE_CONTAINS(\(year), DATE '2022-04-01')") == .bool(true))
        #expect(try db.value("RANGE_CONTAINS(\(year), DATE '2023-01-01')") == .bool(false))
        #expect(try db.value("RANGE_CONTAINS(\(year), DATE '2022-01-01')") == .bool(true))
        #expect(try db.value("RANGE_CONTAINS(\(year), NULL)") == .null)
        let a = "RANGE<DATE> '[2022-02-01, 2022-09-01)'"
        let b = "RANGE<DATE> '[2021-06-15, 2022-04-15)'"
        #expect(try db.value("RANGE_OVERLAPS(\(a), \(b))") == .bool(true))
        #expect(try db.value("RANGE_OVERLAPS(RANGE<DATE> '[2020-02-01, 2020-09-01)', \(b))") == .bool(false))
        #expect(try db.value("RANGE_OVERLAPS(RANGE<DATE> '[2022-02-01, UNBOUNDED)', RANGE<DATE> '[2021-06-15, UNBOUNDED)')") == .bool(true))
        #expect(try db.value("RANGE_OVERLAPS(RANGE<DATE> '[2022-04-15, UNBOUNDED)', \(b))") == .bool(false))
        #expect(try db.value("RANGE_INTERSECT(\(a), \(b))") == dates("2022-02-01", "2022-04-15"))
        #expect(try db.value("RANGE_INTERSECT(RANGE<DATE> '[2022-02-01, UNBOUNDED)', \(b))") == dates("2022-02-01", "2022-04-15"))
        #expect(
            try db.value("RANGE_INTERSECT(RANGE<DATE> '[2022-02-01, UNBOUNDED)', RANGE<DATE> '[2021-06-15, UNBOUNDED)')") == dates("2022-02-01", nil))
        #expect(db.runFailure("RANGE_INTERSECT(RANGE<DATE> '[2020-02-01, 2020-09-01)', \(b))")?.contains("do not overlap") == true)
        #expect(try db.value("SAFE.RANGE_INTERSECT(RANGE<DATE> '[2020-02-01, 2020-09-01)', \(b))") == .null)
        #expect(db.failure("RANGE_OVERLAPS(\(a), RANGE<DATETIME> '[2022-02-01 00:00:00, UNBOUNDED)')")?.contains("No matching signature") == true)
    }

    @Test func generateRangeArraySplitsIntoSteps() throws {
        let range = "RANGE(DATE '2020-01-01', DATE '2020-01-06')"
        let days = ["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-04", "2020-01-05", "2020-01-06"]
        #expect(try db.value("GENERATE_RANGE_ARRAY(\(range), INTERVAL 1 DAY)") == .array((0..<5).map { dates(days[$0], days[$0 + 1]) }))
        let twoDays: [BigQueryValue] = [dates(days[0], days[2]), dates(days[2], days[4]), dates(days[4], days[5])]
        #expect(try db.value("GENERATE_RANGE_ARRAY(\(range), INTERVAL 2 DAY)") == .array(twoDays))
        #expect(try db.value("GENERATE_RANGE_ARRAY(\(range), INTERVAL 2 DAY, TRUE)") == .array(twoDays))
        #expect(try db.value("GENERATE_RANGE_ARRAY(\(range), INTERVAL 2 DAY, FALSE)") == .array(Array(twoDays.prefix(2))))
        #expect(
            try db.value("ARRAY_LENGTH(GENERATE_RANGE_ARRAY(RANGE<TIMESTAMP> '[2020-01-01 00:00:00, 2020-01-02 00:00:00)', INTERVAL 1 HOUR))")
                == .int64(24))
        #expect(try db.value("ARRAY_LENGTH(GENERATE_RANGE_ARRAY(RANGE<DATE> '[2020-01-31, 2021-01-31)', INTERVAL 1 MONTH))") == .int64(12))
        // Steps past 9999-12-31 cut the last part at the range's end rather than overflow.
        #expect(
            try db.value("GENERATE_RANGE_ARRAY(RANGE<DATE> '[9999-01-01, 9999-12-31)', INTERVAL 5 MONTH)")
                == .array([dates("9999-01-01", "9999-06-01"), dates("9999-06-01", "9999-11-01"), dates("9999-11-01", "9999-12-31")]))
        #expect(
            try db.value("GENERATE_RANGE_ARRAY(RANGE<DATE> '[9999-12-20, 9999-12-31)', INTERVAL 7 DAY)")
                == .array([dates("9999-12-20", "9999-12-27"), dates("9999-12-27", "9999-12-31")]))
        #expect(
            try db.value("GENERATE_RANGE_ARRAY(RANGE<DATE> '[0001-01-01, 9999-12-31)', INTERVAL 10000 YEAR)")
                == .array([dates("0001-01-01", "9999-12-31")]))
        #expect(try db.value("GENERATE_RANGE_ARRAY(RANGE<DATE> '[0001-01-01, 9999-12-31)', INTERVAL 10000 YEAR, FALSE)") == .array([]))
        #expect(
            db.runFailure("GENERATE_RANGE_ARRAY(RANGE<DATE> '[2020-01-01, UNBOUNDED)', INTERVAL 1 DAY)")?.contains("bounded start and end") == true)
        #expect(db.runFailure("GENERATE_RANGE_ARRAY(\(range), INTERVAL 1 HOUR)")?.contains("YEAR, MONTH or DAY") == true)
        #expect(db.runFailure("GENERATE_RANGE_ARRAY(\(range), INTERVAL -1 DAY)")?.contains("positive INTERVAL of a single") == true)
        #expect(db.runFailure("GENERATE_RANGE_ARRAY(\(range), INTERVAL '1 2' DAY TO HOUR)")?.contains("positive INTERVAL of a single") == true)
        #expect(
            db.runFailure("GENERATE_RANGE_ARRAY(RANGE<TIMESTAMP> '[2020-01-01 00:00:00, 2021-01-01 00:00:00)', INTERVAL 1 MONTH)")?
                .contains("DAY to SECOND") == true)
        #expect(
            db.runFailure("GENERATE_RANGE_ARRAY(RANGE<TIMESTAMP> '[2000-01-01 00:00:00, 2021-01-01 00:00:00)', INTERVAL 1 SECOND)")?
                .contains("more than 1000000 elements") == true)
    }

    /// Ranges order by start (UNBOUNDED first), then by end (UNBOUNDED last), and compare, group and
    /// deduplicate by value.
    @Test func rangesOrderCompareAndGroupByValue() throws {
        let values = [
            "'[2020-01-01, UNBOUNDED)'", "'[2020-01-01, 2020-02-01)'", "'[UNBOUNDED, 2020-03-01)'", "'[UNBOUNDED, UNBOUNDED)'",
            "'[1999-12-31, 2000-01-01)'", "'[2020-01-01, 2020-02-01)'", "'[0001-01-01, 9999-12-31)'",
        ]
        let rows = values.map { "SELECT RANGE<DATE> \($0) AS r" }.joined(separator: " UNION ALL ")
        let ordered = try db.column("SELECT CAST(r AS STRING) FROM (\(rows)) ORDER BY r")
        #expect(
            ordered
                == [
                    "[UNBOUNDED, 2020-03-01)", "[UNBOUNDED, UNBOUNDED)", "[0001-01-01, 9999-12-31)", "[1999-12-31, 2000-01-01)",
                    "[2020-01-01, 2020-02-01)", "[2020-01-01, 2020-02-01)", "[2020-01-01, UNBOUNDED)",
                ].map { .string($0) })
        #expect(try db.column("SELECT COUNT(*) FROM (\(rows)) GROUP BY r ORDER BY COUNT(*) DESC LIMIT 1") == [.int64(2)])
        #expect(try db.column("SELECT COUNT(DISTINCT r) FROM (\(rows))") == [.int64(6)])
        #expect(try db.value("RANGE<DATE> '[2020-01-01, 2020-02-01)' < RANGE<DATE> '[2020-01-01, UNBOUNDED)'") == .bool(true))
        #expect(try db.value("RANGE<DATE> '[UNBOUNDED, 2020-02-01)' < RANGE<DATE> '[1970-01-01, 1970-01-02)'") == .bool(true))
        #expect(try db.value("RANGE<DATE> '[2020-01-01, NULL)' = RANGE<DATE> '[2020-01-01, UNBOUNDED)'") == .bool(true))
        #expect(try db.value("MAX(r) FROM (\(rows))") == dates("2020-01-01", nil))
        #expect(db.failure("RANGE<DATE> '[2020-01-01, NULL)' = RANGE<DATETIME> '[2020-01-01 00:00:00, NULL)'") != nil)
    }

    @Test func toJSONWritesStartAndEnd() throws {
        #expect(try db.value("TO_JSON_STRING(RANGE<DATE> '[2024-07-24, 2024-07-25)')") == .string(#"{"start":"2024-07-24","end":"2024-07-25"}"#))
        #expect(
            try db.value("TO_JSON_STRING(RANGE<DATETIME> '[2024-07-24 10:00:00, UNBOUNDED)')")
                == .string(#"{"start":"2024-07-24T10:00:00","end":null}"#))
    }

    @Test func rangeParametersBindAsValues() throws {
        let json: [JSONValue] = [
            [
                "name": "r", "parameterType": ["type": "RANGE", "rangeElementType": ["type": "DATE"]],
                "parameterValue": ["rangeValue": ["start": ["value": "2016-12-05"], "end": ["value": nil]]],
            ],
            ["name": "n", "parameterType": ["type": "RANGE", "rangeElementType": ["type": "TIMESTAMP"]], "parameterValue": [:]],
        ]
        let parameters = try GoogleSQLCompiler.parameters(from: json)
        #expect(try db.rows("SELECT @r, RANGE_CONTAINS(@r, DATE '2020-01-01'), @n", parameters) == [[dates("2016-12-05", nil), .bool(true), .null]])
        let backwards: [JSONValue] = [
            [
                "name": "r", "parameterType": ["type": "RANGE", "rangeElementType": ["type": "DATE"]],
                "parameterValue": ["rangeValue": ["start": ["value": "2016-12-05"], "end": ["value": "2016-12-01"]]],
            ]
        ]
        #expect(errorMessage { try GoogleSQLCompiler.parameters(from: backwards) }?.contains("Invalid RANGE<DATE> value") == true)
    }

    @Test func arraysOfRangesKeepTheirValues() throws {
        #expect(
            try db.value("[RANGE<DATE> '[2020-01-01, UNBOUNDED)', NULL, RANGE<DATE> '[UNBOUNDED, 2020-01-01)']")
                == .array([dates("2020-01-01", nil), .null, dates(nil, "2020-01-01")]))
        #expect(
            try db.column("SELECT RANGE_START(r) FROM UNNEST(GENERATE_RANGE_ARRAY(RANGE<DATE> '[2020-01-01, 2020-01-03)', INTERVAL 1 DAY)) AS r")
                == [.date(Fixture.day("2020-01-01")), .date(Fixture.day("2020-01-02"))])
    }

    static let employees = """
        WITH stints AS (
          SELECT 10 AS emp_id, 1000 AS dept_id, RANGE<DATE> '[2010-01-10, 2010-03-10)' AS duration UNION ALL
          SELECT 10, 2000, RANGE<DATE> '[2010-03-10, 2010-07-15)' UNION ALL
          SELECT 10, 2000, RANGE<DATE> '[2010-06-15, 2010-08-18)' UNION ALL
          SELECT 20, 2000, RANGE<DATE> '[2010-03-10, 2010-07-20)' UNION ALL
          SELECT 20, 1000, RANGE<DATE> '[2020-05-10, 2020-09-20)')
        """

    /// The reference's examples: MEETS joins ranges that touch or overlap, OVERLAPS only overlapping ones.
    @Test func rangeSessionizeJoinsTouchingOrOverlappingRanges() throws {
        func sessions(_ option: String) throws -> [[String]] {
            try db.rows(
                """
                \(Self.employees)
                SELECT emp_id, CAST(duration AS STRING), CAST(session_range AS STRING)
                FROM RANGE_SESSIONIZE(TABLE stints, 'duration', ['emp_id']\(option)) ORDER BY emp_id, duration
                """
            ).map { row in row.map { if case .string(let text) = $0 { text } else if case .int64(let n) = $0 { String(n) } else { "?" } } }
        }
        let meets = [
            ["10", "[2010-01-10, 2010-03-10)", "[2010-01-10, 2010-08-18)"], ["10", "[2010-03-10, 2010-07-15)", "[2010-01-10, 2010-08-18)"],
            ["10", "[2010-06-15, 2010-08-18)", "[2010-01-10, 2010-08-18)"], ["20", "[2010-03-10, 2010-07-20)", "[2010-03-10, 2010-07-20)"],
            ["20", "[2020-05-10, 2020-09-20)", "[2020-05-10, 2020-09-20)"],
        ]
        #expect(try sessions("") == meets)
        #expect(try sessions(", 'MEETS'") == meets)
        #expect(
            try sessions(", 'OVERLAPS'") == [
                ["10", "[2010-01-10, 2010-03-10)", "[2010-01-10, 2010-03-10)"], ["10", "[2010-03-10, 2010-07-15)", "[2010-03-10, 2010-08-18)"],
                ["10", "[2010-06-15, 2010-08-18)", "[2010-03-10, 2010-08-18)"], ["20", "[2010-03-10, 2010-07-20)", "[2010-03-10, 2010-07-20)"],
                ["20", "[2020-05-10, 2020-09-20)", "[2020-05-10, 2020-09-20)"],
            ])
        let columns = try db.compile("\(Self.employees) SELECT * FROM RANGE_SESSIONIZE(TABLE stints, 'duration', ['emp_id'])").schema.fields
        #expect(columns.map(\.name) == ["emp_id", "dept_id", "duration", "session_range"])
    }

    @Test func rangeSessionizeHandlesUnboundedAndNullRanges() throws {
        let rows = try db.column(
            """
            WITH t AS (
              SELECT RANGE<DATE> '[UNBOUNDED, 2020-01-01)' AS r UNION ALL SELECT RANGE<DATE> '[2019-06-01, UNBOUNDED)' UNION ALL
              SELECT RANGE<DATE> '[2030-01-01, 2030-02-01)' UNION ALL SELECT NULL UNION ALL SELECT RANGE<DATE> '[2040-01-01, 2040-02-01)')
            SELECT CAST(session_range AS STRING) FROM RANGE_SESSIONIZE(TABLE t, 'r', ARRAY<STRING>[]) ORDER BY r
            """)
        #expect(rows == [.null] + Array(repeating: .string("[UNBOUNDED, UNBOUNDED)"), count: 4))
        #expect(db.failure("1 FROM RANGE_SESSIONIZE(TABLE events, 'amount', [])")?.contains("argument types: FLOAT64 at [1:15]") == true)
        #expect(db.failure("1 FROM RANGE_SESSIONIZE(TABLE events, 'nope', [])")?.contains("nope") == true)
        #expect(db.failure("1 FROM RANGE_SESSIONIZE(TABLE events, 'r', [], 'TOUCHES')")?.contains("'MEETS' or 'OVERLAPS'") == true)
        #expect(db.failure("1 FROM RANGE_SESSIONIZE(TABLE events, 'r`x', [])")?.contains("Invalid column name") == true)
    }
}
