import Testing
import WarehouseSchema

@testable import GoogleSQL

@Suite struct FunctionTests {
    let db = try! Fixture.events()

    func one(_ expression: String, _ parameters: [QueryParameter] = []) throws -> BigQueryValue {
        try db.column("SELECT " + expression, parameters).first ?? .null
    }

    @Test func currentTimestampAndDateAreFixedPerQuery() throws {
        #expect(try one("CURRENT_TIMESTAMP()") == .timestamp(Fixture.now))
        #expect(try one("CURRENT_TIMESTAMP") == .timestamp(Fixture.now))
        #expect(try one("CURRENT_DATE()") == .date(Fixture.day("2024-01-02")))
    }

    @Test func timestampArithmeticAndTruncation() throws {
        let base = "TIMESTAMP '2024-03-15 10:45:30.5'"
        #expect(try one("TIMESTAMP_ADD(\(base), INTERVAL 2 HOUR)") == .timestamp(Fixture.ts("2024-03-15 12:45:30.5")))
        #expect(try one("TIMESTAMP_SUB(\(base), INTERVAL 30 MINUTE)") == .timestamp(Fixture.ts("2024-03-15 10:15:30.5")))
        #expect(try one("TIMESTAMP_TRUNC(\(base), DAY)") == .timestamp(Fixture.ts("2024-03-15 00:00:00")))
        #expect(try one("TIMESTAMP_TRUNC(\(base), HOUR)") == .timestamp(Fixture.ts("2024-03-15 10:00:00")))
        #expect(try one("TIMESTAMP_TRUNC(\(base), MONTH)") == .timestamp(Fixture.ts("2024-03-01 00:00:00")))
        #expect(try one("TIMESTAMP_TRUNC(\(base), WEEK)") == .timestamp(Fixture.ts("2024-03-10 00:00:00")))
        #expect(try one("TIMESTAMP_TRUNC(\(base), YEAR)") == .timestamp(Fixture.ts("2024-01-01 00:00:00")))
        #expect(try one("TIMESTAMP_DIFF(\(base), TIMESTAMP '2024-03-14 10:45:30.5', HOUR)") == .int64(24))
        #expect(try one("TIMESTAMP_TRUNC(TIMESTAMP '1969-12-31 23:59:59', DAY)") == .timestamp(Fixture.ts("1969-12-31 00:00:00")))
    }

    @Test func dateConstructionAndExtraction() throws {
        #expect(try one("DATE(TIMESTAMP '2024-03-15 23:59:59')") == .date(Fixture.day("2024-03-15")))
        #expect(try one("DATE(2024, 2, 29)") == .date(Fixture.day("2024-02-29")))
        #expect(try one("DATE '2024-01-31'") == .date(Fixture.day("2024-01-31")))
        #expect(try one("DATE_ADD(DATE '2024-01-31', INTERVAL 1 MONTH)") == .date(Fixture.day("2024-02-29")))
        #expect(try one("DATE_DIFF(DATE '2024-03-01', DATE '2024-02-01', DAY)") == .int64(29))
        let ts = "TIMESTAMP '2024-03-15 10:45:30.123456'"
        #expect(try one("EXTRACT(YEAR FROM \(ts))") == .int64(2024))
        #expect(try one("EXTRACT(MONTH FROM \(ts))") == .int64(3))
        #expect(try one("EXTRACT(DAY FROM \(ts))") == .int64(15))
        #expect(try one("EXTRACT(HOUR FROM \(ts))") == .int64(10))
        #expect(try one("EXTRACT(MINUTE FROM \(ts))") == .int64(45))
        #expect(try one("EXTRACT(SECOND FROM \(ts))") == .int64(30))
        #expect(try one("EXTRACT(MICROSECOND FROM \(ts))") == .int64(123456))
        #expect(try one("EXTRACT(DAYOFWEEK FROM \(ts))") == .int64(6))
        #expect(try one("EXTRACT(DAYOFYEAR FROM DATE '2024-03-15')") == .int64(75))
        #expect(try one("EXTRACT(DATE FROM \(ts))") == .date(Fixture.day("2024-03-15")))
        #expect(try one("EXTRACT(WEEK FROM DATE '2024-01-07')") == .int64(1))
    }

