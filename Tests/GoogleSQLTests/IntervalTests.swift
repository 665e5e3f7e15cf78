import Testing
import WarehouseSchema

@testable import GoogleSQL

/// The INTERVAL type; expected values from BigQuery's interval functions and operators reference
/// (interval_functions, operators#interval_arithmetic_operators, data-types#interval_type).
@Suite struct IntervalTests {
    let db = try! Fixture.shapes()

    func value(_ expression: String) throws -> BigQueryValue {
        try db.column("SELECT " + expression)[0]
    }

    @Test func literalsPrintInTheCanonicalForm() throws {
        #expect(try value("INTERVAL 1 DAY") == .string("0-0 1 0:0:0"))
        #expect(try value("INTERVAL 36 HOUR") == .string("0-0 0 36:0:0"))
        #expect(try value("INTERVAL '1-2' YEAR TO MONTH") == .string("1-2 0 0:0:0"))
        #expect(try value("INTERVAL '0-13 370 48:61:61' YEAR TO SECOND") == .string("1-1 370 49:2:1"))
        #expect(try value("INTERVAL '10 -12:30' DAY TO MINUTE") == .string("0-0 10 -12:30:0"))
        #expect(try value("INTERVAL '-22-6 10 -12:30' YEAR TO MINUTE") == .string("-22-6 10 -12:30:0"))
        #expect(try db.compile("SELECT INTERVAL 1 DAY AS i").schema.fields.map(\.type) == [.interval])
    }

    @Test func extractReadsEachPartWithItsSign() throws {
        let sql = """
            SELECT EXTRACT(YEAR FROM i), EXTRACT(MONTH FROM i), EXTRACT(DAY FROM i), EXTRACT(HOUR FROM i),
              EXTRACT(MINUTE FROM i), EXTRACT(SECOND FROM i), EXTRACT(MILLISECOND FROM i), EXTRACT(MICROSECOND FROM i)
            FROM (SELECT INTERVAL '1-2 3 4:5:6.789999' YEAR TO SECOND AS i)
            """
        #expect(try db.rows(sql) == [[1, 2, 3, 4, 5, 6, 789, 789_999].map { .int64($0) }])
        #expect(try value("EXTRACT(HOUR FROM INTERVAL '10 -12:30' DAY TO MINUTE)") == .int64(-12))
        #expect(try value("EXTRACT(MONTH FROM INTERVAL '-22-6 10 -12:30' YEAR TO MINUTE)") == .int64(-6))
    }

    @Test func justifyMovesDaysIntoMonthsAndHoursIntoDays() throws {
        #expect(try value("JUSTIFY_DAYS(INTERVAL -30 DAY)") == .string("-0-1 0 0:0:0"))
        #expect(try value("JUSTIFY_DAYS(INTERVAL -65 DAY)") == .string("-0-2 -5 0:0:0"))
        #expect(try value("JUSTIFY_DAYS(INTERVAL 370 DAY)") == .string("1-0 10 0:0:0"))
        #expect(try value("JUSTIFY_HOURS(INTERVAL 47 HOUR)") == .string("0-0 1 23:0:0"))
        #expect(try value("JUSTIFY_HOURS(INTERVAL -12345 MINUTE)") == .string("0-0 -8 -13:45:0"))
        #expect(try value("JUSTIFY_INTERVAL(INTERVAL '29 49:00:00' DAY TO SECOND)") == .string("0-1 1 1:0:0"))
    }

    @Test func makeIntervalTakesPositionalAndNamedArguments() throws {
        #expect(try value("MAKE_INTERVAL(1, 6, 15)") == .string("1-6 15 0:0:0"))
        #expect(try value("MAKE_INTERVAL(hour => 10, second => 20)") == .string("0-0 0 10:0:20"))
        #expect(try value("MAKE_INTERVAL(1, minute => 5, day => 2)") == .string("1-0 2 0:5:0"))
    }

    @Test func arithmeticWithDatesAndTimes() throws {
        #expect(
            try value("DATE '2021-04-20' + INTERVAL 25 HOUR")
                == .datetime(days: CivilTime.days(year: 2021, month: 4, day: 21), timeMicros: 3_600_000_000))
        #expect(try db.compile("SELECT DATE '2021-04-20' + INTERVAL 25 HOUR").schema.fields.map(\.type) == [.datetime])
        #expect(try value("DATE '2024-01-31' + INTERVAL 1 MONTH") == .datetime(days: CivilTime.days(year: 2024, month: 2, day: 29), timeMicros: 0))
        #expect(
            try value("DATETIME '2024-03-31 10:00:00' - INTERVAL 1 MONTH")
                == .datetime(days: CivilTime.days(year: 2024, month: 2, day: 29), timeMicros: 36_000_000_000))
        #expect(
            try value("TIMESTAMP '2024-01-01 00:00:00 UTC' + INTERVAL 36 HOUR")
                == .timestamp(CivilTime.days(year: 2024, month: 1, day: 2) * CivilTime.microsPerDay + 12 * 3_600_000_000))
        #expect(try value("DATE '2021-05-20' - DATE '2020-04-19'") == .string("0-0 396 0:0:0"))
        #expect(try value("TIMESTAMP '2021-06-01 12:34:56.789' - TIMESTAMP '2021-05-31 00:00:00'") == .string("0-0 0 36:34:56.789"))
        #expect(try value("DATE '2020-09-22' + 1") == .date(CivilTime.days(year: 2020, month: 9, day: 23)))
        #expect(try value("DATE '2020-09-22' - 7") == .date(CivilTime.days(year: 2020, month: 9, day: 15)))
    }

    @Test func multiplicationDivisionAndNegation() throws {
        #expect(try value("INTERVAL '1:2:3' HOUR TO SECOND * 10") == .string("0-0 0 10:20:30"))
        #expect(try value("INTERVAL 35 SECOND * 4") == .string("0-0 0 0:2:20"))
        #expect(try value("INTERVAL 10 YEAR / 3") == .string("3-4 0 0:0:0"))
        #expect(try value("INTERVAL 1 MONTH / 12") == .string("0-0 2 12:0:0"))
        #expect(try value("-INTERVAL 2 HOUR") == .string("0-0 0 -2:0:0"))
        #expect(try value("INTERVAL 1 DAY + INTERVAL 2 HOUR") == .string("0-0 1 2:0:0"))
    }

    @Test func castsToAndFromString() throws {
        #expect(try value("CAST(INTERVAL '1-2 3 4:5:6' YEAR TO SECOND AS STRING)") == .string("1-2 3 4:5:6"))
        #expect(try value("CAST('0-0 3 0:0:0' AS INTERVAL)") == .string("0-0 3 0:0:0"))
        #expect(try db.compile("SELECT CAST('0-0 3 0:0:0' AS INTERVAL)").schema.fields.map(\.type) == [.interval])
    }

    @Test func intervalErrorsFollowBigQuery() {
        #expect(errorMessage { try db.compile("SELECT INTERVAL '1-2-3' YEAR TO MONTH") }?.hasPrefix("Invalid interval literal") == true)
        #expect(errorMessage { try db.compile("SELECT INTERVAL 1 DAY + 1") }?.hasPrefix("No matching signature for operator +") == true)
        #expect(errorMessage { try db.rows("SELECT CAST('abc' AS INTERVAL)") } != nil)
        #expect(errorMessage { try db.compile("SELECT x FROM (SELECT INTERVAL 1 DAY AS x) ORDER BY x") } != nil)
    }
}
