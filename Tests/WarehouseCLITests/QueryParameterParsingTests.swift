import Testing
import WarehouseClient
import WireJSON

@testable import warehouse

/// 2026-11-22 10:00:00 UTC in microseconds since the epoch.
private let baseMicros: Int64 = 1_795_341_600_000_000

@Suite struct QueryParameterParsingTests {
    @Test func namesTypesAndValuesAreReadLikeBqParameter() throws {
        #expect(try QueryParameter(parsing: "limit:INT64:10") == .int64("limit", 10))
        #expect(try QueryParameter(parsing: "who::ada:lovelace") == .string("who", "ada:lovelace"))
        #expect(try QueryParameter(parsing: "at:TIMESTAMP:2026-11-22 10:00:00") == .timestamp("at", micros: baseMicros))
        #expect(try QueryParameter(parsing: "ok:BOOL:true") == .bool("ok", true))
        #expect(try QueryParameter(parsing: "gone:STRING:NULL") == .string("gone", nil))
        #expect(try QueryParameter(parsing: "ids:ARRAY<INT64>:[1,2]") == .array("ids", of: .integer, [.int64(1), .int64(2)]))
    }

    @Test func structAndNestedTypesAreReadLikeBqParameter() throws {
        let person = try QueryParameter(parsing: #"p:STRUCT<Name STRING, age int64, tags ARRAY<STRING>>:{"name":"Ada","AGE":"36","tags":["x"]}"#)
        #expect(person.type == .structure([("Name", .scalar(.string)), ("age", .scalar(.integer)), ("tags", .array(.scalar(.string)))]))
        #expect(person.value == .record([.string("Ada"), .int64(36), .array([.string("x")])]))
        let missingMember = try QueryParameter(parsing: #"p:STRUCT<a INT64, b STRING>:{"a":1}"#)
        #expect(missingMember.value == .record([.int64(1), .null]))
        let positional = try QueryParameter(parsing: #"p:STRUCT<INT64, date DATE>:[1,"2026-11-22"]"#)
        #expect(positional.type == .structure([(nil, .scalar(.integer)), ("date", .scalar(.date))]))
        #expect(positional.value == .record([.int64(1), .date(20_779)]))
        let list = try QueryParameter(parsing: #"l:ARRAY<STRUCT<k STRING, v FLOAT64>>:[{"k":"a","v":1.5},null]"#)
        #expect(list.value == .array([.record([.string("a"), .float64(1.5)]), .null]))
        #expect(try QueryParameter(parsing: "p:STRUCT<a INT64>:NULL").value == .null)
        #expect(
            person.json["parameterType"] == [
                "type": "STRUCT",
                "structTypes": [
                    ["name": "Name", "type": ["type": "STRING"]], ["name": "age", "type": ["type": "INT64"]],
                    ["name": "tags", "type": ["type": "ARRAY", "arrayType": ["type": "STRING"]]],
                ],
            ])
        #expect(person.json["parameterValue"]?["structValues"]?["age"] == ["value": "36"])
    }

    @Test(arguments: [
        (#"p:STRUCT<a INT64:{"a":1}"#, "expected \">\""),
        (#"p:STRUCT<a INT64>:{"b":1}"#, "no field b"),
        (#"p:STRUCT<a INT64>:{"a":"x"}"#, "p.a"),
        (#"p:STRUCT<a INT64>:[1,2]"#, "1 fields, the array 2"),
        (#"p:STRUCT<a INT64>:5"#, "JSON object"),
        (#"p:STRUCT<a INT64>:{not json"#, "must be JSON"),
        (#"p:ARRAY<ARRAY<INT64>>:[[1]]"#, "cannot hold an ARRAY"),
        (#"p:ARRAY<INT64>:[1,"x"]"#, "p[1]"),
        (#"p:STRUCT<a FANCY>:{}"#, "unknown type FANCY"),
        (#"p:STRUCT<>:{}"#, "expected a type"),
    ])
    func badStructSpecificationsSayWhere(spec: String, expected: String) {
        let error = #expect(throws: QueryParameterError.self) { try QueryParameter(parsing: spec) }
        #expect(error?.message.contains(expected) == true, "\(error?.message ?? "no error")")
    }

    @Test func badSpecificationsSayWhatIsWrong() {
        #expect(throws: QueryParameterError.self) { try QueryParameter(parsing: "limit=10") }
        let badValue = #expect(throws: QueryParameterError.self) { try QueryParameter(parsing: "limit:INT64:ten") }
        #expect(badValue?.message.contains("not a valid INT64") == true)
        #expect(throws: QueryParameterError.self) { try QueryParameter(parsing: "x:FANCY:1") }
    }
}
