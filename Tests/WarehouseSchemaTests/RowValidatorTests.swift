import Testing
import WarehouseSchema
import WireJSON

@Suite("Row validation against a table schema")
struct RowValidatorTests {
    static let schema = TableSchema(fields: [
        TableFieldSchema(name: "id", type: .string, mode: .required),
        TableFieldSchema(name: "count", type: .integer),
        TableFieldSchema(name: "ratio", type: .float),
        TableFieldSchema(name: "price", type: .numeric),
        TableFieldSchema(name: "ok", type: .boolean),
        TableFieldSchema(name: "at", type: .timestamp),
        TableFieldSchema(name: "day", type: .date),
        TableFieldSchema(name: "local", type: .datetime),
        TableFieldSchema(name: "clock", type: .time),
        TableFieldSchema(name: "raw", type: .bytes),
        TableFieldSchema(name: "doc", type: .json),
        TableFieldSchema(name: "tags", type: .string, mode: .repeated),
        TableFieldSchema(name: "geo", type: .record, fields: [TableFieldSchema(name: "lat", type: .float)]),
    ])

    func validate(_ row: JSONValue, ignoreUnknown: Bool = false) -> RowValidator.Outcome {
        RowValidator(schema: Self.schema, ignoreUnknownValues: ignoreUnknown).validate(row.objectValue!)
    }

    @Test func convertsEveryTypeFromItsAcceptedJSONForms() {
        let row: JSONValue = [
            "id": "r1", "count": "42", "ratio": 1, "price": "0012.3400", "ok": "TRUE",
            "at": "2026-01-01 00:00:00.5+01:00", "day": "2026-02-28", "local": "2026-01-01T08:30:00",
            "clock": "23:59:59.999999", "raw": "aGk=", "doc": #"{"a": [1]}"#, "tags": ["x", "y"],
            "geo": ["lat": 52.1],
        ]
        guard case .valid(let values) = validate(row) else {
            Issue.record("row should be valid")
            return
        }
        #expect(values[0] == .string("r1"))
        #expect(values[1] == .int64(42))
        #expect(values[2] == .float64(1))
        #expect(values[3] == .numeric("12.34"))
        #expect(values[4] == .bool(true))
        #expect(values[5] == .timestamp(1_767_222_000_500_000))
        #expect(values[6] == .date(20_512))
        #expect(values[7] == .datetime(days: 20_454, timeMicros: 30_600_000_000))
        #expect(values[8] == .time(86_399_999_999))
        #expect(values[9] == .bytes(Array("hi".utf8)))
        #expect(values[10] == .json(#"{"a":[1]}"#))
        #expect(values[11] == .array([.string("x"), .string("y")]))
        #expect(values[12] == .record([.float64(52.1)]))
    }

    @Test func missingNullableFieldsAreNullAndRepeatedAreEmpty() {
        guard case .valid(let values) = validate(["id": "only"]) else {
            Issue.record("row should be valid")
            return
        }
        #expect(values[1] == .null)
        #expect(values[11] == .array([]))
    }

    @Test func reportsEveryProblemWithItsLocation() {
        let row: JSONValue = ["count": "many", "day": "2026-02-30", "tags": ["a", nil], "geo": ["lat": "north", "extra": 1], "nope": 1]
        guard case .invalid(let errors) = validate(row) else {
            Issue.record("row should be invalid")
            return
        }
        let locations = Set(errors.map(\.location))
        #expect(locations == ["nope", "id", "count", "day", "tags[1]", "geo.extra", "geo.lat"])
        #expect(errors.allSatisfy { $0.reason == "invalid" })
        #expect(errors.first { $0.location == "id" }?.message == "Missing required field: id.")
        #expect(errors.first { $0.location == "nope" }?.message == "no such field: nope.")
    }

    @Test func unknownFieldsPassWhenIgnored() {
        guard case .valid = validate(["id": "x", "whatever": [1, 2]], ignoreUnknown: true) else {
            Issue.record("unknown fields should be ignored")
            return
        }
    }

    @Test func fieldNamesMatchCaseInsensitively() {
        guard case .valid(let values) = validate(["ID": "x", "Count": 3]) else {
            Issue.record("should match")
            return
        }
        #expect(values[1] == .int64(3))
    }

    static let rejected: [(String, JSONValue)] = [
        ("count", .double(1.5)), ("count", "9223372036854775808"), ("ratio", "fast"), ("price", "1.0000000001"),
        ("price", "123456789012345678901234567890"), ("ok", "yes"), ("at", "2026-13-01"), ("at", "10000-01-01"),
        ("clock", "24:00:00"), ("raw", "***"), ("doc", "{bad"), ("geo", 5), ("tags", "x"), ("count", ["a": 1]),
    ]

    @Test(arguments: rejected)
    func rejectsValuesBigQueryRejects(field: String, value: JSONValue) {
        var row: JSONObject = ["id": "x"]
        row[field] = value
        guard case .invalid(let errors) = validate(.object(row)) else {
            Issue.record("\(field)=\(value) should be invalid")
            return
        }
        #expect(errors.first?.location.hasPrefix(field) == true)
    }

    @Test func errorsInsideRepeatedRecordsNameTheElement() {
        let schema = TableSchema(fields: [
            TableFieldSchema(
                name: "items", type: .record, mode: .repeated,
                fields: [
                    TableFieldSchema(name: "qty", type: .integer)
                ])
        ])
        let outcome = RowValidator(schema: schema).validate(["items": [["qty": 1], ["qty": "many"], ["qty": 2, "x": 1]]])
        guard case .invalid(let errors) = outcome else {
            Issue.record("expected errors, got \(outcome)")
            return
        }
        #expect(errors.map(\.location) == ["items[1].qty", "items[2].x"])
    }
}
