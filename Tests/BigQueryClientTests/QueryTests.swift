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
            _ = try await harness.client.insertAll(
                dataset: "ds", table: "events",
                rows: [Fixtures.event(1), Fixtures.event(2, type: "view")])
            let result = try await harness.client.query(
                "SELECT * FROM ds.events WHERE occurred_at >= @from AND occurred_at < @to AND event_type = @type LIMIT @limit",
                parameters: Self.window + [.string("type", "view"), .int64("limit", 10)])
            #expect(result.rows.count == 1)
            let row = try #require(result.rows.first)
            #expect(
                row == [
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
            let result = try await harness.client.query(
                "SELECT COUNT(*) FROM ds.events WHERE event_type = @type",
                parameters: [.string("type", "click' OR '1'='1")])
            #expect(result.rows == [[.int64(0)]])
        }
    }

    @Test func largeResultsArePagedThroughGetQueryResults() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            _ = try await harness.client.insertAll(dataset: "ds", table: "events", rows: (0..<2500).map { Fixtures.event($0) })
            try await harness.countCalls(method: "GET", path: "/queries/")
            let all = try await harness.client.query(
                "SELECT event_id FROM ds.events ORDER BY event_id",
                options: QueryOptions(pageSize: 1000))
            #expect(all.rows.count == 2500)
            #expect(all.totalRows == 2500)
            #expect(Set(all.rows.map { $0[0] }).count == 2500)
            #expect(try await harness.matchedCalls() == 2)
            let capped = try await harness.client.query(
                "SELECT event_id FROM ds.events",
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

@Suite struct QueryParameterRESTTests {
    @Test func theRESTFormCarriesTypeAndValue() {
        #expect(
            QueryParameter.int64("limit", 10).json == [
                "name": "limit", "parameterType": ["type": "INT64"], "parameterValue": ["value": "10"],
            ])
        #expect(
            QueryParameter.timestamp("at", micros: Fixtures.baseMicros).json["parameterValue"]?["value"]
                == "2026-11-22 10:00:00 UTC")
        #expect(
            QueryParameter.array("ids", of: .integer, [.int64(1)]).json["parameterType"]
                == ["type": "ARRAY", "arrayType": ["type": "INT64"]])
    }
}

/// SESSION_USER(): the email of the service account whose token runs the query, in a single query
/// and in a script.
@Suite struct SessionUserTests {
    @Test func sessionUserIsTheCallersEmail() async throws {
        try await withBigQuery { harness in
            let analyst = harness.client(credentials: try await harness.serviceAccount("analyst", role: "reader"))
            for sql in ["SELECT SESSION_USER()", "SELECT 1; SELECT SESSION_USER()"] {
                let result = try await analyst.query(sql)
                #expect(result.rows == [[.string("analyst@test-project.iam.gserviceaccount.com")]], "\(sql)")
            }
        }
    }

    @Test func theJobsViewNamesTheCallerAsEachJobsUser() async throws {
        try await withBigQuery { harness in
            let analyst = harness.client(credentials: try await harness.serviceAccount("analyst", role: "reader"))
            _ = try await analyst.query("SELECT 'mine'")
            let result = try await analyst.query("SELECT user_email FROM `region-us`.INFORMATION_SCHEMA.JOBS WHERE query = \"SELECT 'mine'\"")
            #expect(result.rows == [[.string("analyst@test-project.iam.gserviceaccount.com")]])
        }
    }

    /// JOBS_BY_USER: the caller's own jobs only, in a query and in a script, while JOBS lists everyone's.
    @Test func theJobsByUserViewListsTheCallersJobsOnly() async throws {
        try await withBigQuery { harness in
            let analyst = harness.client(credentials: try await harness.serviceAccount("analyst", role: "reader"))
            let auditor = harness.client(credentials: try await harness.serviceAccount("auditor", role: "reader"))
            _ = try await analyst.query("SELECT 'analyst'")
            _ = try await auditor.query("SELECT 'auditor'")
            let own = "SELECT DISTINCT user_email FROM `region-us`.INFORMATION_SCHEMA.JOBS_BY_USER"
            for sql in [own, "SELECT 1; \(own)"] {
                let result = try await auditor.query(sql)
                #expect(result.rows == [[.string("auditor@test-project.iam.gserviceaccount.com")]], "\(sql)")
            }
            let everyone = try await auditor.query("SELECT COUNT(DISTINCT user_email) FROM `region-us`.INFORMATION_SCHEMA.JOBS")
            #expect(everyone.rows == [[.int64(2)]])
        }
    }
}
