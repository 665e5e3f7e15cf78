import Testing
import WireJSON

@testable import LocalEmulator

/// `FROM t TABLESAMPLE SYSTEM (p PERCENT)`: about p percent of the table's rows, a new draw each query.
@Suite("TABLESAMPLE")
struct TableSampleTests {
    @Test func aSampleReadsAboutThePercentageAskedFor() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await client.query("CREATE TABLE ds.big AS SELECT x FROM UNNEST(GENERATE_ARRAY(1, 10000)) AS x")
            // 1,000 expected with a standard deviation of 30: outside 800...1200 is beyond six of them.
            let tenth = try await client.query("SELECT COUNT(*) BETWEEN 800 AND 1200 FROM ds.big TABLESAMPLE SYSTEM (10 PERCENT)")
            #expect(ScriptRouteTests.rows(tenth) == [["true"]], "\(tenth.json)")
            #expect(ScriptRouteTests.rows(try await client.query("SELECT COUNT(*) FROM ds.big TABLESAMPLE SYSTEM (0 PERCENT)")) == [["0"]])
            #expect(ScriptRouteTests.rows(try await client.query("SELECT COUNT(*) FROM ds.big TABLESAMPLE SYSTEM (100 PERCENT)")) == [["10000"]])
            // With an alias, a filter and a join.
            let filtered = try await client.query(
                "SELECT COUNTIF(b.x <= 5000) FROM ds.big AS b TABLESAMPLE SYSTEM (50 PERCENT) JOIN ds.big AS c ON b.x = c.x WHERE b.x > 5000")
            #expect(ScriptRouteTests.rows(filtered) == [["0"]], "\(filtered.json)")
            let outOfRange = try await client.query("SELECT COUNT(*) FROM ds.big TABLESAMPLE SYSTEM (101 PERCENT)")
            #expect(outOfRange.errorMessage?.hasPrefix("TABLESAMPLE percentage must be between 0 and 100") == true)
            let text = try await client.query("SELECT COUNT(*) FROM ds.big TABLESAMPLE SYSTEM ('a' PERCENT)")
            #expect(text.errorMessage?.hasPrefix("TABLESAMPLE percentage must be INT64 or FLOAT64, but was STRING") == true)
        }
    }

    /// A percentage that is not a literal used to skip the range check: NaN kept no row at all.
    @Test func aComputedPercentageIsCheckedWhenTheQueryRuns() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await client.query("CREATE TABLE ds.t AS SELECT x FROM UNNEST(GENERATE_ARRAY(1, 10)) AS x")
            for percent in ["CAST('nan' AS FLOAT64)", "200 - 50", "CAST(NULL AS FLOAT64)"] {
                let reply = try await client.query("SELECT COUNT(*) FROM ds.t TABLESAMPLE SYSTEM (\(percent) PERCENT)")
                #expect(reply.errorMessage?.hasPrefix("TABLESAMPLE percentage must be between 0 and 100") == true, "\(percent): \(reply.json)")
            }
            let computed = try await client.query("SELECT COUNT(*) FROM ds.t TABLESAMPLE SYSTEM (50 + 50 PERCENT)")
            #expect(ScriptRouteTests.rows(computed) == [["10"]])
        }
    }
}
