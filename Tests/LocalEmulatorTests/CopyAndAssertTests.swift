import Testing
import WireJSON

@testable import LocalEmulator

/// `CREATE TABLE ... LIKE / COPY / CLONE` (data definition language reference) and the `ASSERT`
/// statement (debugging statements reference).
@Suite("CREATE TABLE LIKE, COPY and CLONE; ASSERT")
struct CopyAndAssertTests {
    static func source(_ client: EmulatorClient) async throws {
        try await Fixture.createDataset(client, "ds")
        let created = try await client.query(
            """
            CREATE TABLE ds.src (x INT64 NOT NULL, y STRING(5) OPTIONS(description = 'why'), d DATE)
            PARTITION BY d CLUSTER BY y OPTIONS(description = 'source', require_partition_filter = true);
            INSERT ds.src VALUES (1, 'a', '2020-01-01'), (2, 'b', '2020-01-02'), (3, 'c', NULL)
            """)
        precondition(created.status == 200, "\(created.json)")
    }

    @Test func likeTakesTheDefinitionAndCopyAndCloneTakeTheRowsToo() async throws {
        try await withEmulator { client in
            try await Self.source(client)
            #expect(try await client.query("CREATE TABLE ds.empty LIKE ds.src").status == 200)
            let like = try await client.get(Fixture.table("ds", "empty"))
            #expect(like.json["schema"] == (try await client.get(Fixture.table("ds", "src"))).json["schema"])
            #expect(like.json["timePartitioning"]?["field"] == "d")
            #expect(like.json["clustering"] == ["fields": ["y"]])
            #expect(like.json["numRows"] == "0")

            for (statement, table) in [("COPY", "copied"), ("CLONE", "cloned")] {
                let reply = try await client.query("CREATE TABLE ds.\(table) \(statement) ds.src")
                #expect(reply.status == 200, "\(statement): \(reply.json)")
                let rows = try await client.get("\(Fixture.table("ds", table))/data")
                let values = rows.json["rows"]?.arrayValue?.compactMap { $0["f"]?[0]?["v"]?.stringValue }.sorted()
                #expect(values == ["1", "2", "3"], "\(statement): \(rows.json)")
                #expect(try await client.get(Fixture.table("ds", table)).json["requirePartitionFilter"] == true)
            }
            // The copy is its own table: a change to the source does not reach it.
            _ = try await client.query("DELETE ds.src WHERE d = '2020-01-01'")
            let copied = try await client.query("SELECT COUNT(*) FROM ds.copied WHERE d >= '2020-01-01'")
            #expect(ScriptRouteTests.rows(copied) == [["2"]], "\(copied.json)")
        }
    }

    @Test func theSourceMustBeATableAndTheTargetFollowsCreateRules() async throws {
        try await withEmulator { client in
            try await Self.source(client)
            #expect(try await client.query("CREATE TABLE ds.x LIKE ds.missing").status == 404)
            _ = try await client.query("CREATE VIEW ds.v AS SELECT 1 AS a")
            let view = try await client.query("CREATE TABLE ds.x COPY ds.v")
            #expect(view.errorMessage == "\(Fixture.project):ds.v is a view; this statement needs a table")
            _ = try await client.query("CREATE TABLE ds.t LIKE ds.src")
            #expect(try await client.query("CREATE TABLE ds.t LIKE ds.src").status == 409)
            #expect(try await client.query("CREATE TABLE IF NOT EXISTS ds.t COPY ds.src").status == 200)
            #expect(try await client.query("CREATE OR REPLACE TABLE ds.t COPY ds.src").status == 200)
            let timeTravel = try await client.query("CREATE TABLE ds.old CLONE ds.src FOR SYSTEM_TIME AS OF CURRENT_TIMESTAMP()")
            #expect(timeTravel.errorMessage?.hasPrefix("Unsupported: FOR SYSTEM_TIME AS OF") == true)
            let temporary = try await client.query(
                "CREATE TEMP TABLE tt AS SELECT 5 AS z; CREATE TABLE ds.from_temp COPY tt; SELECT z FROM ds.from_temp")
            #expect(ScriptRouteTests.rows(temporary) == [["5"]], "\(temporary.json)")
        }
    }

    @Test func assertPassesOnTrueAndFailsWithItsDescriptionOtherwise() async throws {
        try await withEmulator { client in
            let passes = try await client.query(
                "ASSERT ((SELECT COUNT(*) > 5 FROM UNNEST([1, 2, 3, 4, 5, 6]))) AS 'Table must contain more than 5 rows.'")
            #expect(passes.status == 200, "\(passes.json)")
            let fails = try await client.query(
                "ASSERT ((SELECT COUNT(*) > 10 FROM UNNEST([1, 2, 3, 4, 5, 6]))) AS 'Table must contain more than 10 rows.'")
            #expect(fails.status == 400)
            #expect(fails.errorMessage == "Table must contain more than 10 rows.")
            #expect(try await client.query("ASSERT 1 > 2").errorMessage == "Assertion failed: 1 > 2")
            #expect(try await client.query("ASSERT NULL").errorMessage == "Assertion failed: NULL")
            #expect(try await client.query("ASSERT 1").errorMessage == "ASSERT expression must be of type BOOL, but was INT64")
            let handled = try await client.query("BEGIN ASSERT FALSE AS 'nope'; EXCEPTION WHEN ERROR THEN SELECT @@error.message AS m; END")
            #expect(ScriptRouteTests.rows(handled) == [["nope"]])
            let later = try await client.query("ASSERT TRUE; SELECT 'ran' AS s")
            #expect(ScriptRouteTests.rows(later) == [["ran"]])
            let load = try await client.query("LOAD DATA INTO ds.t FROM FILES (uris = ['gs://bucket/file.csv'])")
            #expect(load.errorMessage?.hasPrefix("Unsupported: LOAD statements are not supported by the local emulator") == true)
        }
    }
}
