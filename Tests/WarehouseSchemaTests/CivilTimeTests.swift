import Testing
import WarehouseSchema
import WireJSON

@Suite("Dates, times and cells")
struct CivilTimeTests {
    @Test func daysRoundTripAcrossTheWholeRange() {
        for days in stride(from: Int64(-719_162), through: 2_932_896, by: 997) {
            let (year, month, day) = CivilTime.civil(fromDays: days)
            #expect(CivilTime.days(year: year, month: month, day: day) == days)
        }
        #expect(CivilTime.days(year: 1970, month: 1, day: 1) == 0)
        #expect(CivilTime.days(year: 2000, month: 2, day: 29) == 11_016)
    }

    @Test func parsesTimestampFormsBigQueryAccepts() {
        let expected: Int64 = 1_767_225_600_000_000
        for text in [
            "2026-01-01", "2026-01-01 00:00", "2026-01-01T00:00:00Z", "2026-01-01 00:00:00 UTC",
            "2026/01/01 00:00:00", "2026-01-01T01:00:00+01:00", "2025-12-31T19:00:00-05", "2026-01-01 00:00:00.000000000",
        ] {
            #expect(CivilTime.parseTimestamp(text) == expected, "\(text)")
        }
        for text in ["2026-01-01X", "yesterday", "2026-02-29", "2026-01-01 25:00", "2026-01-01T00:00:00+99:00", ""] {
            #expect(CivilTime.parseTimestamp(text) == nil, "\(text)")
        }
    }

    @Test func formatsTimestampsLikeGoogleSQL() {
        #expect(CivilTime.formatTimestamp(micros: 1_767_225_600_500_000) == "2026-01-01 00:00:00.5 UTC")
        #expect(CivilTime.formatTimestamp(micros: -1) == "1969-12-31 23:59:59.999999 UTC")
    }

    /// Far outside BigQuery's range, but any Int64 a caller holds must format rather than trap:
    /// the day's start in microseconds overflowed below about -9.22e18.
    @Test func formatsEveryInt64TimestampWithoutTrapping() {
        #expect(CivilTime.formatTimestamp(micros: .max) == "294247-01-10 04:00:54.775807 UTC")
        #expect(CivilTime.formatTimestamp(micros: .min) == "-290308-12-21 19:59:05.224192 UTC")
        #expect(CivilTime.formatTimestamp(micros: .min + 1) == "-290308-12-21 19:59:05.224193 UTC")
    }

    @Test func timestampCellsAreFloatSecondsOrMicros() {
        #expect(BigQueryValue.timestamp(1_767_225_600_000_000).cell() == "1.7672256E9")
        #expect(BigQueryValue.timestamp(1_767_225_600_123_456).cell() == "1.767225600123456E9")
        #expect(BigQueryValue.timestamp(0).cell() == "0.0")
        #expect(BigQueryValue.timestamp(-1_500_000).cell() == "-1.5E0")
        #expect(BigQueryValue.timestamp(1_767_225_600_123_456).cell(.int64Micros) == "1767225600123456")
        #expect(Double(BigQueryValue.timestamp(1_767_225_600_123_456).cell().stringValue!) == 1_767_225_600.123456)
    }

    @Test func otherCellsUseTheirRESTForms() {
        #expect(BigQueryValue.int64(-5).cell() == "-5")
        #expect(BigQueryValue.bool(true).cell() == "true")
        #expect(BigQueryValue.float64(.infinity).cell() == "Infinity")
        #expect(BigQueryValue.date(0).cell() == "1970-01-01")
        #expect(BigQueryValue.datetime(days: 1, timeMicros: 1_500_000).cell() == "1970-01-02T00:00:01.5")
        #expect(BigQueryValue.bytes([104, 105]).cell() == "aGk=")
        #expect(BigQueryValue.record([.int64(1), .null]).cell() == ["f": [["v": "1"], ["v": nil]]])
        #expect(BigQueryValue.array([.string("a")]).cell() == [["v": "a"]])
    }

    @Test func decimalsAreCanonicalAndBounded() {
        #expect(DecimalText.canonical("-0012.3400", integerDigits: 29, scale: 9) == "-12.34")
        #expect(DecimalText.canonical("1.5e3", integerDigits: 29, scale: 9) == "1500")
        #expect(DecimalText.canonical("-0.000", integerDigits: 29, scale: 9) == "0")
        #expect(DecimalText.canonical("12e-3", integerDigits: 29, scale: 9) == "0.012")
        #expect(DecimalText.canonical("1.0000000001", integerDigits: 29, scale: 9) == nil)
        #expect(DecimalText.canonical("abc", integerDigits: 29, scale: 9) == nil)
        #expect(DecimalText.canonical(".", integerDigits: 29, scale: 9) == nil)
    }

    @Test func decimalsAlreadyCanonicalComeBackAsTheyAreAndOthersAreRewritten() {
        let nines = String(repeating: "9", count: 29)
        let cases: [(String, String?)] = [
            ("12.25", "12.25"), ("-3", "-3"), ("0", "0"), ("-0.5", "-0.5"), ("0.123456789", "0.123456789"),
            (nines, nines), ("-\(nines).5", "-\(nines).5"),
            ("-0", "0"), ("+5", "5"), ("0.50", "0.5"), ("007", "7"), ("1.", "1"), (".5", "0.5"), ("5.0", "5"),
            (" 12.25", "12.25"), ("1" + nines, nil), ("0.1234567891", nil), ("1.2.3", nil), ("-", nil), ("", nil),
            ("1e2", "100"), ("12a", nil),
        ]
        for (text, expected) in cases {
            #expect(DecimalText.canonical(text, integerDigits: 29, scale: 9) == expected, "\(text)")
        }
        #expect(DecimalText.canonical("123", integerDigits: 2, scale: 9) == nil)
        #expect(DecimalText.canonical("1.25", integerDigits: 29, scale: 1) == nil)
    }

    @Test func schemaFilesParseInBothForms() throws {
        let bare = try TableSchema(json: [["name": "a", "type": "INT64", "mode": "REQUIRED"]])
        #expect(bare.fields[0].type == .integer)
        #expect(bare.fields[0].mode == .required)
        let wrapped = try TableSchema(json: ["fields": [["name": "r", "type": "STRUCT", "fields": [["name": "x", "type": "BOOL"]]]]])
        #expect(wrapped.fields[0].fields[0].type == .boolean)
        #expect(throws: SchemaError.self) { try TableSchema(json: [["name": "1bad", "type": "STRING"]]) }
        #expect(throws: SchemaError.self) { try TableSchema(json: [["name": "r", "type": "RECORD"]]) }
        #expect(throws: SchemaError.self) { try TableSchema(json: [["name": "a", "type": "STRING", "mode": "SOMETIMES"]]) }
    }
}
