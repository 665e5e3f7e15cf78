import Testing
import WireJSON

@Suite("BigQuery jobs and queries")
struct QueryRouteTests {
    static let queries = "/bigquery/v2/projects/\(Fixture.project)/queries"
    static let jobs = "/bigquery/v2/projects/\(Fixture.project)/jobs"

    static func parameter(_ name: String, _ type: String, _ value: String) -> JSONValue {
        ["name": .string(name), "parameterType": ["type": .string(type)], "parameterValue": ["value": .string(value)]]
    }

    /// 30 days of events, ten a day, in the partitioned `analytics.events` table.
    static func seedThirtyDays(_ client: EmulatorClient, requirePartitionFilter: Bool = false) async throws {
        try await Fixture.createEventsTable(client, requirePartitionFilter: requirePartitionFilter)
        var rows: [JSONValue] = []
        for day in 1...30 {
            for index in 0..<10 {
                let date = "2026-01-\(day < 10 ? "0" : "")\(day)T\(index < 10 ? "0" : "")\(index):00:00Z"
                rows.append(
                    Fixture.event(
                        "d\(day)-\(index)", type: index % 2 == 0 ? "click" : "view", user: "u\(index % 3)",
                        amount: Int64(index), at: date))
            }
        }
        let reply = try await Fixture.insert(client, rows)
        precondition(reply.json["insertErrors"] == nil, "\(reply.json)")
    }

    static func column(_ reply: JSONReply, _ index: Int) -> [String?] {
        reply.json["rows"]?.arrayValue?.map { $0["f"]?[index]?["v"]?.stringValue } ?? []
    }

    @Test func parameterizedQueryWithLimitReturnsTypedRows() async throws {
        try await withEmulator { client in
            try await Self.seedThirtyDays(client)
            let reply = try await client.post(
                Self.queries,
                [
                    "query":
                        "SELECT event_id, amount, occurred_at FROM analytics.events WHERE occurred_at >= @start AND event_type = @type ORDER BY occurred_at LIMIT @limit",
                    "useLegacySql": false, "parameterMode": "NAMED",
                    "queryParameters": [
                        Self.parameter("start", "TIMESTAMP", "2026-01-30 00:00:00"), Self.parameter("type", "STRING", "view"),
                        Self.parameter("limit", "INT64", "3"),
                    ],
                ])
            #expect(reply.status == 200, "\(reply.json)")
            #expect(reply.json["jobComplete"] == true)
            #expect(reply.json["totalRows"] == "3")
            #expect(Self.column(reply, 0) == ["d30-1", "d30-3", "d30-5"])
            #expect(Self.column(reply, 1) == ["1", "3", "5"])
            #expect(Self.column(reply, 2).first == "1.7697348E9")
            let types = reply.json["schema"]?["fields"]?.arrayValue?.compactMap { $0["type"]?.stringValue }
            #expect(types == ["STRING", "INTEGER", "TIMESTAMP"])
        }
    }

    @Test func injectionStringsInParametersAreJustData() async throws {
        try await withEmulator { client in
            try await Self.seedThirtyDays(client)
            let evil = "x' OR '1'='1'; DROP TABLE events; --"
            let reply = try await client.post(
                Self.queries,
                [
                    "query": "SELECT @evil AS echoed, COUNT(*) AS n FROM analytics.events WHERE event_type = @evil",
                    "useLegacySql": false, "queryParameters": [Self.parameter("evil", "STRING", evil)],
                ])
            #expect(Self.column(reply, 0) == [evil])
            #expect(Self.column(reply, 1) == ["0"])
            #expect(try await client.get(Fixture.table("analytics", "events")).json["numRows"] == "300")
        }
    }

