import Testing
import WarehouseSchema

@testable import GoogleSQL

/// `CAST(x AS type FORMAT f [AT TIME ZONE tz])`. Expected values and error wordings are those of the
/// reference implementation's compliance tests (cast_function.test) and BigQuery's format element
/// tables; cases marked "hand-worked" were computed apart.
@Suite struct CastFormatTests {
    let db = try! Fixture.shapes()

    @Test(arguments: [
        ("CAST(b'abc' AS STRING FORMAT 'base2')", BigQueryValue.string("011000010110001001100011")),
        ("CAST(b'abc' AS STRING FORMAT 'base8')", .string("30261143")),
        ("CAST(b'abc' AS STRING FORMAT 'base16')", .string("616263")),
        ("CAST(b'abc' AS STRING FORMAT 'HEX')", .string("616263")),
        ("CAST(b'abc' AS STRING FORMAT 'base32')", .string("MFRGG===")),
        ("CAST(b'abc' AS STRING FORMAT 'ascii')", .string("abc")),
        ("CAST(b'\\xc3\\xa0bc' AS STRING FORMAT 'utf-8')", .string("àbc")),
        ("CAST(b'abc' AS STRING FORMAT 'b' || 'A' || 'sE2')", .string("011000010110001001100011")),
        ("CAST(b'\\x01' AS STRING FORMAT 'base8')", .string("001")),  // Hand-worked: 8 bits in 3 octal digits.
        ("CAST('011000010110001001100011' AS BYTES FORMAT 'BaSe2')", .bytes(Array("abc".utf8))),
        ("CAST('30261143' AS BYTES FORMAT 'base8')", .bytes(Array("abc".utf8))),
        ("CAST('616263' AS BYTES FORMAT 'hex')", .bytes(Array("abc".utf8))),
        ("CAST('YWJjYWJj' AS BYTES FORMAT 'base64')", .bytes(Array("abcabc".utf8))),
        ("CAST('YWJj\\nYWJj' AS BYTES FORMAT 'base64m')", .bytes(Array("abcabc".utf8))),
        ("CAST('MFRGG===' AS BYTES FORMAT 'base32')", .bytes(Array("abc".utf8))),
        ("CAST('001' AS BYTES FORMAT 'base8')", .bytes([1])),
        ("CAST(b'abc' AS STRING FORMAT CAST(NULL AS STRING))", .null),
        ("CAST('abc' AS BYTES FORMAT NULL)", .null),
        ("CAST(CAST(NULL AS BYTES) AS STRING FORMAT 'utf8')", .null),
        ("SAFE_CAST(b'\\xe2\\x28\\xa1' AS STRING FORMAT 'utf8')", .null),
        ("SAFE_CAST(b'abc' AS STRING FORMAT 'x' || 'y' || 'z')", .null),
        ("SAFE_CAST('123' AS BYTES FORMAT 'base2')", .null),
    ])
    func bytesAndStringsConvertInTheNamedEncoding(expression: String, expected: BigQueryValue) throws {
        #expect(try db.value(expression) == expected)
    }

    @Test func base64mBreaksLinesAt76Characters() throws {
        let text = try db.value("CAST(REPEAT(b'abc', 30) AS STRING FORMAT 'base64m')")
        #expect(text == .string(String(repeating: "YWJj", count: 19) + "\n" + String(repeating: "YWJj", count: 11)))
    }

