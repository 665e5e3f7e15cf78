import Testing
import WarehouseSchema

@testable import GoogleSQL

/// `@@time_zone` (set by a script's `SET @@time_zone`): the zone of every time zone-dependent
/// function called without one, of casts between TIMESTAMP and civil times or text, and of
/// TIMESTAMP text without a zone. An explicit zone still wins, and instants do not move.
@Suite struct DefaultTimeZoneTests {
    let db = try! Fixture.shapes()
    static let losAngeles = [named("@@time_zone", .string, .string("America/Los_Angeles"))]
    /// 05:00 UTC on 15 January is 21:00 on the 14th in Los Angeles (UTC-8).
    static let instant = "TIMESTAMP '2024-01-15 05:00:00+00'"

    func value(_ expression: String, zone: [QueryParameter] = losAngeles) throws -> BigQueryValue {
        try db.column("SELECT \(expression)", zone).first ?? .null
    }

    @Test func civilPartsOfATimestampAreReadInTheDefaultZone() throws {
        let i = Self.instant
        #expect(try value("DATE(\(i))") == .date(CivilTime.days(year: 2024, month: 1, day: 14)))
        #expect(try value("EXTRACT(HOUR FROM \(i))") == .int64(21))
        #expect(try value("EXTRACT(DAY FROM \(i))") == .int64(14))
        #expect(try value("EXTRACT(DATE FROM \(i))") == .date(CivilTime.days(year: 2024, month: 1, day: 14)))
        #expect(try value("CAST(DATETIME(\(i)) AS STRING)") == .string("2024-01-14 21:00:00"))
        #expect(try value("CAST(TIME(\(i)) AS STRING)") == .string("21:00:00"))
        #expect(try value("CAST(CAST(\(i) AS DATE) AS STRING)") == .string("2024-01-14"))
        #expect(try value("CAST(\(i) AS STRING)") == .string("2024-01-14 21:00:00-08"))
        #expect(try value("STRING(\(i))") == .string("2024-01-14 21:00:00-08"))
        #expect(try value("FORMAT_TIMESTAMP('%F %H:%M', \(i))") == .string("2024-01-14 21:00"))
        #expect(try value("UNIX_SECONDS(TIMESTAMP_TRUNC(\(i), DAY)) - UNIX_SECONDS(TIMESTAMP '2024-01-14 08:00:00+00')") == .int64(0))
        // In UTC, the same instant is still the 15th.
        #expect(try value("DATE(\(i))", zone: []) == .date(CivilTime.days(year: 2024, month: 1, day: 15)))
    }

    @Test func timestampTextWithoutAZoneIsACivilTimeInTheDefaultZone() throws {
        let expected = try value("TIMESTAMP '2024-01-15 08:00:00+00'", zone: [])
        #expect(try value("TIMESTAMP '2024-01-15 00:00:00'") == expected)
        #expect(try value("TIMESTAMP('2024-01-15 00:00:00')") == expected)
        #expect(try value("TIMESTAMP(DATE '2024-01-15')") == expected)
        #expect(try value("TIMESTAMP(DATETIME '2024-01-15 00:00:00')") == expected)
        #expect(try value("CAST(CONCAT('2024-01-15', ' 00:00:00') AS TIMESTAMP)") == expected)
        #expect(try value("PARSE_TIMESTAMP('%F %T', '2024-01-15 00:00:00')") == expected)
        #expect(try value("TIMESTAMP '2024-01-15 08:00:00+00' = '2024-01-15 00:00:00'") == .bool(true))
        // Summer time: UTC-7.
        #expect(try value("TIMESTAMP '2024-07-01 12:00:00'") == value("TIMESTAMP '2024-07-01 19:00:00+00'", zone: []))
        // Text that names its zone keeps it.
        #expect(try value("TIMESTAMP '2024-01-15 08:00:00+00'") == expected)
        #expect(try value("CAST(CONCAT('2024-01-15 08:00:00', '+00') AS TIMESTAMP)") == expected)
    }

    @Test func anExplicitZoneWinsAndInstantsDoNotMove() throws {
        let i = Self.instant
        #expect(try value("DATE(\(i), 'UTC')") == .date(CivilTime.days(year: 2024, month: 1, day: 15)))
        #expect(try value("FORMAT_TIMESTAMP('%H', \(i), 'Asia/Tokyo')") == .string("14"))
        #expect(try value("UNIX_SECONDS(\(i))") == value("UNIX_SECONDS(\(i))", zone: []))
        #expect(try value("TIMESTAMP_DIFF(\(i), TIMESTAMP '2024-01-15 00:00:00+00', HOUR)") == .int64(5))
        #expect(try value("CURRENT_DATETIME() = DATETIME(CURRENT_TIMESTAMP(), 'America/Los_Angeles')") == .bool(true))
        #expect(try value("CURRENT_DATE() = DATE(CURRENT_TIMESTAMP(), 'America/Los_Angeles')") == .bool(true))
        #expect(try value("@@time_zone") == .string("America/Los_Angeles"))
    }

    @Test func anUnknownDefaultZoneIsAnError() {
        let message = errorMessage { try db.compile("SELECT DATE(CURRENT_TIMESTAMP())", [named("@@time_zone", .string, .string("Mars/Base"))]) }
        #expect(message?.contains("Mars/Base") == true, "\(message ?? "no error")")
    }
}