    @Test func analyticalQueryShapesAnswerWithTheirSchemas() async throws {
        try await withEmulator { client in
            try await Self.seedThirtyDays(client)
            let reply = try await client.post(
                Self.queries,
                [
                    "query": """
                    WITH per_user AS (SELECT user_id, COUNT(*) AS n FROM analytics.events GROUP BY user_id)
                    SELECT p.user_id, p.n, RANK() OVER (ORDER BY p.n DESC, p.user_id) AS place,
                      (SELECT COUNT(*) FROM analytics.events e WHERE e.user_id = p.user_id AND e.event_type = 'click')
                    FROM per_user AS p ORDER BY place
                    """,
                    "useLegacySql": false,
                ])
            #expect(reply.status == 200, "\(reply.json)")
            let fields = reply.json["schema"]?["fields"]?.arrayValue ?? []
            #expect(fields.compactMap { $0["name"]?.stringValue } == ["user_id", "n", "place", "f0_"])
            #expect(fields.compactMap { $0["type"]?.stringValue } == ["STRING", "INTEGER", "INTEGER", "INTEGER"])
            // Per day, indexes 0, 3, 6, 9 are u0, 1, 4, 7 u1 and 2, 5, 8 u2; the even ones are clicks.
            #expect(Self.column(reply, 0) == ["u0", "u1", "u2"])
            #expect(Self.column(reply, 1) == ["120", "90", "90"])
            #expect(Self.column(reply, 2) == ["1", "2", "3"])
            #expect(Self.column(reply, 3) == ["60", "30", "60"])
        }
    }

    @Test func positionalAndArrayParametersBind() async throws {
        try await withEmulator { client in
            try await Self.seedThirtyDays(client)
            let reply = try await client.post(
                Self.queries,
                [
                    "query":
                        "SELECT user_id, COUNT(*) AS n FROM analytics.events WHERE user_id IN UNNEST(?) AND amount > ? GROUP BY user_id ORDER BY user_id",
                    "useLegacySql": false, "parameterMode": "POSITIONAL",
                    "queryParameters": [
                        [
                            "parameterType": ["type": "ARRAY", "arrayType": ["type": "STRING"]],
                            "parameterValue": ["arrayValues": [["value": "u0"], ["value": "u2"]]],
                        ],
                        ["parameterType": ["type": "INT64"], "parameterValue": ["value": "4"]],
                    ],
                ])
            #expect(reply.status == 200, "\(reply.json)")
            // amounts 5..9 are u2,u0,u1,u2,u0 each day → u0: 2, u2: 2 per day.
            #expect(Self.column(reply, 0) == ["u0", "u2"])
            #expect(Self.column(reply, 1) == ["60", "60"])
        }
    }

    @Test func resultsPageThroughGetQueryResults() async throws {
        try await withEmulator { client in
            try await Self.seedThirtyDays(client)
            let first = try await client.post(
                Self.queries,
                [
                    "query": "SELECT event_id FROM analytics.events ORDER BY event_id",
                    "useLegacySql": false, "maxResults": 120,
                ])
            #expect(first.json["totalRows"] == "300")
            #expect(first.json["rows"]?.arrayValue?.count == 120)
            let jobId = try #require(first.json["jobReference"]?["jobId"]?.stringValue)
            var ids = Self.column(first, 0)
            var token = first.json["pageToken"]?.stringValue
            while let next = token {
                let page = try await client.get("\(Self.queries)/\(jobId)?maxResults=100&pageToken=\(next)")
                #expect(page.json["kind"] == "bigquery#getQueryResultsResponse")
                ids += Self.column(page, 0)
                token = page.json["pageToken"]?.stringValue
            }
            #expect(ids.count == 300)
            #expect(Set(ids).count == 300)
            #expect(ids == ids.sorted { ($0 ?? "") < ($1 ?? "") })
        }
    }

