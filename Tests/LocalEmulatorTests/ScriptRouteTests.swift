import Testing
import WireJSON

/// DDL, DML and scripts through jobs.query and jobs.insert. Tables, rows and counts follow the examples
/// of BigQuery's DML reference (https://cloud.google.com/bigquery/docs/reference/standard-sql/dml-syntax,
/// its `dataset.Inventory` and `dataset.NewArrivals` tables) and DDL reference
/// (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language).
@Suite("BigQuery DDL, DML and scripts")
struct ScriptRouteTests {
    static let queries = "/bigquery/v2/projects/\(Fixture.project)/queries"
    static let jobs = "/bigquery/v2/projects/\(Fixture.project)/jobs"

    static func query(_ client: EmulatorClient, _ sql: String) async throws -> JSONReply {
        try await client.post(queries, ["query": .string(sql), "useLegacySql": false])
    }

    static func rows(_ reply: JSONReply) -> [[String?]] {
        reply.json["rows"]?.arrayValue?.map { row in row["f"]?.arrayValue?.map { $0["v"]?.stringValue } ?? [] } ?? []
    }

    /// The DML reference's `dataset.Inventory`, filled by its INSERT example.
    static func inventory(_ client: EmulatorClient) async throws {
        try await Fixture.createDataset(client, "dataset")
        let created = try await query(client, "CREATE TABLE dataset.Inventory (product STRING, quantity INT64)")
        precondition(created.status == 200, "\(created.json)")
        let inserted = try await query(
            client,
            """
            INSERT dataset.Inventory (product, quantity)
            VALUES('top load washer', 10), ('front load washer', 20), ('dryer', 30), ('refrigerator', 10),
                  ('microwave', 20), ('dishwasher', 30), ('oven', 5)
            """)
        precondition(inserted.json["numDmlAffectedRows"] == "7", "\(inserted.json)")
    }