    @Test(arguments: [
        ("CAST(DATE '1234-05-06' AS STRING FORMAT 'DD-MM YYYY')", "06-05 1234"),
        ("CAST(DATETIME '1234-05-06 07:08:09' AS STRING FORMAT 'HH12:MI:SS PM DD/MM/YYYY')", "07:08:09 AM 06/05/1234"),
        ("CAST(TIME '07:08:09' AS STRING FORMAT 'HH24:MI:SS')", "07:08:09"),
        (
            "CAST(TIMESTAMP '1234-05-06 07:08:09-10' AS STRING FORMAT 'HH12:MI:SS PM DD/MM/YYYY  TZH:TZM' AT TIME ZONE '-08:00')",
            "09:08:09 AM 06/05/1234  -08:00"
        ),
        // Hand-worked: 2008-12-25 was a Thursday, the 360th day of its year.
        ("CAST(DATE '2008-12-25' AS STRING FORMAT 'Month DAY day Dy MON mon DDD D')", "December THURSDAY thursday Thu DEC dec 360 5"),
        (
            "CAST(TIMESTAMP '2008-12-25 15:30:00.123456' AS STRING FORMAT 'YYYY-MM-DD\"T\"HH24:MI:SS.FF3 A.M. a.m. SSSSS YY Y RR')",
            "2008-12-25T15:30:00.123 P.M. p.m. 55800 08 8 08"
        ),
        ("CAST(TIMESTAMP '2008-12-25 15:30:00' AS STRING FORMAT 'HH24 TZH' AT TIME ZONE 'Asia/Kolkata')", "21 +05"),
    ])
    func datesAndTimesFormatWithFormatElements(expression: String, expected: String) throws {
        #expect(try db.value(expression) == .string(expected))
    }