    @Test func castsAndSafeCasts() throws {
        #expect(try one("CAST('42' AS INT64)") == .int64(42))
        #expect(try one("CAST(42 AS STRING)") == .string("42"))
        #expect(try one("CAST(2.5 AS INT64)") == .int64(3))
        #expect(try one("CAST(TRUE AS STRING)") == .string("true"))
        #expect(try one("CAST('2024-01-02' AS DATE)") == .date(Fixture.day("2024-01-02")))
        #expect(try one("CAST(TIMESTAMP '2024-01-02 03:04:05' AS STRING)") == .string("2024-01-02 03:04:05+00"))
        #expect(try one("CAST('1.50' AS NUMERIC)") == .numeric("1.5"))
        #expect(try one("SAFE_CAST('nope' AS INT64)") == .null)
        #expect(throws: (any Error).self) { try one("CAST('nope' AS INT64)") }
        #expect(errorMessage { try db.compile("SELECT CAST(DATE '2024-01-01' AS INT64)") } == "Invalid cast from DATE to INT64 at [1:8]")
        let query = try db.compile("SELECT CAST(user_id AS FLOAT64), SAFE_CAST(event_type AS BOOL) FROM events")
        #expect(query.schema.fields.map(\.type) == [.float, .boolean])
    }

    @Test func nullHandlingAndStringFunctions() throws {
        #expect(try db.column("SELECT COALESCE(event_type, 'none') FROM events ORDER BY event_id").last == .string("none"))
        #expect(try db.column("SELECT IFNULL(user_id, -1) FROM events ORDER BY event_id").last == .int64(-1))
        #expect(try one("LOWER('ÀBC')") == .string("àbc"))
        #expect(try one("UPPER('straße')") == .string("STRASSE"))
        #expect(try one("LENGTH('héllo')") == .int64(5))
        #expect(try one("CONCAT('a', 'b', 'c')") == .string("abc"))
        #expect(try one("IF(1 < 2, 'yes', 'no')") == .string("yes"))
        #expect(try one("CASE WHEN 1 > 2 THEN 'a' WHEN 2 > 1 THEN 'b' END") == .string("b"))
        #expect(try one("CASE 3 WHEN 1 THEN 'one' ELSE 'other' END") == .string("other"))
    }

    @Test func jsonValueReadsScalarsFromJSONAndStrings() throws {
        #expect(try db.column("SELECT JSON_VALUE(payload, '$.n') FROM events ORDER BY event_id").prefix(3) == [.string("3"), .string("1"), .null])
        #expect(try one(#"JSON_VALUE('{"a": {"b": [10, 20]}}', '$.a.b[1]')"#) == .string("20"))
        #expect(try one(#"JSON_VALUE('{"a": {"b": 1}}', '$.a')"#) == .null)
        #expect(try one(#"JSON_QUERY(JSON '{"a": {"b": 1}}', '$.a')"#) == .json(#"{"b":1}"#))
    }

    @Test func stringLiteralsCoerceToTimeTypesInComparisons() throws {
        #expect(try db.column("SELECT event_id FROM events WHERE occurred_at < '2024-01-01 12:00:00' ORDER BY 1") == [.string("e1")])
        #expect(try db.column("SELECT event_id FROM events WHERE event_date = '2024-01-03'") == [.string("e4")])
        #expect(
            try db.column("SELECT event_id FROM events WHERE occurred_at >= TIMESTAMP('2024-01-03') ORDER BY 1") == [.string("e4"), .string("e5")])
    }

    @Test func lexicalDetailsFollowGoogleSQL() throws {
        let query = try db.compile(
            """
            -- leading comment
            sElEcT EVENT_ID, Device.OS /* inline */ FrOm `proj`.ds.`events` # hash comment
            WhErE Event_Type = "click" AND user_id = 0x1;
            """)
        #expect(query.schema.fields.map(\.name) == ["event_id", "os"])
        #expect(try one(#"'a\tb\n' || r'\n' || """x"y""" || '\u00e9'"#) == .string("a\tb\n\\nx\"y\u{e9}"))
        #expect(try one("b'\\x01\\x02'") == .bytes([1, 2]))
        #expect(try one("1.5e2") == .float64(150))
        #expect(try one(".5") == .float64(0.5))
    }

    @Test func aggregateVariants() throws {
        #expect(
            try db.rows(
                "SELECT COUNTIF(is_test), LOGICAL_OR(is_test), LOGICAL_AND(is_test), STRING_AGG(event_type, '|') FROM events WHERE user_id = 2") == [
                    [.int64(1), .bool(true), .bool(true), .string("click")]
                ])
        #expect(try db.rows("SELECT SUM(price), AVG(user_id) FROM events") == [[.numeric("120.25"), .float64(1.75)]])
    }
}

@Suite struct RobustnessTests {
    let db = try! Fixture.events()