    @Test func jobsInsertThenGetAndGetQueryResults() async throws {
        try await withEmulator { client in
            try await Self.seedThirtyDays(client)
            let inserted = try await client.post(
                Self.jobs,
                [
                    "jobReference": ["jobId": "my-job-1"],
                    "configuration": ["query": ["query": "SELECT COUNT(*) AS n FROM analytics.events", "useLegacySql": false]],
                ])
            #expect(inserted.status == 200, "\(inserted.json)")
            #expect(inserted.json["status"]?["state"] == "DONE")
            #expect(inserted.json["statistics"]?["query"]?["statementType"] == "SELECT")
            let fetched = try await client.get("\(Self.jobs)/my-job-1")
            #expect(fetched.json["jobReference"]?["jobId"] == "my-job-1")
            let results = try await client.get("\(Self.queries)/my-job-1")
            #expect(Self.column(results, 0) == ["300"])
            let again = try await client.post(
                Self.jobs,
                [
                    "jobReference": ["jobId": "my-job-1"],
                    "configuration": ["query": ["query": "SELECT 1", "useLegacySql": false]],
                ])
            #expect(again.status == 409)
            #expect(try await client.get("\(Self.jobs)/nope").status == 404)
            #expect(try await client.get("\(Self.queries)/nope").status == 404)
            let listed = try await client.get(Self.jobs)
            #expect(listed.json["jobs"]?.arrayValue?.count == 1)
        }
    }

    /// A job's labels are in `configuration.labels`, where the clients read them (`job.labels`), and
    /// jobs.query's request-only members (`timeoutMs`, `maxResults`, ...) are not in its query configuration.
    @Test func aJobResourceCarriesItsLabelsInItsConfiguration() async throws {
        try await withEmulator { client in
            let inserted = try await client.post(
                Self.jobs,
                [
                    "jobReference": ["jobId": "labelled"],
                    "configuration": ["query": ["query": "SELECT 1", "useLegacySql": false], "labels": ["team": "data"]],
                ])
            #expect(inserted.json["configuration"]?["labels"] == ["team": "data"], "\(inserted.json)")
            #expect(try await client.get("\(Self.jobs)/labelled").json["configuration"]?["labels"] == ["team": "data"])

            let queried = try await client.post(
                Self.queries,
                ["query": "SELECT 1", "useLegacySql": false, "labels": ["env": "test"], "timeoutMs": 5000, "maxResults": 10])
            let jobId = try #require(queried.json["jobReference"]?["jobId"]?.stringValue)
            let configuration = try await client.get("\(Self.jobs)/\(jobId)").json["configuration"]
            #expect(configuration?["labels"] == ["env": "test"], "\(String(describing: configuration))")
            #expect(configuration?["query"] == ["query": "SELECT 1", "useLegacySql": false], "\(String(describing: configuration))")
        }
    }

    @Test func partitionPruningShowsInTotalBytesProcessed() async throws {
        try await withEmulator { client in
            try await Self.seedThirtyDays(client)
            func bytes(_ sql: String) async throws -> Double {
                let reply = try await client.post(Self.queries, ["query": .string(sql), "useLegacySql": false, "dryRun": true])
                #expect(reply.json["rows"] == nil)
                return Double(reply.json["totalBytesProcessed"]?.stringValue ?? "") ?? -1
            }
            let full = try await bytes("SELECT * FROM analytics.events")
            let oneDay = try await bytes("SELECT * FROM analytics.events WHERE occurred_at >= '2026-01-05' AND occurred_at < '2026-01-06'")
            let oneColumn = try await bytes("SELECT amount FROM analytics.events")
            #expect(full > 0)
            // Event ids of days 10-30 are one byte longer, so the ratio is a little over 30.
            #expect(full / oneDay > 29.5 && full / oneDay < 31.5, "full \(full), one day \(oneDay)")
            #expect(oneColumn == 300 * 8)
            // Jobs report the same figure.
            let job = try await client.post(
                Self.jobs,
                [
                    "configuration": [
                        "dryRun": true,
                        "query": [
                            "query": "SELECT * FROM analytics.events WHERE occurred_at >= '2026-01-05' AND occurred_at < '2026-01-06'",
                            "useLegacySql": false,
                        ],
                    ]
                ])
            #expect(Double(job.json["statistics"]?["totalBytesProcessed"]?.stringValue ?? "") == oneDay)
        }
    }

