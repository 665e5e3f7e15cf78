import Testing
import WarehouseSchema

@testable import GoogleSQL

/// Expected values are the examples of BigQuery's date, datetime, time and timestamp functions documentation.
@Suite struct DateTimeFunctionTests {
    let db = try! Fixture.events()

    /// The reference writes TIMESTAMP literals with a zone name after the civil time.
    @Test func timestampTextMayNameItsTimeZone() throws {
        #expect(try db.value("TIMESTAMP '2014-09-27 12:30:00.45 America/Los_Angeles'") == .timestamp(Fixture.ts("2014-09-27 19:30:00.45")))
        #expect(try db.value("CAST('2022-10-01 14:53:27 America/Los_Angeles' AS TIMESTAMP)") == .timestamp(Fixture.ts("2022-10-01 21:53:27")))
        #expect(try db.value("CAST('2022-01-01T00:00:00 Asia/Kolkata' AS TIMESTAMP)") == .timestamp(Fixture.ts("2021-12-31 18:30:00")))
        #expect(try db.value("TIMESTAMP '2022-01-01 UTC+3'") == .timestamp(Fixture.ts("2021-12-31 21:00:00")))
        #expect(db.failure("TIMESTAMP '2014-09-27 12:30:00 Mars/Olympus'") == "Invalid TIMESTAMP literal at [1:8]")
        #expect(try db.value("SAFE_CAST('2014-09-27 12:30:00 Mars/Olympus' AS TIMESTAMP)") == .null)
        #expect(try db.value("SAFE_CAST('9999-12-31 23:00:00 America/Los_Angeles' AS TIMESTAMP)") == .null)
    }

    static func datetime(_ text: String) -> BigQueryValue {
        let parsed = CivilTime.parseDateTime(text)!
        return .datetime(days: parsed.days, timeMicros: parsed.timeMicros)
    }

    @Test func datetimeDiffCountsPartBoundaries() throws {
        #expect(try db.value("DATETIME_DIFF(DATETIME '2010-07-07 10:20:00', DATETIME '2008-12-25 15:30:00', DAY)") == .int64(559))
        #expect(try db.value("DATETIME_DIFF(DATETIME '2017-10-15 00:00:00', DATETIME '2017-10-14 00:00:00', DAY)") == .int64(1))
        #expect(try db.value("DATETIME_DIFF(DATETIME '2017-10-15 00:00:00', DATETIME '2017-10-14 00:00:00', WEEK)") == .int64(1))
        #expect(try db.value("DATETIME_DIFF('2017-12-30 00:00:00', '2014-12-30 00:00:00', YEAR)") == .int64(3))
        #expect(try db.value("DATETIME_DIFF('2017-12-30 00:00:00', '2014-12-30 00:00:00', ISOYEAR)") == .int64(2))
        #expect(try db.value("DATETIME_DIFF('2017-12-18', '2017-12-17', WEEK)") == .int64(0))
        #expect(try db.value("DATETIME_DIFF('2017-12-18', '2017-12-17', WEEK(MONDAY))") == .int64(1))
        #expect(try db.value("DATETIME_DIFF('2017-12-18', '2017-12-17', ISOWEEK)") == .int64(1))
        #expect(try db.value("DATETIME_DIFF(DATETIME '2024-01-02 00:00:01', DATETIME '2024-01-01 23:59:59', HOUR)") == .int64(1))
    }

    @Test func timestampDiffCountsWholeUnits() throws {
        #expect(try db.value("TIMESTAMP_DIFF(TIMESTAMP '2010-07-07 10:20:00+00', TIMESTAMP '2008-12-25 15:30:00+00', HOUR)") == .int64(13410))
        #expect(try db.value("TIMESTAMP_DIFF('2001-02-01 01:00:00', '2001-02-01 00:00:01', HOUR)") == .int64(0))
        #expect(try db.value("TIMESTAMP_DIFF(TIMESTAMP '2018-08-14', TIMESTAMP '2018-10-14', DAY)") == .int64(-61))
    }
}

