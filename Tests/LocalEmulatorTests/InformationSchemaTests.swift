import Testing
import WireJSON

/// INFORMATION_SCHEMA views, with the columns of BigQuery's INFORMATION_SCHEMA reference
/// (https://cloud.google.com/bigquery/docs/information-schema-intro): what tools such as dbt read to
/// learn a dataset's tables and columns.
@Suite("INFORMATION_SCHEMA")
struct InformationSchemaTests {
    static func shop(_ client: EmulatorClient) async throws {
        try await Fixture.createDataset(client, "shop")
        let created = try await client.query(
            """
            CREATE TABLE shop.orders (
              id INT64 NOT NULL OPTIONS(description = 'Order id'), code STRING(5),
              item STRUCT<sku STRING, price NUMERIC(10, 2), tags ARRAY<STRING>>, ts TIMESTAMP)
            PARTITION BY DATE(ts) CLUSTER BY id, code OPTIONS(description = 'Orders', require_partition_filter = true);
            CREATE VIEW shop.recent AS SELECT id FROM shop.orders WHERE ts > '2024-01-01'
            """)
        precondition(created.status == 200, "\(created.json)")
    }

    @Test func tablesListsTablesAndViewsWithTheirDDL() async throws {
        try await withEmulator { client in
            try await Self.shop(client)
            let reply = try await client.query(
                "SELECT table_catalog, table_schema, table_name, table_type, is_insertable_into, ddl FROM shop.INFORMATION_SCHEMA.TABLES ORDER BY table_name"
            )
            let rows = ScriptRouteTests.rows(reply)
            #expect(
                rows.map { Array($0.prefix(5)) } == [
                    [Fixture.project, "shop", "orders", "BASE TABLE", "YES"], [Fixture.project, "shop", "recent", "VIEW", "NO"],
                ])
            #expect(
                rows.first?[5]
                    == """
                    CREATE TABLE `\(Fixture.project).shop.orders`
                    (
                      id INT64 NOT NULL OPTIONS(description="Order id"),
                      code STRING(5),
                      item STRUCT<sku STRING, price NUMERIC(10, 2), tags ARRAY<STRING>>,
                      ts TIMESTAMP
                    )
                    PARTITION BY DATE(ts)
                    CLUSTER BY id, code
                    OPTIONS(
                      description="Orders",
                      require_partition_filter=true
                    );
                    """)
        }
    }

    @Test func columnsAndFieldPathsDescribeEveryColumnAndNestedField() async throws {
        try await withEmulator { client in
            try await Self.shop(client)
            let columns = ScriptRouteTests.rows(
                try await client.query(
                    """
                    SELECT column_name, CAST(ordinal_position AS STRING), is_nullable, data_type, is_partitioning_column,
                      CAST(clustering_ordinal_position AS STRING)
                    FROM shop.INFORMATION_SCHEMA.COLUMNS WHERE table_name = 'orders' ORDER BY ordinal_position
                    """))
            #expect(
                columns == [
                    ["id", "1", "NO", "INT64", "NO", "1"], ["code", "2", "YES", "STRING(5)", "NO", "2"],
                    ["item", "3", "YES", "STRUCT<sku STRING, price NUMERIC(10, 2), tags ARRAY<STRING>>", "NO", nil],
                    ["ts", "4", "YES", "TIMESTAMP", "YES", nil],
                ])
            let paths = ScriptRouteTests.rows(
                try await client.query(
                    "SELECT field_path, data_type, description FROM `\(Fixture.project)`.shop.INFORMATION_SCHEMA.COLUMN_FIELD_PATHS WHERE table_name = 'orders'"
                ))
            #expect(paths.map { $0[0] } == ["id", "code", "item", "item.sku", "item.price", "item.tags", "ts"])
            #expect(paths[0][2] == "Order id")
            #expect(paths[5][1] == "ARRAY<STRING>")
            // The view's columns are there too.
            let view = ScriptRouteTests.rows(
                try await client.query("SELECT column_name FROM shop.INFORMATION_SCHEMA.COLUMNS WHERE table_name = 'recent'"))
            #expect(view == [["id"]])
        }
    }

    @Test func schemataAndRegionQualifiedViewsCoverTheProject() async throws {
        try await withEmulator { client in
            try await Self.shop(client)
            _ = try await client.query("CREATE SCHEMA other OPTIONS(description = 'Other'); CREATE TABLE other.t (x INT64)")
            let schemata = ScriptRouteTests.rows(
                try await client.query("SELECT schema_name, location, ddl FROM `region-us`.INFORMATION_SCHEMA.SCHEMATA ORDER BY 1"))
            #expect(schemata.map { $0[0] } == ["other", "shop"])
            #expect(schemata[0][2] == "CREATE SCHEMA `\(Fixture.project).other`\nOPTIONS(\n  description=\"Other\",\n  location=\"US\"\n);")
            #expect(ScriptRouteTests.rows(try await client.query("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA")) == [["2"]])
            let tables = ScriptRouteTests.rows(
                try await client.query("SELECT table_schema, table_name FROM `region-us`.INFORMATION_SCHEMA.TABLES ORDER BY 1, 2"))
            #expect(tables == [["other", "t"], ["shop", "orders"], ["shop", "recent"]])
            // In a script too, where a table made by an earlier statement is listed.
            let script = try await client.query("CREATE TABLE shop.more (x INT64); SELECT COUNT(*) FROM shop.INFORMATION_SCHEMA.TABLES")
            #expect(ScriptRouteTests.rows(script) == [["3"]], "\(script.json)")
            let options = ScriptRouteTests.rows(
                try await client.query("SELECT option_name, option_value FROM shop.INFORMATION_SCHEMA.TABLE_OPTIONS ORDER BY 1"))
            #expect(options == [["description", "\"Orders\""], ["require_partition_filter", "true"]])
        }
    }

    /// A region qualifier lists that location only, as BigQuery's views do: a dataset made in the EU
    /// is not in `region-us`, and the emulator's jobs (which all run in the US) are not in `region-eu`.
    @Test func aRegionQualifierListsThatLocationOnly() async throws {
        try await withEmulator { client in
            _ = try await client.query(
                """
                CREATE SCHEMA home; CREATE TABLE home.t (x INT64); CREATE FUNCTION home.f(x INT64) AS (x);
                CREATE SCHEMA abroad OPTIONS(location = 'EU'); CREATE TABLE abroad.t (x INT64); CREATE FUNCTION abroad.f(x INT64) AS (x)
                """)
            for (region, dataset) in [("us", "home"), ("eu", "abroad"), ("EU", "abroad")] {
                for view in ["SCHEMATA", "TABLES", "COLUMNS", "ROUTINES"] {
                    let column = view == "SCHEMATA" ? "schema_name" : "DISTINCT \(view == "ROUTINES" ? "routine_schema" : "table_schema")"
                    let listed = try await client.query("SELECT \(column) FROM `region-\(region)`.INFORMATION_SCHEMA.\(view)")
                    #expect(ScriptRouteTests.rows(listed) == [[dataset]], "region-\(region) \(view): \(listed.json)")
                }
            }
            let usJobs = ScriptRouteTests.rows(try await client.query("SELECT COUNT(*) > 0 FROM `region-us`.INFORMATION_SCHEMA.JOBS"))
            #expect(usJobs == [["true"]])
            let euJobs = ScriptRouteTests.rows(try await client.query("SELECT COUNT(*) FROM `region-eu`.INFORMATION_SCHEMA.JOBS"))
            #expect(euJobs == [["0"]])
            let both = try await client.query(
                "SELECT (SELECT COUNT(*) FROM `region-us`.INFORMATION_SCHEMA.TABLES), (SELECT COUNT(*) FROM `region-eu`.INFORMATION_SCHEMA.TABLES)")
            #expect(ScriptRouteTests.rows(both) == [["1", "1"]], "\(both.json)")
        }
    }

    @Test func partitionsCountTheRowsOfEachPartitionAndViewsGiveTheirQueries() async throws {
        try await withEmulator { client in
            try await Self.shop(client)
            let inserted = try await client.query(
                """
                INSERT shop.orders (id, ts) VALUES (1, '2024-01-01 10:00:00'), (2, '2024-01-01 23:00:00'), (3, '2024-02-03 00:00:00'), (4, NULL);
                CREATE TABLE shop.plain (x INT64); INSERT shop.plain VALUES (1), (2);
                CREATE TABLE shop.monthly (d DATE) PARTITION BY DATE_TRUNC(d, MONTH); INSERT shop.monthly VALUES ('2024-05-06')
                """)
            #expect(inserted.status == 200, "\(inserted.json)")
            let partitions = ScriptRouteTests.rows(
                try await client.query(
                    "SELECT table_name, partition_id, CAST(total_rows AS STRING) FROM shop.INFORMATION_SCHEMA.PARTITIONS ORDER BY 1, 2 NULLS LAST"
                ))
            #expect(
                partitions == [
                    ["monthly", "202405", "1"], ["orders", "20240101", "2"], ["orders", "20240203", "1"], ["orders", "__NULL__", "1"],
                    ["plain", nil, "2"],
                ])
            let views = ScriptRouteTests.rows(
                try await client.query("SELECT table_name, view_definition, use_standard_sql FROM shop.INFORMATION_SCHEMA.VIEWS"))
            #expect(views == [["recent", "SELECT id FROM shop.orders WHERE ts > '2024-01-01'", "TRUE"]])
        }
    }

    @Test func unknownViewsDatasetsAndMissingQualifiersAreClearErrors() async throws {
        try await withEmulator { client in
            try await Self.shop(client)
            let unknown = try await client.query("SELECT * FROM shop.INFORMATION_SCHEMA.STREAMING_TIMELINE")
            #expect(unknown.status == 404)
            #expect(unknown.json["error"]?["message"]?.stringValue?.contains("INFORMATION_SCHEMA.STREAMING_TIMELINE") == true)
            #expect(try await client.query("SELECT * FROM nope.INFORMATION_SCHEMA.TABLES").status == 404)
            let unqualified = try await client.query("SELECT * FROM INFORMATION_SCHEMA.TABLES")
            #expect(unqualified.status == 400)
            #expect(try await client.query("SELECT * FROM shop.INFORMATION_SCHEMA.SCHEMATA").status == 400)
            // An empty dataset has no rows, with the columns still typed.
            _ = try await client.query("CREATE SCHEMA empty")
            let empty = try await client.query("SELECT table_name, creation_time FROM empty.INFORMATION_SCHEMA.TABLES")
            #expect(empty.status == 200)
            #expect(ScriptRouteTests.rows(empty).isEmpty)
            #expect(empty.json["schema"]?["fields"]?[1]?["type"] == "TIMESTAMP")
        }
    }
}