    @Test func outOfRangeDateMathFailsInsteadOfCrashing() throws {
        for expression in [
            "DATE_ADD(DATE '2024-01-01', INTERVAL 9223372036854775807 DAY)",
            "DATE_ADD(DATE '2024-01-01', INTERVAL -9223372036854775807 MONTH)",
            "DATE_FROM_UNIX_DATE(9223372036854775807)",
            "TIMESTAMP_MICROS(9223372036854775807)",
            "TIMESTAMP_ADD(TIMESTAMP '9999-12-31', INTERVAL 9223372036854775807 DAY)",
            "EXTRACT(YEAR FROM DATE_FROM_UNIX_DATE(-9223372036854775807))",
        ] {
            #expect(throws: (any Error).self, "\(expression)") { try db.rows("SELECT " + expression) }
        }
    }

    @Test func stringParametersCoerceToTimestamps() throws {
        let parameters = [named("from", .string, .string("2024-01-03"))]
        let query = try Fixture.events(requirePartitionFilter: true).compile("SELECT event_id FROM events WHERE occurred_at >= @from", parameters)
        #expect(query.scans[0].partitionLowerMicros == Fixture.ts("2024-01-03 00:00:00"))
        #expect(try db.column("SELECT event_id FROM events WHERE occurred_at >= @from ORDER BY 1", parameters) == [.string("e4"), .string("e5")])
    }

    @Test func unquotedProjectIdsMayContainDashesAndDigits() throws {
        #expect(
            errorMessage { try db.compile("SELECT 1 FROM my-proj-123.ds.tbl") } == "Not found: Table my-proj-123:ds.tbl was not found in location US")
    }
}

@Suite struct JSONAccessTests {
    let db = try! Fixture.events()

    @Test func jsonMemberAccessAndConversions() throws {
        let query = try db.compile("SELECT payload.page, INT64(payload.n) AS n FROM events ORDER BY event_id")
        #expect(query.schema.fields.map(\.type) == [.json, .integer])
        let rows = try db.rows("SELECT payload.page, INT64(payload.n) AS n FROM events ORDER BY event_id")
        #expect(rows[0] == [.json(#""home""#), .int64(3)])
        #expect(rows[2] == [.json(#""home""#), .null])
        #expect(try db.column("SELECT event_id FROM events WHERE JSON_VALUE(payload.page) = 'cart'") == [.string("e2")])
        #expect(try db.column("SELECT STRING(payload.page) FROM events WHERE event_id = 'e1'") == [.string("home")])
    }
}

@Suite struct OverflowTests {
    let db = try! Fixture.events()

    @Test func int64OverflowFailsLikeBigQuery() throws {
        let max = named("max", .integer, .int64(.max))
        #expect(throws: (any Error).self) { try db.rows("SELECT @max + 1", [max]) }
        #expect(throws: (any Error).self) { try db.rows("SELECT @max * 2", [max]) }
        #expect(try db.column("SELECT @max - 1", [max]) == [.int64(.max - 1)])
        #expect(throws: (any Error).self) { try db.rows("SELECT 1 / 0") }
    }
}

@Suite struct DateTimeCoercionTests {
    let db = try! Fixture.events()

    @Test func dateCoercesToDatetimeButNotToTimestamp() throws {
        #expect(try db.column("SELECT DATE '2024-01-02' < DATETIME '2024-01-02 00:00:01'") == [.bool(true)])
        #expect(try db.column("SELECT DATETIME '2024-01-02 00:00:00' = DATE '2024-01-02'") == [.bool(true)])
        #expect(
            errorMessage { try db.compile("SELECT event_id FROM events WHERE occurred_at > DATE '2024-01-01'") }
                == "No matching signature for operator > for argument types: TIMESTAMP, DATE at [1:35]")
    }
}

@Suite struct MoreFunctionTests {
    let db = try! Fixture.events()

    @Test func nullSafeComparisonsDivisionAndRegex() throws {
        #expect(
            try db.column("SELECT event_id FROM events WHERE user_id IS DISTINCT FROM 1 ORDER BY 1") == [.string("e3"), .string("e4"), .string("e5")])
        #expect(try db.column("SELECT event_id FROM events WHERE event_type IS NOT DISTINCT FROM NULL") == [.string("e5")])
        #expect(try db.rows("SELECT SAFE_DIVIDE(1, 0), SAFE_DIVIDE(3, 2), DIV(7, 2), MOD(7, 3)") == [[.null, .float64(1.5), .int64(3), .int64(1)]])
        #expect(
            try db.column("SELECT event_id FROM events WHERE REGEXP_CONTAINS(event_type, r'^c.+k$') ORDER BY 1") == [.string("e1"), .string("e3")])
    }
}

