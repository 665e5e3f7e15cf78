import Testing
import WireJSON

/// CREATE SCHEMA and DROP SCHEMA: datasets made and removed by DDL, as the DDL reference describes
/// them (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language).
@Suite("CREATE SCHEMA and DROP SCHEMA")
struct SchemaDDLTests {
    @Test func createSchemaMakesTheDatasetThatDatasetsGetReads() async throws {
        try await withEmulator { client in
            let created = try await client.query(
                """
                CREATE SCHEMA mydataset
                OPTIONS(location = 'us', default_table_expiration_days = 3.75, labels = [('label1', 'value1')],
                        description = 'A dataset', friendly_name = 'Mine')
                """)
            #expect(created.status == 200, "\(created.json)")
            let dataset = try await client.get("\(Fixture.datasets)/mydataset")
            #expect(dataset.status == 200)
            #expect(dataset.json["description"] == "A dataset")
            #expect(dataset.json["friendlyName"] == "Mine")
            #expect(dataset.json["location"] == "us")
            // Tables go in it at once, in the same script.
            let script = try await client.query(
                "CREATE SCHEMA IF NOT EXISTS mydataset; CREATE TABLE mydataset.t (x INT64); INSERT mydataset.t VALUES (1); SELECT x FROM mydataset.t")
            #expect(ScriptRouteTests.rows(script) == [["1"]], "\(script.json)")
            let again = try await client.query("CREATE SCHEMA mydataset")
            #expect(again.status == 409)
            #expect(again.json["error"]?["message"]?.stringValue == "Already Exists: Dataset \(Fixture.project):mydataset")
        }
    }

    @Test func dropSchemaNeedsCascadeWhileTheDatasetHoldsTables() async throws {
        try await withEmulator { client in
            _ = try await client.query("CREATE SCHEMA ds; CREATE TABLE ds.t (x INT64); CREATE VIEW ds.v AS SELECT x FROM ds.t")
            let restricted = try await client.query("DROP SCHEMA ds RESTRICT")
            #expect(restricted.status == 400)
            #expect(restricted.json["error"]?["message"]?.stringValue == "Dataset \(Fixture.project):ds is still in use")
            let dropped = try await client.query("DROP SCHEMA ds CASCADE")
            #expect(dropped.status == 200, "\(dropped.json)")
            #expect(try await client.get("\(Fixture.datasets)/ds").status == 404)
            #expect(try await client.query("SELECT * FROM ds.t").status == 404)
            #expect(try await client.query("DROP SCHEMA ds").status == 404)
            #expect(try await client.query("DROP SCHEMA IF EXISTS ds").status == 200)
            // Recreated, it is empty.
            _ = try await client.query("CREATE SCHEMA ds")
            #expect(try await client.query("SELECT * FROM ds.t").status == 404)
        }
    }

    @Test func schemaStatementsAreRefusedInATransactionAndNamesHaveTwoPartsAtMost() async throws {
        try await withEmulator { client in
            let inTransaction = try await client.query("BEGIN TRANSACTION; CREATE SCHEMA x; COMMIT TRANSACTION;")
            #expect(inTransaction.status == 400)
            #expect(inTransaction.json["error"]?["message"]?.stringValue?.hasPrefix("CREATE SCHEMA is not supported inside a transaction") == true)
            #expect(try await client.get("\(Fixture.datasets)/x").status == 404)
            #expect(try await client.query("CREATE SCHEMA a.b.c").status == 400)
            #expect(try await client.query("CREATE SCHEMA `bad name`").status == 400)
            let qualified = try await client.query("CREATE SCHEMA `\(Fixture.project)`.qualified")
            #expect(qualified.status == 200, "\(qualified.json)")
        }
    }
}
