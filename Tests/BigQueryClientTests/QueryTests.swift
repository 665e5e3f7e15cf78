import Testing
import WarehouseClient
import WireJSON

@Suite struct QueryTests {
    static let window: [QueryParameter] = [
        .timestamp("from", micros: Fixtures.baseMicros), .timestamp("to", micros: Fixtures.baseMicros + 86_400_000_000),
    ]

    @Test func typedParametersFilterAndEveryColumnDecodesToItsType() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            _ = try await harness.client.insertAll(dataset: "ds", table: "events",
                                                   rows: [Fixtures.event(1), Fixtures.event(2, type: "view")])
            let result = try await harness.client.query(
                "SELECT * FROM ds.events WHERE occurred_at >= @from AND occurred_at < @to AND event_type = @type LIMIT @limit",
                parameters: Self.window + [.string("type", "view"), .int64("limit", 10)])
            #expect(result.rows.count == 1)
            let row = try #require(result.rows.first)
            #expect(row == [
                .string("event-2"), .string("view"), .int64(2), .timestamp(Fixtures.baseMicros + 2_000_000),
                .numeric("12.5"), .float64(0.25), .bool(true), .date(20779), .json(#"{"k":2}"#),
                .array([.string("a"), .string("b")]), .record([.string("linux"), .int64(6)]),
            ])
        }
    }

    @Test func arrayAndNullParametersAreSentWithTheirTypes() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            _ = try await harness.client.insertAll(dataset: "ds", table: "events", rows: (0..<10).map { Fixtures.event($0) })
            let result = try await harness.client.query(
                "SELECT event_id FROM ds.events WHERE user_id IN UNNEST(@users) AND @missing IS NULL ORDER BY event_id",
                parameters: [.array("users", of: .integer, [.int64(1), .int64(2)]), .string("missing", nil)])
            #expect(result.rows.map { $0[0] } == [.string("event-1"), .string("event-2"), .string("event-8"), .string("event-9")])
        }
    }

    @Test func injectionTextInAParameterIsOnlyData() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            _ = try await harness.client.insertAll(dataset: "ds", table: "events", rows: [Fixtures.event(1)])
            let result = try await harness.client.query("SELECT COUNT(*) FROM ds.events WHERE event_type = @type",
                                                        parameters: [.string("type", "click' OR '1'='1")])
            #expect(result.rows == [[.int64(0)]])
        }
    }

    @Test func largeResultsArePagedThroughGetQueryResults() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            _ = try await harness.client.insertAll(dataset: "ds", table: "events", rows: (0..<2500).map { Fixtures.event($0) })
            try await harness.countCalls(method: "GET", path: "/queries/")
            let all = try await harness.client.query("SELECT event_id FROM ds.events ORDER BY event_id",
                                                     options: QueryOptions(pageSize: 1000))
            #expect(all.rows.count == 2500)
            #expect(all.totalRows == 2500)
            #expect(Set(all.rows.map { $0[0] }).count == 2500)
            #expect(try await harness.matchedCalls() == 2)
            let capped = try await harness.client.query("SELECT event_id FROM ds.events",
                                                        options: QueryOptions(pageSize: 1000, maxRows: 1500))
            #expect(capped.rows.count == 1500)
            #expect(capped.totalRows == 2500)
        }
    }

    @Test func aDryRunReportsBytesWithoutRows() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            _ = try await harness.client.insertAll(dataset: "ds", table: "events", rows: (0..<10).map { Fixtures.event($0) })
            let result = try await harness.client.query("SELECT event_id FROM ds.events", options: QueryOptions(dryRun: true))
            #expect(result.rows.isEmpty)
            #expect((result.totalBytesProcessed ?? 0) > 0)
        }
    }
}

@Suite struct QueryParameterParsingTests {
    @Test func namesTypesAndValuesAreReadLikeBqParameter() throws {
        #expect(try QueryParameter(parsing: "limit:INT64:10") == .int64("limit", 10))
        #expect(try QueryParameter(parsing: "who::ada:lovelace") == .string("who", "ada:lovelace"))
        #expect(try QueryParameter(parsing: "at:TIMESTAMP:2026-11-22 10:00:00") == .timestamp("at", micros: Fixtures.baseMicros))
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
        #expect(person.json["parameterType"] == ["type": "STRUCT", "structTypes": [
            ["name": "Name", "type": ["type": "STRING"]], ["name": "age", "type": ["type": "INT64"]],
            ["name": "tags", "type": ["type": "ARRAY", "arrayType": ["type": "STRING"]]],
        ]])
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

    @Test func theRESTFormCarriesTypeAndValue() {
        #expect(QueryParameter.int64("limit", 10).json == [
            "name": "limit", "parameterType": ["type": "INT64"], "parameterValue": ["value": "10"],
        ])
        #expect(QueryParameter.timestamp("at", micros: Fixtures.baseMicros).json["parameterValue"]?["value"]
                == "2026-11-22 10:00:00 UTC")
        #expect(QueryParameter.array("ids", of: .integer, [.int64(1)]).json["parameterType"]
                == ["type": "ARRAY", "arrayType": ["type": "INT64"]])
    }
}