@Suite struct FormatTests {
    let db = try! Fixture.events()

    @Test func formatTimestampAndDate() throws {
        let ts = "TIMESTAMP '2024-03-05 07:08:09.123456'"
        #expect(try db.column("SELECT FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E*SZ', \(ts))") == [.string("2024-03-05T07:08:09.123456Z")])
        #expect(try db.column("SELECT FORMAT_TIMESTAMP('%F %T %Z', \(ts))") == [.string("2024-03-05 07:08:09 UTC")])
        #expect(try db.column("SELECT FORMAT_TIMESTAMP('%E3S|%a %b %e|%j|%s', \(ts))") == [.string("09.123|Tue Mar  5|065|1709622489")])
        #expect(try db.column("SELECT FORMAT_DATE('%A, %B %d %Y', DATE '2024-03-05')") == [.string("Tuesday, March 05 2024")])
        #expect(errorMessage { try db.rows("SELECT FORMAT_TIME('%Y', TIME '10:00:00')") } != nil)
    }
}

/// ERROR, NULLIFZERO and ZEROIFNULL (conditional expressions page), PARSE_NUMERIC and
/// PARSE_BIGNUMERIC (conversion functions page), and the select list's trailing comma.
@Suite struct ConditionalAndParsingFunctionTests {
    let db = try! Fixture.events()

    @Test func errorFailsTheQueryWithItsMessage() throws {
        #expect(db.failure("ERROR('boom')")?.contains("boom") == true)
    }

    @Test func errorInABranchNotTakenNeverFires() throws {
        #expect(try db.value("IF(FALSE, ERROR('never'), 'ok')") == .string("ok"))
        #expect(try db.value("COALESCE('first', ERROR('never'))") == .string("first"))
        #expect(try db.value("CASE WHEN 1 = 1 THEN 5 ELSE ERROR('never') END") == .int64(5))
    }

    @Test func nullIfZeroAndZeroIfNull() throws {
        #expect(try db.value("NULLIFZERO(0)") == .null)
        #expect(try db.value("NULLIFZERO(7)") == .int64(7))
        #expect(try db.value("ZEROIFNULL(NULL)") == .int64(0))
        #expect(try db.value("ZEROIFNULL(2.5)") == .float64(2.5))
    }

    @Test func parseNumericAcceptsSignsCommasExponentsAndSpaces() throws {
        #expect(try db.value("PARSE_NUMERIC('123.45')") == .numeric("123.45"))
        #expect(try db.value("PARSE_NUMERIC('  -  12.34 ')") == .numeric("-12.34"))
        #expect(try db.value("PARSE_NUMERIC('12.34e-1-')") == .numeric("-1.234"))
        #expect(try db.value("PARSE_NUMERIC('  1,2,,3,.45 + ')") == .numeric("123.45"))
        #expect(try db.value("PARSE_NUMERIC('.1234  ')") == .numeric("0.1234"))
        #expect(try db.value("PARSE_BIGNUMERIC('  -  12.34 ')") == .bignumeric("-12.34"))
        #expect(try db.value("PARSE_BIGNUMERIC('12.34e-1-')") == .bignumeric("-1.234"))
        #expect(try db.value("PARSE_NUMERIC(NULL)") == .null)
    }

    @Test func parseNumericRefusesMalformedText() throws {
        for text in ["1 23.4 5", "12.3,4", "-12.34-", "abc", "", "1e", "--1"] {
            #expect(db.failure("PARSE_NUMERIC('\(text)')") != nil, "\(text)")
        }
    }

    @Test func castReadsSignedHexadecimalInt64() throws {
        #expect(try db.value("CAST('0x1F' AS INT64)") == .int64(31))
        #expect(try db.value("CAST('-0x10' AS INT64)") == .int64(-16))
        #expect(try db.value("CAST('-0x8000000000000000' AS INT64)") == .int64(.min))
        #expect(db.failure("CAST('0x8000000000000000' AS INT64)") != nil)
        #expect(db.failure("CAST('0x-1' AS INT64)") != nil)
    }

    @Test func selectListMayEndWithAComma() throws {
        #expect(try db.column("SELECT 1 AS a, 2 AS b,") == [.int64(1)])
        #expect(try db.column("SELECT x, FROM UNNEST([3]) AS x") == [.int64(3)])
    }
}
