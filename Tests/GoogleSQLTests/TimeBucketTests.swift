import Testing
import WarehouseSchema

@testable import GoogleSQL

/// DATE_BUCKET, DATETIME_BUCKET and TIMESTAMP_BUCKET. Expected values are the examples of BigQuery's
/// time series functions reference; the month buckets and the errors follow its rules for widths.
@Suite struct TimeBucketTests {
    let db = try! Fixture.shapes()

    func dates(_ values: String...) -> [BigQueryValue] { values.map { .date(Fixture.day($0)) } }

    @Test func dateBucketsSpreadBothWaysFromTheOrigin() throws {
        let days = ["1949-12-29", "1949-12-30", "1949-12-31", "1950-01-01", "1950-01-02", "1950-01-03"].map { "SELECT DATE '\($0)' AS d" }
        let sql = "WITH some_dates AS (\(days.joined(separator: " UNION ALL "))) SELECT DATE_BUCKET(d, INTERVAL 2 DAY) FROM some_dates ORDER BY d"
        #expect(try db.column(sql) == dates("1949-12-28", "1949-12-30", "1949-12-30", "1950-01-01", "1950-01-01", "1950-01-03"))
        let week =
            "SELECT DATE_BUCKET(d, INTERVAL 7 DAY, DATE '2000-12-24') FROM UNNEST(GENERATE_DATE_ARRAY('2000-12-20', '2000-12-25')) AS d ORDER BY d"
        #expect(try db.column(week) == dates("2000-12-17", "2000-12-17", "2000-12-17", "2000-12-17", "2000-12-24", "2000-12-24"))
        #expect(try db.value("DATE_BUCKET('2024-01-09', INTERVAL 1 WEEK)") == .date(Fixture.day("2024-01-07")))
    }

    @Test func monthBucketsKeepTheOriginsDay() throws {
        #expect(try db.value("DATE_BUCKET(DATE '2024-05-15', INTERVAL 3 MONTH)") == .date(Fixture.day("2024-04-01")))
        #expect(try db.value("DATE_BUCKET(DATE '2024-05-15', INTERVAL 1 YEAR)") == .date(Fixture.day("2024-01-01")))
        #expect(try db.value("DATE_BUCKET(DATE '2024-03-14', INTERVAL 1 MONTH, DATE '2020-01-15')") == .date(Fixture.day("2024-02-15")))
        // An origin on a month's last day: buckets start on each month's last day.
        #expect(try db.value("DATE_BUCKET(DATE '2024-03-30', INTERVAL 1 MONTH, DATE '2023-01-31')") == .date(Fixture.day("2024-02-29")))
        #expect(try db.value("DATE_BUCKET(DATE '2024-02-29', INTERVAL 1 MONTH, DATE '2023-01-31')") == .date(Fixture.day("2024-02-29")))
        #expect(try db.value("DATE_BUCKET(DATE '1949-11-20', INTERVAL 2 MONTH)") == .date(Fixture.day("1949-11-01")))
    }

    @Test func datetimeAndTimestampBucketsOfHoursAndDays() throws {
        let stamps = [
            "1949-12-30 13:00:00", "1949-12-31 00:00:00", "1949-12-31 13:00:00", "1950-01-01 00:00:00", "1950-01-01 13:00:00", "1950-01-02 00:00:00",
        ]
        let lower = [
            "1949-12-30 12:00:00", "1949-12-31 00:00:00", "1949-12-31 12:00:00", "1950-01-01 00:00:00", "1950-01-01 12:00:00", "1950-01-02 00:00:00",
        ]
        for (stamp, bound) in zip(stamps, lower) {
            #expect(try db.value("DATETIME_BUCKET(DATETIME '\(stamp)', INTERVAL 12 HOUR)") == (try db.value("DATETIME '\(bound)'")))
            #expect(try db.value("TIMESTAMP_BUCKET(TIMESTAMP '\(stamp)', INTERVAL 12 HOUR)") == .timestamp(Fixture.ts(bound)))
        }
        #expect(
            try db.value("DATETIME_BUCKET(DATETIME '2000-12-22 00:00:00', INTERVAL 7 DAY, DATETIME '2000-12-22 12:00:00')")
                == (try db.value("DATETIME '2000-12-15 12:00:00'")))
        #expect(
            try db.value("TIMESTAMP_BUCKET(TIMESTAMP '2000-12-24 00:00:00', INTERVAL 7 DAY, TIMESTAMP '2000-12-22 12:00:00')")
                == .timestamp(Fixture.ts("2000-12-22 12:00:00")))
        #expect(
            try db.value("TIMESTAMP_BUCKET(TIMESTAMP '2024-01-01 10:11:00', INTERVAL 15 MINUTE)") == .timestamp(Fixture.ts("2024-01-01 10:00:00")))
        #expect(try db.value("DATETIME_BUCKET(DATETIME '2024-05-15 10:00:00', INTERVAL 1 MONTH)") == (try db.value("DATETIME '2024-05-01 00:00:00'")))
        #expect(try db.value("DATE_BUCKET(NULL, INTERVAL 1 DAY)") == .null)
        #expect(try db.value("DATE_BUCKET(DATE '2024-01-01', INTERVAL 1 DAY, NULL)") == .null)
    }

    @Test func widthsTheReferenceRulesOutAreErrors() throws {
        func runFailure(_ expression: String) -> String? { errorMessage { try db.rows("SELECT " + expression) } }
        let cases = [
            ("TIMESTAMP_BUCKET(TIMESTAMP '2024-01-01', INTERVAL 1 MONTH)", "Bucket width INTERVAL with non-zero MONTH part is not allowed"),
            (
                "TIMESTAMP_BUCKET(TIMESTAMP '2024-01-01', MAKE_INTERVAL(0, 0, 1, 1))",
                "Bucket width INTERVAL with mixed DAY and subsecond parts is not allowed"
            ),
            ("TIMESTAMP_BUCKET(TIMESTAMP '2024-01-01', INTERVAL 0 HOUR)", "Zero bucket width INTERVAL is not allowed"),
            ("DATE_BUCKET(DATE '2024-01-01', INTERVAL -1 DAY)", "Negative bucket width INTERVAL is not allowed"),
            ("DATETIME_BUCKET(DATETIME '2024-01-01', MAKE_INTERVAL(0, 1, 1))", "Exactly one non-zero INTERVAL part in bucket width is required"),
            ("DATE_BUCKET(DATE '2024-01-01', INTERVAL 1 HOUR)", "DATE_BUCKET supports only a bucket width INTERVAL with date parts"),
            ("DATE_BUCKET(DATE '0001-01-01', INTERVAL 7 DAY)", "Bucket for the value is outside of the date range"),
        ]
        for (expression, message) in cases {
            #expect(runFailure(expression)?.contains(message) == true, "\(expression): \(runFailure(expression) ?? "no error")")
        }
        #expect(db.failure("DATE_BUCKET(DATE '2024-01-01', 1)")?.hasPrefix("No matching signature for function DATE_BUCKET") == true)
    }
}