    @Test func createTableMakesARealTableWithItsSchemaPartitioningAndClustering() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "mydataset")
            let job = try await client.post(
                Self.jobs,
                [
                    "configuration": [
                        "query": [
                            "query": """
                            CREATE TABLE mydataset.newtable (
                              x INT64 NOT NULL OPTIONS(description = 'An optional INTEGER field'),
                              y STRUCT<a ARRAY<STRING>, b BOOL>,
                              ts TIMESTAMP)
                            PARTITION BY DATE(ts)
                            CLUSTER BY x
                            OPTIONS(description = 'a table that expires in 2025')
                            """,
                            "useLegacySql": false,
                        ]
                    ]
                ])
            #expect(job.status == 200, "\(job.json)")
            #expect(job.json["statistics"]?["query"]?["statementType"] == "CREATE_TABLE")
            let table = try await client.get(Fixture.table("mydataset", "newtable"))
            #expect(table.status == 200)
            #expect(table.json["type"] == "TABLE")
            #expect(table.json["description"] == "a table that expires in 2025")
            #expect(table.json["timePartitioning"]?["field"] == "ts")
            #expect(table.json["timePartitioning"]?["type"] == "DAY")
            #expect(table.json["clustering"]?["fields"] == ["x"])
            let fields = table.json["schema"]?["fields"]?.arrayValue ?? []
            #expect(fields.map { $0["name"]?.stringValue } == ["x", "y", "ts"])
            #expect(fields.map { $0["mode"]?.stringValue } == ["REQUIRED", "NULLABLE", "NULLABLE"])
            #expect(fields[1]["type"] == "RECORD")
            #expect(fields[1]["fields"]?[0]?["mode"] == "REPEATED")
            // insertAll and queries see the table.
            let insert = try await Fixture.insert(
                client, [["x": 1, "y": ["a": ["p"], "b": true], "ts": "2024-01-02T00:00:00Z"]], dataset: "mydataset",
                table: "newtable")
            #expect(insert.json["insertErrors"] == nil)
            let read = try await Self.query(client, "SELECT x, y.b FROM mydataset.newtable")
            #expect(Self.rows(read) == [["1", "true"]])
        }
    }

    @Test func createTwiceIsADuplicateAndDropMakesItNotFound() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            #expect(try await Self.query(client, "CREATE TABLE ds.t (x INT64)").status == 200)
            let again = try await Self.query(client, "CREATE TABLE ds.t (x INT64)")
            #expect(again.status == 409)
            #expect(again.errorReason == "duplicate")
            #expect(try await Self.query(client, "CREATE TABLE IF NOT EXISTS ds.t (x INT64)").status == 200)
            #expect(try await Self.query(client, "DROP TABLE ds.t").status == 200)
            #expect(try await client.get(Fixture.table("ds", "t")).status == 404)
            let missing = try await Self.query(client, "DROP TABLE ds.t")
            #expect(missing.status == 404)
            #expect(missing.errorReason == "notFound")
            #expect(try await Self.query(client, "DROP TABLE IF EXISTS ds.t").status == 200)
        }
    }

    @Test func createTableAsSelectKeepsTheQueryTypesAndRows() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let created = try await Self.query(
                client, "CREATE OR REPLACE TABLE ds.t AS SELECT DATE '2024-01-02' AS d, NUMERIC '1.25' AS n, 'a' AS s")
            #expect(created.status == 200, "\(created.json)")
            let table = try await client.get(Fixture.table("ds", "t"))
            #expect(table.json["schema"]?["fields"]?.arrayValue?.map { $0["type"]?.stringValue } == ["DATE", "NUMERIC", "STRING"])
            #expect(table.json["numRows"] == "1")
            let list = try await client.get(Fixture.table("ds", "t") + "/data")
            #expect(list.json["rows"]?[0]?["f"]?[1]?["v"] == "1.25")
        }
    }

    @Test func insertValuesReportsAffectedRowsAndStoresValuesAsTyped() async throws {
        try await withEmulator { client in
            try await Self.inventory(client)
            let read = try await Self.query(client, "SELECT product, quantity FROM dataset.Inventory ORDER BY product")
            #expect(Self.rows(read).first == ["dishwasher", "30"])
            #expect(Self.rows(read).count == 7)
            let table = try await client.get(Fixture.table("dataset", "Inventory"))
            #expect(table.json["numRows"] == "7")
            let typed = try await Self.query(client, "CREATE TABLE dataset.typed (f FLOAT64, n NUMERIC, d DATE)")
            #expect(typed.status == 200)
            let coerced = try await Self.query(client, "INSERT INTO dataset.typed (f, n, d) VALUES (1, 2, '2024-03-04')")
            #expect(coerced.status == 200, "\(coerced.json)")
            // Stored as FLOAT64, NUMERIC and DATE: 1 + 0.5 is no INT64.
            let typedRows = Self.rows(try await Self.query(client, "SELECT f + 0.5, n, d FROM dataset.typed"))
            #expect(typedRows == [["1.5", "2", "2024-03-04"]], "\(typedRows)")
            let wrong = try await Self.query(client, "INSERT INTO dataset.typed (d) VALUES (TRUE)")
            #expect(wrong.status == 400)
            #expect(wrong.errorReason == "invalidQuery")
        }
    }

    @Test func updateAndDeleteCountTheRowsTheyChange() async throws {
        try await withEmulator { client in
            try await Self.inventory(client)
            let update = try await Self.query(
                client, "UPDATE dataset.Inventory SET quantity = quantity - 10 WHERE product LIKE '%washer%'")
            #expect(update.status == 200, "\(update.json)")
            // 'dishwasher' matches too: the reference's result shows it at 20.
            #expect(update.json["numDmlAffectedRows"] == "3")
            #expect(update.json["dmlStats"]?["updatedRowCount"] == "3")
            let delete = try await Self.query(client, "DELETE dataset.Inventory WHERE quantity = 0")
            #expect(delete.json["numDmlAffectedRows"] == "1")
            let left = try await Self.query(
                client, "SELECT product, quantity FROM dataset.Inventory WHERE product LIKE '%washer%' ORDER BY quantity")
            #expect(Self.rows(left) == [["front load washer", "10"], ["dishwasher", "20"]])
            #expect(try await client.get(Fixture.table("dataset", "Inventory")).json["numRows"] == "6")
            let noWhere = try await Self.query(client, "UPDATE dataset.Inventory SET quantity = 1")
            #expect(noWhere.status == 400)
            #expect(noWhere.errorMessage?.contains("WHERE") == true)
        }
    }

    @Test func mergeUpdatesMatchedRowsAndInsertsNewOnes() async throws {
        try await withEmulator { client in
            try await Self.inventory(client)
            _ = try await Self.query(
                client,
                """
                CREATE TABLE dataset.NewArrivals AS
                SELECT 'dryer' AS product, 200 AS quantity, 'warehouse #2' AS warehouse
                UNION ALL SELECT 'oven', 300, 'warehouse #3'
                UNION ALL SELECT 'washer', 30, 'warehouse #1'
                """)
            let merge = try await Self.query(
                client,
                """
                MERGE dataset.Inventory T
                USING dataset.NewArrivals S
                ON T.product = S.product
                WHEN MATCHED THEN
                  UPDATE SET quantity = T.quantity + S.quantity
                WHEN NOT MATCHED THEN
                  INSERT (product, quantity) VALUES(product, quantity)
                """)
            #expect(merge.status == 200, "\(merge.json)")
            #expect(merge.json["numDmlAffectedRows"] == "3")
            let read = try await Self.query(
                client, "SELECT product, quantity FROM dataset.Inventory WHERE product IN ('dryer', 'oven', 'washer') ORDER BY product")
            #expect(Self.rows(read) == [["dryer", "230"], ["oven", "305"], ["washer", "30"]])
        }
    }

    @Test func updateOfATableThatRequiresAPartitionFilterNeedsOne() async throws {
        try await withEmulator { client in
            try await QueryRouteTests.seedThirtyDays(client, requirePartitionFilter: true)
            let refused = try await Self.query(client, "DELETE FROM analytics.events WHERE user_id = 'u1'")
            #expect(refused.status == 400)
            #expect(refused.errorMessage?.contains("partition") == true, "\(refused.json)")
            let allowed = try await Self.query(
                client,
                "DELETE FROM analytics.events WHERE occurred_at >= TIMESTAMP '2026-01-30' AND user_id = 'u1'")
            #expect(allowed.status == 200, "\(allowed.json)")
            #expect(allowed.json["numDmlAffectedRows"] == "3")
            #expect(try await client.get(Fixture.table("analytics", "events")).json["numRows"] == "297")
        }
    }

    @Test func viewsAreQueryableAndListedAsViews() async throws {
        try await withEmulator { client in
            try await Self.inventory(client)
            let view = try await Self.query(
                client, "CREATE VIEW dataset.low AS SELECT product FROM dataset.Inventory WHERE quantity < @limit OR quantity < 10")
            // A view cannot hold a query parameter.
            #expect(view.status == 400)
            let created = try await Self.query(
                client, "CREATE VIEW dataset.low AS SELECT product, 'low' AS level FROM dataset.Inventory WHERE quantity < 11")
            #expect(created.status == 200, "\(created.json)")
            let table = try await client.get(Fixture.table("dataset", "low"))
            #expect(table.json["type"] == "VIEW")
            #expect(table.json["view"]?["query"] != nil)
            let read = try await Self.query(client, "SELECT product, level FROM dataset.low ORDER BY product")
            #expect(Self.rows(read) == [["oven", "low"], ["refrigerator", "low"], ["top load washer", "low"]])
            #expect(try await Self.query(client, "DROP VIEW dataset.low").status == 200)
            #expect(try await client.get(Fixture.table("dataset", "low")).status == 404)
        }
    }

    @Test func scriptReturnsItsLastStatementsResult() async throws {
        try await withEmulator { client in
            try await Self.inventory(client)
            let script = try await Self.query(
                client,
                """
                DECLARE wanted INT64 DEFAULT 20;
                DECLARE label STRING;
                SET label = 'stock';
                SELECT product, label FROM dataset.Inventory WHERE quantity = wanted ORDER BY product
                """)
            #expect(script.status == 200, "\(script.json)")
            #expect(Self.rows(script) == [["front load washer", "stock"], ["microwave", "stock"]])
            let undeclared = try await Self.query(client, "SET missing = 1")
            #expect(undeclared.status == 400)
        }
    }

    @Test func truncateAndAlterTableAddColumn() async throws {
        try await withEmulator { client in
            try await Self.inventory(client)
            #expect(try await Self.query(client, "ALTER TABLE dataset.Inventory ADD COLUMN IF NOT EXISTS note STRING").status == 200)
            let table = try await client.get(Fixture.table("dataset", "Inventory"))
            #expect(table.json["schema"]?["fields"]?.arrayValue?.last?["name"] == "note")
            #expect(try await Self.query(client, "TRUNCATE TABLE dataset.Inventory").status == 200)
            #expect(Self.rows(try await Self.query(client, "SELECT COUNT(*) FROM dataset.Inventory")) == [["0"]])
            #expect(try await client.get(Fixture.table("dataset", "Inventory")).json["numRows"] == "0")
        }
    }
}