    @Test func stringsParseIntoDatesAndTimesWithFormatElements() throws {
        #expect(try db.value("CAST('1234-05-06' AS DATE FORMAT 'yyyy-mm-dd')") == .date(CivilTime.days(year: 1234, month: 5, day: 6)))
        #expect(try db.value("CAST('07:08:09' AS TIME FORMAT 'hh24:mi:ss')") == .time(((7 * 60 + 8) * 60 + 9) * 1_000_000))
        let days = CivilTime.days(year: 1234, month: 5, day: 6)
        let timeOfDay: Int64 = ((7 * 60 + 8) * 60 + 9) * 1_000_000
        let civil = days * CivilTime.microsPerDay + timeOfDay
        #expect(
            try db.value("CAST('1234-05-06 07:08:09' AS DATETIME FORMAT 'yyyy-mm-dd hh24:mi:ss')") == .datetime(days: days, timeMicros: timeOfDay))
        #expect(
            try db.value("CAST('1234-05-06 07:08:09' AS TIMESTAMP FORMAT 'yyyy-mm-dd hh24:mi:ss' AT TIME ZONE '+7:00')")
                == .timestamp(civil - 7 * 3_600_000_000))
        // Daylight saving time: Los Angeles is 7 hours behind UTC on 2021-11-01 and 8 on 2021-11-21.
        let november = CivilTime.days(year: 2021, month: 11, day: 1) * CivilTime.microsPerDay
        #expect(
            try db.value("CAST('2021-11-01' AS TIMESTAMP FORMAT 'YYYY-MM-DD' AT TIME ZONE 'America/Los_Angeles')")
                == .timestamp(november + 7 * 3_600_000_000))
        #expect(
            try db.value("CAST('2021-11-21' AS TIMESTAMP FORMAT 'YYYY-MM-DD' AT TIME ZONE 'America/Los_Angeles')")
                == .timestamp(november + 20 * CivilTime.microsPerDay + 8 * 3_600_000_000))
        // Hand-worked: names, 12-hour clocks, digits without separators, spaces around the input.
        #expect(try db.value("CAST('JAN 5 2020' AS DATE FORMAT 'MON DD YYYY')") == .date(CivilTime.days(year: 2020, month: 1, day: 5)))
        #expect(try db.value("CAST('03:04 P.M.' AS TIME FORMAT 'HH:MI A.M.')") == .time((15 * 60 + 4) * 60 * 1_000_000))
        #expect(try db.value("CAST('20200102' AS DATE FORMAT 'YYYYMMDD')") == .date(CivilTime.days(year: 2020, month: 1, day: 2)))
        #expect(try db.value("CAST('  2020-1-2  ' AS DATE FORMAT 'YYYY-MM-DD')") == .date(CivilTime.days(year: 2020, month: 1, day: 2)))
        #expect(try db.value("CAST('12.5' AS TIME FORMAT 'SS.FF3')") == .time(12_500_000))
        // What the format leaves out: day 1, midnight, and the current year and month.
        #expect(try db.value("CAST('' AS TIME FORMAT '')") == .time(0))
        #expect(try db.value("CAST(CAST('' AS DATETIME FORMAT '') AS STRING FORMAT 'dd hh24:mi:ss.ff6')") == .string("01 00:00:00.000000"))
        #expect(try db.value("EXTRACT(YEAR FROM CAST('' AS DATE FORMAT '')) = EXTRACT(YEAR FROM CURRENT_DATE())") == .bool(true))
        #expect(try db.value("CAST('1234' AS TIMESTAMP FORMAT 'yyyy' AT TIME ZONE NULL)") == .null)
        #expect(try db.value("SAFE_CAST('2020-02-30' AS DATE FORMAT 'YYYY-MM-DD')") == .null)
    }

    @Test(arguments: [
        ("CAST(b'abc' AS STRING FORMAT 'x' || 'y' || 'z')", "Invalid format 'xyz'"),
        ("CAST(b'\\xe2\\x28\\xa1' AS STRING FORMAT 'utf8')", "A string is not valid UTF-8."),
        ("CAST(b'\\xc3\\xa0bc' AS STRING FORMAT 'ascii')", "Failed to decode invalid ASCII string"),
        ("CAST('123' AS BYTES FORMAT 'base2')", "Failed to decode invalid base2 string due to character '2' at offset 1"),
        ("CAST('1234-05-06' AS DATE FORMAT 'yyyy' || 'mi')", "Format element in category MINUTE ('MI') is not allowed for output type DATE"),
        (
            "CAST('1234-05-06' AS DATETIME FORMAT 'yyyy' || 'mi' || 'tzh')",
            "Format element in category TIME_ZONE ('TZH') is not allowed for output type DATETIME"
        ),
        ("CAST('1234-05-06' AS TIME FORMAT 'yyyy' || 'mi')", "Format element in category YEAR ('YYYY') is not allowed for output type TIME"),
        ("CAST('1234-05-06' AS TIMESTAMP FORMAT 'yyyy' || 'yyyy')", "Format element 'YYYY' appears more than once in the format string"),
        ("CAST(DATE '1234-05-06' AS STRING FORMAT 'yyyy' || 'mi')", "DATE does not support 'MI'"),
        ("CAST(DATETIME '1234-05-06' AS STRING FORMAT 'yyyy' || 'mi' || 'tzh')", "DATETIME does not support 'TZH'"),
        ("CAST(TIME '01:02:03' AS STRING FORMAT 'yyyy' || 'mi')", "TIME does not support 'YYYY'"),
        ("CAST(TIMESTAMP '1234-05-06' AS STRING FORMAT 'a' || 'b')", "Cannot find matched format element at 0"),
        ("CAST('1234' AS TIMESTAMP FORMAT 'yyyy' AT TIME ZONE 'a' || 'b' || 'c')", "Invalid time zone: abc"),
        ("CAST('2020-01-02 junk' AS DATE FORMAT 'YYYY-MM-DD')", "Illegal non-space trailing data 'junk' in timestamp string"),
        ("CAST('2020-02-30' AS DATE FORMAT 'YYYY-MM-DD')", "Invalid result from year, month, day values after parsing"),
        ("CAST('10' AS TIME FORMAT 'HH')", "Format element in category MERIDIAN_INDICATOR is required when format element 'HH' exists"),
    ])
    func badFormatsAndInputsAreErrorsWithTheReferenceWording(expression: String, message: String) {
        let failure = db.runFailure(expression) ?? ""
        #expect(failure.hasPrefix(message), "\(failure)")
    }

    @Test func numbersWithFormatAndOtherTypesAreRefusedByName() {
        #expect(db.failure("CAST(1.5 AS STRING FORMAT '9.99')")?.hasPrefix("Unsupported: CAST of FLOAT64 to STRING with FORMAT") == true)
        #expect(db.failure("CAST(1 AS BOOL FORMAT 'x')")?.hasPrefix("Invalid cast from INT64 to BOOL with FORMAT") == true)
        #expect(db.failure("CAST(b'a' AS STRING FORMAT 1)")?.hasPrefix("CAST format must be of type STRING, but was INT64") == true)
        #expect(db.failure("CAST(DATE '2020-01-01' AS STRING FORMAT 'YYYY' AT TIME ZONE 'UTC')")?.hasPrefix("AT TIME ZONE is only allowed") == true)
    }
}
