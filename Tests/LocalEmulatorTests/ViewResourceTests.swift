import Testing
import WireJSON

@testable import LocalEmulator

/// Views and materialized views made by tables.insert (`view`, `materializedView`), as Google's clients
/// make them, and by `CREATE MATERIALIZED VIEW`. A materialized view is read as a logical view: always
/// up to date, as BigQuery answers from one.
@Suite("Views and materialized views through tables.insert")
struct ViewResourceTests {
    static func create(_ client: EmulatorClient, _ id: String, _ definition: JSONObject) async throws -> JSONReply {
        var body = definition
        body["tableReference"] = ["projectId": .string(Fixture.project), "datasetId": "ds", "tableId": .string(id)]
        return try await client.post(Fixture.tables("ds"), .object(body))
    }

    @Test func tablesInsertMakesViewsThatQueriesRead() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await client.query("CREATE TABLE ds.t AS SELECT 1 AS x UNION ALL SELECT 2")
            let view = try await Self.create(
                client, "v", ["view": ["query": "SELECT x * 10 AS y FROM ds.t", "useLegacySql": false], "description": "tens"])
            #expect(view.status == 200, "\(view.json)")
            #expect(view.json["type"] == "VIEW")
            #expect(view.json["description"] == "tens")
            #expect(view.json["schema"]?["fields"]?[0]?["name"] == "y")
            #expect(ScriptRouteTests.rows(try await client.query("SELECT y FROM ds.v ORDER BY y")) == [["10"], ["20"]])

            let materialized = try await Self.create(client, "mv", ["materializedView": ["query": "SELECT SUM(x) AS s FROM ds.t"]])
            #expect(materialized.status == 200, "\(materialized.json)")
            #expect(materialized.json["type"] == "MATERIALIZED_VIEW")
            #expect(materialized.json["materializedView"]?["enableRefresh"] == true)
            _ = try await client.query("INSERT ds.t VALUES (5)")
            #expect(ScriptRouteTests.rows(try await client.query("SELECT s FROM ds.mv")) == [["8"]])

            let legacy = try await Self.create(client, "legacy", ["view": ["query": "SELECT 1"]])
            #expect(legacy.status == 400)
            #expect(legacy.errorMessage?.hasPrefix("Unsupported: legacy SQL views are not supported by the local emulator") == true)
            let broken = try await Self.create(client, "broken", ["view": ["query": "SELECT nope FROM ds.t", "useLegacySql": false]])
            #expect(broken.status == 400)
            #expect(broken.errorMessage == "Unrecognized name: nope at [1:8]")
            #expect(try await Self.create(client, "v", ["view": ["query": "SELECT 1", "useLegacySql": false]]).status == 409)
            #expect(try await client.get(Fixture.table("ds", "broken")).status == 404)
        }
    }

    @Test func createMaterializedViewIsReadAndDroppedLikeAView() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await client.query("CREATE TABLE ds.t AS SELECT 1 AS x")
            let created = try await client.query(
                "CREATE MATERIALIZED VIEW ds.mv PARTITION BY DATE(ts) CLUSTER BY x OPTIONS(enable_refresh = true, description = 'm') AS SELECT x, CURRENT_TIMESTAMP() AS ts FROM ds.t"
            )
            #expect(created.status == 200, "\(created.json)")
            let types = try await client.query("SELECT table_name, table_type FROM ds.INFORMATION_SCHEMA.TABLES ORDER BY table_name")
            #expect(ScriptRouteTests.rows(types) == [["mv", "MATERIALIZED VIEW"], ["t", "BASE TABLE"]])
            #expect(try await client.get(Fixture.table("ds", "mv")).json["description"] == "m")
            let write = try await client.query("INSERT ds.mv (x) VALUES (1)")
            #expect(write.errorMessage == "\(Fixture.project):ds.mv is a view; this statement needs a table")
            #expect(try await client.query("DROP MATERIALIZED VIEW ds.mv").status == 200)
            #expect(try await client.get(Fixture.table("ds", "mv")).status == 404)
        }
    }
}
