import GRDB
import Testing
import WarehouseSchema
import WireJSON

@testable import GoogleSQL

@Suite struct ParameterTests {
    let db = try! Fixture.events()

    @Test func restParametersDecodeEveryScalarType() throws {
        let json: JSONValue = [
            ["name": "s", "parameterType": ["type": "STRING"], "parameterValue": ["value": "hi"]],
            ["name": "i", "parameterType": ["type": "INT64"], "parameterValue": ["value": "10"]],
            ["name": "f", "parameterType": ["type": "FLOAT64"], "parameterValue": ["value": "1.5"]],
            ["name": "n", "parameterType": ["type": "NUMERIC"], "parameterValue": ["value": "1.50"]],
            ["name": "bn", "parameterType": ["type": "BIGNUMERIC"], "parameterValue": ["value": "2"]],
            ["name": "b", "parameterType": ["type": "BOOL"], "parameterValue": ["value": "true"]],
            ["name": "ts", "parameterType": ["type": "TIMESTAMP"], "parameterValue": ["value": "2024-01-01 00:00:00 UTC"]],
            ["name": "d", "parameterType": ["type": "DATE"], "parameterValue": ["value": "2024-01-02"]],
            ["name": "dt", "parameterType": ["type": "DATETIME"], "parameterValue": ["value": "2024-01-02T03:04:05"]],
            ["name": "t", "parameterType": ["type": "TIME"], "parameterValue": ["value": "03:04:05"]],
            ["name": "by", "parameterType": ["type": "BYTES"], "parameterValue": ["value": "aGk="]],
            ["name": "j", "parameterType": ["type": "JSON"], "parameterValue": ["value": "{\"a\": 1}"]],
            ["name": "nul", "parameterType": ["type": "STRING"], "parameterValue": [:]],
            [
                "name": "arr", "parameterType": ["type": "ARRAY", "arrayType": ["type": "STRING"]],
                "parameterValue": ["arrayValues": [["value": "a"], ["value": "b"]]],
            ],
            [
                "name": "st", "parameterType": ["type": "STRUCT", "structTypes": [["name": "x", "type": ["type": "INT64"]]]],
                "parameterValue": ["structValues": ["x": ["value": "7"]]],
            ],
        ]
        let parameters = try GoogleSQLCompiler.parameters(from: json.arrayValue!)
        #expect(
            parameters.map(\.value) == [
                .string("hi"), .int64(10), .float64(1.5), .numeric("1.5"), .bignumeric("2"), .bool(true),
                .timestamp(Fixture.ts("2024-01-01 00:00:00")), .date(Fixture.day("2024-01-02")),
                .datetime(days: Fixture.day("2024-01-02"), timeMicros: 11_045_000_000), .time(11_045_000_000),
                .bytes(Array("hi".utf8)), .json(#"{"a":1}"#), .null, .array([.string("a"), .string("b")]), .record([.int64(7)]),
            ])
        #expect(parameters[13].type == .array(.scalar(.string)))
        let row = try db.rows("SELECT @s, @i, @f, @n, @b, @ts, @d, @dt, @t, @by, @j, @nul, @arr, @st, @st.x", parameters)
        #expect(
            row == [
                [
                    .string("hi"), .int64(10), .float64(1.5), .numeric("1.5"), .bool(true), .timestamp(Fixture.ts("2024-01-01 00:00:00")),
                    .date(Fixture.day("2024-01-02")), .datetime(days: Fixture.day("2024-01-02"), timeMicros: 11_045_000_000),
                    .time(11_045_000_000), .bytes(Array("hi".utf8)), .json(#"{"a":1}"#), .null,
                    .array([.string("a"), .string("b")]), .record([.int64(7)]), .int64(7),
                ]
            ])
    }

    @Test func badParameterTypesAndValuesAreInvalidQuery() {
        let badType: [JSONValue] = [["name": "x", "parameterType": ["type": "UINT32"], "parameterValue": ["value": "1"]]]
        #expect(errorMessage { try GoogleSQLCompiler.parameters(from: badType) }?.contains("Unsupported query parameter type UINT32") == true)
        let noElement: [JSONValue] = [["name": "x", "parameterType": ["type": "RANGE"], "parameterValue": ["value": "[1, 2)"]]]
        #expect(errorMessage { try GoogleSQLCompiler.parameters(from: noElement) }?.contains("needs a rangeElementType") == true)
        let badValue: [JSONValue] = [["name": "x", "parameterType": ["type": "INT64"], "parameterValue": ["value": "ten"]]]
        #expect(
            errorMessage { try GoogleSQLCompiler.parameters(from: badValue) }
                == "Invalid value for query parameter 'x' of type INT64: Cannot convert value to integer (bad value): ten")
        let noType: [JSONValue] = [["name": "x", "parameterValue": ["value": "1"]]]
        #expect(errorKind { try GoogleSQLCompiler.parameters(from: noType) } == .invalidQuery)
    }

    @Test func injectionStringIsOnlyData() throws {
        let payload = "'; DROP TABLE t_proj_ds_events; --"
        let p = named("p", .string, .string(payload))
        #expect(try db.column("SELECT @p AS v", [p]) == [.string(payload)])
        #expect(try db.column("SELECT event_id FROM events WHERE event_type = @p", [p]) == [])
        let query = try db.compile("SELECT event_id FROM events WHERE event_type = @p OR event_id = 'x\\'; DROP TABLE y; --'", [p])
        #expect(!query.sql.contains("DROP"))
        #expect(try db.count("t_proj_ds_events") == 5)
    }

    @Test func literalsAreBoundNotSpliced() throws {
        let query = try db.compile("SELECT event_id FROM events WHERE event_type = 'click' AND user_id > 41")
        #expect(!query.sql.contains("click"))
        #expect(!query.sql.contains("41"))
        #expect(query.arguments == StatementArguments(["click", 41]))
    }

    @Test func inUnnestArrayParameter() throws {
        let arr = QueryParameter(name: "types", type: .array(.scalar(.string)), value: .array([.string("view"), .string("purchase")]))
        #expect(try db.column("SELECT event_id FROM events WHERE event_type IN UNNEST(@types) ORDER BY 1", [arr]) == [.string("e2"), .string("e4")])
        #expect(
            try db.column("SELECT event_id FROM events WHERE event_type NOT IN UNNEST(@types) ORDER BY 1", [arr]) == [.string("e1"), .string("e3")])
        let ids = QueryParameter(name: "ids", type: .array(.scalar(.integer)), value: .array([.int64(2), .int64(3)]))
        #expect(try db.column("SELECT event_id FROM events WHERE user_id IN UNNEST(@ids) ORDER BY 1", [ids]) == [.string("e3"), .string("e4")])
        let empty = QueryParameter(name: "ids", type: .array(.scalar(.integer)), value: .array([]))
        #expect(try db.column("SELECT event_id FROM events WHERE user_id IN UNNEST(@ids)", [empty]) == [])
        #expect(try db.column("SELECT event_id FROM events WHERE 'b' IN UNNEST(tags) ORDER BY 1") == [.string("e1"), .string("e2")])
    }

    @Test func positionalParametersBindInOrder() throws {
        let parameters = [
            QueryParameter(name: nil, type: .scalar(.string), value: .string("click")),
            QueryParameter(name: nil, type: .scalar(.integer), value: .int64(1)),
        ]
        #expect(try db.column("SELECT event_id FROM events WHERE event_type = ? AND user_id = ?", parameters) == [.string("e1")])
    }
}