extension DateTimeFunctionTests {
    @Test func parseFunctions() throws {
        #expect(try db.value("PARSE_DATE('%A %b %e %Y', 'Thursday Dec 25 2008')") == .date(Fixture.day("2008-12-25")))
        #expect(try db.value("PARSE_DATE('%F', '2000-12-30')") == .date(Fixture.day("2000-12-30")))
        #expect(try db.value("PARSE_DATE('%x', '12/25/08')") == .date(Fixture.day("2008-12-25")))
        #expect(try db.value("PARSE_DATE('%Y%m%d', '20081225')") == .date(Fixture.day("2008-12-25")))
        #expect(db.failure("PARSE_DATE('%Y %A %b %e', 'Thursday Dec 25 2008')") != nil)
        #expect(db.failure("PARSE_DATE('%A %b %e', 'Thursday Dec 25 2008')") != nil)
        #expect(try db.value("PARSE_DATETIME('%Y-%m-%d %H:%M:%S', '1998-10-18 13:45:55')") == Self.datetime("1998-10-18 13:45:55"))
        #expect(try db.value("PARSE_DATETIME('%m/%d/%Y %I:%M:%S %p', '8/30/2018 2:23:38 pm')") == Self.datetime("2018-08-30 14:23:38"))
        #expect(try db.value("PARSE_DATETIME('%A, %B %e, %Y', 'Wednesday, December 19, 2018')") == Self.datetime("2018-12-19 00:00:00"))
        #expect(try db.value("PARSE_DATETIME('%c', 'Thu Dec 25 07:30:00 2008')") == Self.datetime("2008-12-25 07:30:00"))
        #expect(try db.value("PARSE_TIME('%H', '15')") == .time(15 * 3_600_000_000))
        #expect(try db.value("PARSE_TIME('%I:%M:%S %p', '2:23:38 pm')") == .time((14 * 3600 + 23 * 60 + 38) * 1_000_000))
        #expect(try db.value("PARSE_TIMESTAMP('%c', 'Thu Dec 25 07:30:00 2008')") == .timestamp(Fixture.ts("2008-12-25 07:30:00")))
        #expect(
            try db.value("PARSE_TIMESTAMP('%Y-%m-%d %H:%M:%E*S%Ez', '2020-06-02 17:00:53.11+05:30')")
                == .timestamp(Fixture.ts("2020-06-02 11:30:53.11")))
        #expect(
            try db.value("PARSE_TIMESTAMP('%Y-%m-%d %H:%M', '2008-12-25 07:30', 'America/Los_Angeles')")
                == .timestamp(Fixture.ts("2008-12-25 15:30:00")))
        #expect(try db.value("PARSE_TIMESTAMP('%s', '1230190200')") == .timestamp(Fixture.ts("2008-12-25 07:30:00")))
    }

    @Test func formatFunctions() throws {
        #expect(try db.value("FORMAT_DATE('%x', DATE '2008-12-25')") == .string("12/25/08"))
        #expect(try db.value("FORMAT_DATE('%b-%d-%Y', DATE '2008-12-25')") == .string("Dec-25-2008"))
        #expect(try db.value("FORMAT_TIMESTAMP('%c', TIMESTAMP '2050-12-25 15:30:55+00', 'UTC')") == .string("Sun Dec 25 15:30:55 2050"))
        #expect(try db.value("FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%SZ', TIMESTAMP '2050-12-25 15:30:55', 'UTC')") == .string("2050-12-25T15:30:55Z"))
        #expect(
            try db.value("FORMAT_TIMESTAMP('%F %T %z', TIMESTAMP '2008-12-25 15:30:00+00', 'America/Los_Angeles')")
                == .string("2008-12-25 07:30:00 -0800"))
        #expect(try db.value("FORMAT_TIMESTAMP('%H:%M %Ez', TIMESTAMP '2008-07-01 12:00:00+00', 'Asia/Kolkata')") == .string("17:30 +05:30"))
        #expect(try db.value("FORMAT_DATE('%Q %V %G %J', DATE '2008-12-29')") == .string("4 01 2009 001"))
    }

    @Test func timeZoneArguments() throws {
        #expect(try db.value("TIMESTAMP('2008-12-25 15:30:00', 'America/Los_Angeles')") == .timestamp(Fixture.ts("2008-12-25 23:30:00")))
        #expect(try db.value("TIMESTAMP(DATETIME '2008-07-01 12:00:00', 'America/Los_Angeles')") == .timestamp(Fixture.ts("2008-07-01 19:00:00")))
        #expect(try db.value("TIMESTAMP(DATE '2008-12-25', '+08')") == .timestamp(Fixture.ts("2008-12-24 16:00:00")))
        #expect(try db.value("DATE(TIMESTAMP '2016-12-25 05:30:00+07', 'America/Los_Angeles')") == .date(Fixture.day("2016-12-24")))
        #expect(try db.value("DATETIME(TIMESTAMP '2008-12-25 15:30:00+00', 'America/Los_Angeles')") == Self.datetime("2008-12-25 07:30:00"))
        #expect(try db.value("EXTRACT(DAY FROM TIMESTAMP('2008-12-25 05:30:00+00') AT TIME ZONE 'UTC')") == .int64(25))
        #expect(try db.value("EXTRACT(DAY FROM TIMESTAMP('2008-12-25 05:30:00+00') AT TIME ZONE 'America/Los_Angeles')") == .int64(24))
        #expect(try db.value("EXTRACT(HOUR FROM TIMESTAMP '2024-01-01 20:00:00+00' AT TIME ZONE 'Asia/Tokyo')") == .int64(5))
        #expect(
            try db.value("TIMESTAMP_TRUNC(TIMESTAMP '2008-12-25 05:30:00+00', DAY, 'America/Los_Angeles')")
                == .timestamp(Fixture.ts("2008-12-24 08:00:00")))
        #expect(try db.value("TIME(TIMESTAMP '2008-12-25 15:30:00+00', 'America/Los_Angeles')") == .time(7 * 3_600_000_000 + 30 * 60_000_000))
        #expect(db.failure("DATE(TIMESTAMP '2016-12-25 05:30:00+07', 'Mars/Olympus')") != nil)
        // Only a TIMESTAMP's functions take a zone; the others count their arguments as BigQuery does.
        #expect(
            db.failure("FORMAT_DATETIME('%F', DATETIME '2024-01-01 00:00:00', 'UTC')")?.hasPrefix(
                "Number of arguments does not match for function FORMAT_DATETIME") == true)
        #expect(try db.value("STRING(TIMESTAMP '2008-12-25 15:30:00+00', 'UTC')") == .string("2008-12-25 15:30:00+00"))
        #expect(try db.value("STRING(TIMESTAMP '2008-12-25 15:30:00+00', 'America/Los_Angeles')") == .string("2008-12-25 07:30:00-08"))
        #expect(try db.value("STRING(TIMESTAMP '2008-12-25 15:30:00+00', 'Asia/Kolkata')") == .string("2008-12-25 21:00:00+05:30"))
    }

    @Test func weekPartsAndLastDay() throws {
        #expect(try db.value("EXTRACT(ISOYEAR FROM TIMESTAMP('2007-12-31 12:00:00+00'))") == .int64(2008))
        #expect(try db.value("EXTRACT(ISOWEEK FROM TIMESTAMP('2009-12-31 12:00:00+00'))") == .int64(53))
        #expect(try db.value("EXTRACT(WEEK FROM TIMESTAMP('2009-01-01 12:00:00+00'))") == .int64(0))
        // The documentation's example shows TIMESTAMP '2017-11-06 00:00:00+00' in America/Los_Angeles,
        // where it is Sunday 2017-11-05.
        #expect(try db.value("EXTRACT(WEEK(SUNDAY) FROM DATE '2017-11-05')") == .int64(45))
        #expect(try db.value("EXTRACT(WEEK(MONDAY) FROM DATE '2017-11-05')") == .int64(44))
        #expect(try db.value("EXTRACT(WEEK(MONDAY) FROM TIMESTAMP('2017-11-06 00:00:00+00') AT TIME ZONE 'America/Los_Angeles')") == .int64(44))
        #expect(try db.value("DATE_TRUNC(DATE('2017-11-05'), WEEK(MONDAY))") == .date(Fixture.day("2017-10-30")))
        #expect(try db.value("DATE_TRUNC('2015-06-15', ISOYEAR)") == .date(Fixture.day("2014-12-29")))
        #expect(try db.value("LAST_DAY(DATE '2008-11-25', MONTH)") == .date(Fixture.day("2008-11-30")))
        #expect(try db.value("LAST_DAY(DATE '2008-11-25')") == .date(Fixture.day("2008-11-30")))
        #expect(try db.value("LAST_DAY(DATE '2008-11-25', YEAR)") == .date(Fixture.day("2008-12-31")))
        #expect(try db.value("LAST_DAY(DATE '2008-11-10', WEEK(SUNDAY))") == .date(Fixture.day("2008-11-15")))
        #expect(try db.value("LAST_DAY(DATE '2008-11-10', WEEK(MONDAY))") == .date(Fixture.day("2008-11-16")))
        #expect(try db.value("DATE_DIFF(DATE '2017-12-18', DATE '2017-12-17', WEEK(MONDAY))") == .int64(1))
    }

    /// DATE_TRUNC, DATETIME_TRUNC and TIMESTAMP_TRUNC each truncate a DATE (DATE_TRUNC only), a
    /// DATETIME or a TIMESTAMP and answer the type they were given; a zone goes with a TIMESTAMP only.
    @Test func eachTruncFunctionTakesEveryTimeTypeAndKeepsIt() throws {
        let month = try db.value("TIMESTAMP '2008-12-01 00:00:00+00'")
        #expect(try db.value("DATE_TRUNC(TIMESTAMP '2008-12-25 15:30:00+00', MONTH)") == month)
        #expect(try db.value("DATETIME_TRUNC(TIMESTAMP '2008-12-25 15:30:00+00', MONTH)") == month)
        #expect(try db.value("DATE_TRUNC(DATETIME '2008-12-25 15:30:00', HOUR)") == Self.datetime("2008-12-25 15:00:00"))
        #expect(try db.value("TIMESTAMP_TRUNC(DATETIME '2008-12-25 15:30:00', DAY)") == Self.datetime("2008-12-25 00:00:00"))
        #expect(
            try db.value("DATE_TRUNC(TIMESTAMP '2008-12-25 05:30:00+00', DAY, 'America/Los_Angeles')")
                == db.value("TIMESTAMP '2008-12-24 08:00:00+00'"))
        #expect(
            try db.value("DATETIME_TRUNC(TIMESTAMP '2008-12-25 05:30:00+00', DAY, 'America/Los_Angeles')")
                == db.value("TIMESTAMP '2008-12-24 08:00:00+00'"))
        let cases: [(String, String)] = [
            ("DATETIME_TRUNC(DATETIME '2008-12-25 15:30:00', DAY, 'UTC')", "No matching signature for function DATETIME_TRUNC"),
            ("DATE_TRUNC(DATE '2008-12-25', HOUR)", "A valid date part name is required but found HOUR"),
            ("TIMESTAMP_TRUNC(DATE '2008-12-25', DAY)", "No matching signature for function TIMESTAMP_TRUNC"),
            ("DATE_TRUNC(1, DAY)", "No matching signature for function DATE_TRUNC"),
        ]
        for (sql, expected) in cases {
            let message = errorMessage { try db.value(sql) }
            #expect(message?.hasPrefix(expected) == true, "\(sql): \(message ?? "no error")")
        }
    }

    /// DATE_DIFF, DATETIME_DIFF and TIMESTAMP_DIFF behave as their arguments' type says.
    @Test func eachDiffFunctionFollowsItsArgumentsType() throws {
        let a = "TIMESTAMP '2024-01-15 05:00:00+00'"
        let b = "TIMESTAMP '2024-01-10 06:00:00+00'"
        // As TIMESTAMP_DIFF: whole 24-hour days.
        #expect(try db.value("DATE_DIFF(\(a), \(b), DAY)") == .int64(4))
        #expect(try db.value("DATETIME_DIFF(\(a), \(b), HOUR)") == .int64(119))
        // As DATETIME_DIFF: day boundaries crossed.
        #expect(try db.value("DATE_DIFF(DATETIME '2024-01-15 05:00:00', DATETIME '2024-01-10 06:00:00', DAY)") == .int64(5))
        #expect(try db.value("TIMESTAMP_DIFF(DATETIME '2024-01-15 05:00:00', '2024-01-10 06:00:00', MONTH)") == .int64(0))
        #expect(try db.value("DATETIME_DIFF(DATE '2024-01-15', DATETIME '2024-01-10 06:00:00', DAY)") == .int64(5))
        // As DATE_DIFF.
        #expect(try db.value("TIMESTAMP_DIFF(DATE '2024-03-15', DATE '2024-01-10', MONTH)") == .int64(2))
        #expect(try db.value("DATE_DIFF('2024-01-15', '2024-01-10', DAY)") == .int64(5))
        #expect(db.failure("DATE_DIFF(\(a), DATE '2024-01-10', DAY)")?.hasPrefix("No matching signature for function DATE_DIFF") == true)
    }

    @Test func weekOfAMondayCountsFromTheYearsFirstWeekday() throws {
        // "Dates prior to the first WEEKDAY of the year are in week 0": 2017 begins on a Sunday, so
        // Monday 2017-11-06 is in week 45 whether weeks begin on Sunday or on Monday.
        #expect(try db.value("EXTRACT(WEEK(SUNDAY) FROM TIMESTAMP('2017-11-06 00:00:00+00'))") == .int64(45))
        #expect(try db.value("EXTRACT(WEEK(MONDAY) FROM TIMESTAMP('2017-11-06 00:00:00+00'))") == .int64(45))
        #expect(try db.value("EXTRACT(WEEK(MONDAY) FROM DATE '2017-01-01')") == .int64(0))
        #expect(try db.value("EXTRACT(WEEK(MONDAY) FROM DATE '2017-01-02')") == .int64(1))
    }

    @Test func timestampFromUnixTakesAnIntegerOrATimestamp() throws {
        let christmas = BigQueryValue.timestamp(Fixture.ts("2008-12-25 15:30:00"))
        #expect(try db.value("TIMESTAMP_FROM_UNIX_SECONDS(1230219000)") == christmas)
        #expect(try db.value("TIMESTAMP_FROM_UNIX_MILLIS(1230219000000)") == christmas)
        #expect(try db.value("TIMESTAMP_FROM_UNIX_MICROS(1230219000000000)") == christmas)
        #expect(try db.value("TIMESTAMP_FROM_UNIX_SECONDS(TIMESTAMP '2008-12-25 15:30:00+00')") == christmas)
        #expect(try db.value("TIMESTAMP_FROM_UNIX_MICROS(TIMESTAMP '2008-12-25 15:30:00+00')") == christmas)
        #expect(try db.value("TIMESTAMP_FROM_UNIX_SECONDS(CAST(NULL AS INT64))") == .null)
        #expect(errorMessage { try db.value("TIMESTAMP_FROM_UNIX_SECONDS('x')") }?.contains("No matching signature") == true)
    }

    @Test func timeFunctions() throws {
        #expect(try db.value("TIME_DIFF(TIME '15:30:00', TIME '14:35:00', MINUTE)") == .int64(55))
        #expect(try db.value("TIME_ADD(TIME '15:30:00', INTERVAL 10 MINUTE)") == .time((15 * 60 + 40) * 60_000_000))
        #expect(try db.value("TIME_SUB(TIME '00:10:00', INTERVAL 20 MINUTE)") == .time((23 * 60 + 50) * 60_000_000))
        #expect(try db.value("TIME_TRUNC(TIME '15:30:00', HOUR)") == .time(15 * 3_600_000_000))
        #expect(try db.value("TIME(15, 30, 0)") == .time((15 * 60 + 30) * 60_000_000))
        #expect(try db.value("DATETIME(2008, 12, 25, 5, 30, 0)") == Self.datetime("2008-12-25 05:30:00"))
        #expect(try db.value("DATETIME(DATE '2008-12-25', TIME '05:30:00')") == Self.datetime("2008-12-25 05:30:00"))
    }
}
