import Foundation
import Testing
import WarehouseSchema
import WireJSON

@testable import LocalEmulator

/// `region-us.INFORMATION_SCHEMA.JOBS`: the jobs the emulator holds, read with SQL as monitoring
/// queries read BigQuery's.
@Suite("INFORMATION_SCHEMA.JOBS")
struct JobsViewTests {
    static let jobs = "`region-us`.INFORMATION_SCHEMA.JOBS"

    @Test func listsFinishedAndFailedJobsWithTheirStatementBytesAndTables() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            #expect(try await client.query("CREATE TABLE ds.t (x INT64, s STRING)").status == 200)
            #expect(try await client.query("INSERT ds.t VALUES (1, 'abc'), (2, 'de')").status == 200)
            let labelled = try await client.post(
                "/bigquery/v2/projects/\(Fixture.project)/queries",
                ["query": "SELECT SUM(x) FROM ds.t", "useLegacySql": false, "labels": ["team": "data", "env": "test"]])
            #expect(labelled.status == 200, "\(labelled.json)")
            #expect(try await client.query("SELECT no_such_column FROM ds.t").status == 400)

            let reply = try await client.query(
                """
                SELECT query, statement_type, state, total_bytes_processed, total_bytes_billed, user_email,
                  error_result.reason, error_result.message, ARRAY_LENGTH(referenced_tables), referenced_tables[SAFE_OFFSET(0)].table_id,
                  dml_statistics.inserted_row_count, (SELECT STRING_AGG(key || '=' || value, ',' ORDER BY key) FROM UNNEST(labels)),
                  job_type, priority, cache_hit, end_time >= start_time
                FROM \(Self.jobs) WHERE query NOT LIKE '%INFORMATION_SCHEMA%' ORDER BY creation_time
                """)
            #expect(reply.status == 200, "\(reply.json)")
            let rows = ScriptRouteTests.rows(reply)
            #expect(rows.count == 4, "\(rows)")
            guard rows.count == 4 else { return }
            #expect(rows[0][0] == "CREATE TABLE ds.t (x INT64, s STRING)")
            #expect(rows[0][1] == "CREATE_TABLE" && rows[0][2] == "DONE")
            #expect(rows[1][1] == "INSERT" && rows[1][10] == "2")
            // SUM(x) reads the 8-byte column of two rows; billing rounds up to BigQuery's 10 MB floor.
            #expect(rows[2][1] == "SELECT" && rows[2][3] == "16" && rows[2][4] == "10485760")
            #expect(rows[2][8] == "1" && rows[2][9] == "t" && rows[2][11] == "env=test,team=data")
            #expect(rows.allSatisfy { $0[5] == "emulator@localhost" && $0[12] == "QUERY" && $0[13] == "INTERACTIVE" && $0[14] == "false" })
            #expect(rows[3][0] == "SELECT no_such_column FROM ds.t" && rows[3][2] == "DONE" && rows[3][6] == "invalidQuery")
            #expect(rows.allSatisfy { $0[15] == "true" })

            // A failed query is listed DONE with its error.
            let failed = ScriptRouteTests.rows(
                try await client.query("SELECT state, error_result.reason, error_result.message FROM \(Self.jobs) WHERE error_result IS NOT NULL"))
            #expect(failed.count == 1 && failed.first?[0] == "DONE" && failed.first?[1] == "invalidQuery", "\(failed)")
            #expect(failed.first?[2]?.contains("no_such_column") == true)
        }
    }

    @Test func theViewIsQualifiedByARegionOnly() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let reply = try await client.query("SELECT job_id FROM ds.INFORMATION_SCHEMA.JOBS")
            #expect(reply.status == 400)
            #expect(reply.errorMessage?.contains("must be qualified with a region") == true, "\(reply.json)")
            let byProject = try await client.query("SELECT COUNT(*) FROM `\(Fixture.project)`.`region-us`.INFORMATION_SCHEMA.JOBS_BY_PROJECT")
            #expect(byProject.status == 200, "\(byProject.json)")
        }
    }

    @Test func labelsThatAreNotStringsAreRefused() async throws {
        try await withEmulator { client in
            let reply = try await client.post(
                "/bigquery/v2/projects/\(Fixture.project)/queries", ["query": "SELECT 1", "useLegacySql": false, "labels": ["n": 5]])
            #expect(reply.status == 400)
            #expect(reply.errorMessage == "Invalid value for label \"n\": expected a string")
        }
    }

    /// The rows reach SQLite as literals: past the text budget the oldest jobs are left out, so 2,000
    /// queries of a megabyte each cannot make a 2 GB statement.
    @Test func theOldestJobsPastTheQueryTextBudgetAreLeftOut() throws {
        let text = "SELECT 1 -- " + String(repeating: "x", count: 999_000)
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let jobs = try (0..<40).map { index in
            let request = try QueryRequest(["query": .string(text)], project: "p", dryRun: false)
            let result = QueryResult(schema: TableSchema(fields: []), rows: [], totalBytesProcessed: 0, statementType: "SELECT", referencedTables: [])
            let created = start.addingTimeInterval(Double(index))
            return QueryJob(project: "p", jobId: "job\(index)", request: request, result: result, created: created, finished: created)
        }
        let rows = InformationSchema.jobRows(finished: jobs, unfinished: [])
        let listed = InformationSchema.maximumJobsQueryTextBytes / text.utf8.count
        #expect(rows.count == listed && listed < 40)
        #expect(rows.first?[4] == .string("job39") && rows.last?[4] == .string("job\(40 - listed)"))
        #expect(rows.allSatisfy { $0.count == InformationSchema.jobsSchema.fields.count })
    }
}