    @Test func requirePartitionFilterIsEnforced() async throws {
        try await withEmulator { client in
            try await Self.seedThirtyDays(client, requirePartitionFilter: true)
            let refused = try await client.post(Self.queries, ["query": "SELECT COUNT(*) FROM analytics.events", "useLegacySql": false])
            #expect(refused.status == 400)
            #expect(refused.errorReason == "invalidQuery")
            #expect(refused.errorMessage?.contains("without a filter over column(s) 'occurred_at'") == true)
            let allowed = try await client.post(
                Self.queries,
                [
                    "query": "SELECT COUNT(*) FROM analytics.events WHERE occurred_at >= '2026-01-29'",
                    "useLegacySql": false,
                ])
            #expect(Self.column(allowed, 0) == ["20"])
        }
    }

    @Test func failedQueriesAreClientErrorsNeverOkWithErrors() async throws {
        try await withEmulator { client in
            try await Self.seedThirtyDays(client)
            let cases: [(String, Int, String)] = [
                ("SELEC 1", 400, "invalidQuery"),
                ("SELECT nope FROM analytics.events", 400, "invalidQuery"),
                ("SELECT * FROM analytics.missing", 404, "notFound"),
                ("SELECT * FROM nowhere.events", 404, "notFound"),
                ("SELECT * FROM analytics.events a NATURAL JOIN analytics.events b", 400, "invalidQuery"),
            ]
            for (sql, status, reason) in cases {
                let viaQuery = try await client.post(Self.queries, ["query": .string(sql), "useLegacySql": false])
                #expect(viaQuery.status == status, "\(sql): \(viaQuery.json)")
                #expect(viaQuery.errorReason == reason, "\(sql)")
                let viaJob = try await client.post(Self.jobs, ["configuration": ["query": ["query": .string(sql), "useLegacySql": false]]])
                #expect(viaJob.status == status, "\(sql)")
            }
            for failing in [
                "SELECT CAST('ten' AS INT64)", "SELECT 1 / 0", "SELECT 9223372036854775807 + 1",
                "SELECT (SELECT x FROM UNNEST([1, 2]) AS x)",
            ] {
                let reply = try await client.post(Self.queries, ["query": .string(failing), "useLegacySql": false])
                #expect(reply.status == 400, "\(failing): \(reply.json)")
                #expect(reply.errorReason == "invalidQuery", "\(failing)")
            }
            let legacy = try await client.post(Self.queries, ["query": "SELECT 1", "useLegacySql": true])
            #expect(legacy.status == 400)
            let badParameter = try await client.post(
                Self.queries,
                [
                    "query": "SELECT @x", "useLegacySql": false,
                    "queryParameters": [Self.parameter("x", "INT64", "ten")],
                ])
            #expect(badParameter.status == 400)
        }
    }

    @Test func int64TimestampsWhenRequested() async throws {
        try await withEmulator { client in
            try await Self.seedThirtyDays(client)
            let sql: JSONValue = "SELECT occurred_at FROM analytics.events WHERE event_id = 'd1-0'"
            let floats = try await client.post(Self.queries, ["query": sql, "useLegacySql": false])
            #expect(Self.column(floats, 0) == ["1.7672256E9"])
            let micros = try await client.post(Self.queries, ["query": sql, "useLegacySql": false, "formatOptions": ["useInt64Timestamp": true]])
            #expect(Self.column(micros, 0) == ["1767225600000000"])
            let jobId = try #require(micros.json["jobReference"]?["jobId"]?.stringValue)
            let page = try await client.get("\(Self.queries)/\(jobId)?formatOptions.useInt64Timestamp=true")
            #expect(Self.column(page, 0) == ["1767225600000000"])
        }
    }
}
