import Testing
import WireJSON

/// ALTER TABLE's actions and ALTER SCHEMA SET OPTIONS, as the DDL reference describes them
/// (https://cloud.google.com/bigquery/docs/reference/standard-sql/data-definition-language).
@Suite("ALTER TABLE and ALTER SCHEMA")
struct AlterTableTests {
    static func message(_ reply: JSONReply) -> String { reply.json["error"]?["message"]?.stringValue ?? "no error: \(reply.json)" }

    /// `ds.orders`, partitioned by day on `ts` and clustered by `id`, with two rows.
    static func orders(_ client: EmulatorClient) async throws {
        try await Fixture.createDataset(client, "ds")
        let created = try await client.query(
            """
            CREATE TABLE ds.orders (id INT64, amount INT64, price NUMERIC, name STRING(5) NOT NULL, tags ARRAY<INT64>, ts TIMESTAMP)
            PARTITION BY DATE(ts) CLUSTER BY id;
            INSERT ds.orders (id, amount, price, name, tags, ts) VALUES
              (1, 9007199254740993, 1.5, 'abc', [1], '2024-01-01'), (2, 3, 2.25, 'de', [], '2024-01-02')
            """)
        precondition(created.status == 200, "\(created.json)")
    }

    @Test func setDataTypeWidensAColumnAndItsStoredValues() async throws {
        try await withEmulator { client in
            try await Self.orders(client)
            let altered = try await client.query(
                """
                ALTER TABLE ds.orders ALTER COLUMN amount SET DATA TYPE NUMERIC, ALTER COLUMN price SET DATA TYPE FLOAT64,
                  ALTER COLUMN name SET DATA TYPE STRING(10), ALTER COLUMN name DROP NOT NULL
                """)
            #expect(altered.status == 200, "\(altered.json)")
            // The INT64 past a double's precision is still exact, and compares as NUMERIC.
            let read = try await client.query("SELECT amount + 1, price * 2, name FROM ds.orders WHERE amount = 9007199254740993")
            #expect(ScriptRouteTests.rows(read) == [["9007199254740994", "3", "abc"]], "\(read.json)")
            #expect(read.json["schema"]?["fields"]?.arrayValue?.map { $0["type"] } == ["NUMERIC", "FLOAT", "STRING"])
            let fields = try await client.get(Fixture.table("ds", "orders")).json["schema"]?["fields"]?.arrayValue ?? []
            #expect(fields[3]["maxLength"] == "10")
            #expect(fields[3]["mode"] == "NULLABLE")
            let long = try await client.query("INSERT ds.orders (name, ts) VALUES ('ninechars', '2024-01-03')")
            #expect(long.status == 200, "\(long.json)")
            // The column the values pass through is named as no column of a table can be.
            let lookalike = try await client.query(
                "CREATE TABLE ds.a (x INT64, _retyped_x STRING); INSERT ds.a VALUES (1, 'a'); ALTER TABLE ds.a ALTER COLUMN x SET DATA TYPE FLOAT64; SELECT * FROM ds.a"
            )
            #expect(ScriptRouteTests.rows(lookalike) == [["1", "a"]], "\(lookalike.json)")
        }
    }

    @Test func setDataTypeRefusesWhatIsNotAWidening() async throws {
        try await withEmulator { client in
            try await Self.orders(client)
            let cases = [
                (
                    "ALTER TABLE ds.orders ALTER COLUMN name SET DATA TYPE STRING(3)",
                    "existing column type (STRING(5)) is assignable to the new type (STRING(3))"
                ),
                (
                    "ALTER TABLE ds.orders ALTER COLUMN price SET DATA TYPE INT64",
                    "existing column type (NUMERIC) is assignable to the new type (INT64)"
                ),
                ("ALTER TABLE ds.orders ALTER COLUMN id SET DATA TYPE NUMERIC", "cannot change id, a partitioning or clustering column"),
                ("ALTER TABLE ds.orders ALTER COLUMN tags SET DATA TYPE ARRAY<NUMERIC>", "not supported by the local emulator"),
                ("ALTER TABLE ds.orders ALTER COLUMN nope SET DATA TYPE NUMERIC", "Column not found: nope"),
            ]
            for (sql, message) in cases {
                let reply = try await client.query(sql)
                #expect(reply.status == 400, "\(sql)")
                #expect(Self.message(reply).contains(message), "\(sql): \(Self.message(reply))")
            }
        }
    }

    @Test func columnsAreRenamedAndDroppedWithTheirValues() async throws {
        try await withEmulator { client in
            try await Self.orders(client)
            let altered = try await client.query(
                "ALTER TABLE ds.orders RENAME COLUMN name TO label, DROP COLUMN price, DROP COLUMN IF EXISTS nope, ADD COLUMN IF NOT EXISTS label STRING"
            )
            #expect(altered.status == 200, "\(altered.json)")
            let read = try await client.query("SELECT * FROM ds.orders ORDER BY id")
            #expect(read.json["schema"]?["fields"]?.arrayValue?.map { $0["name"] } == ["id", "amount", "label", "tags", "ts"])
            #expect(ScriptRouteTests.rows(read).map { $0[2] } == ["abc", "de"])
            #expect(Self.message(try await client.query("ALTER TABLE ds.orders DROP COLUMN ts")).contains("partitioning or clustering column"))
            #expect(
                Self.message(try await client.query("ALTER TABLE ds.orders RENAME COLUMN id TO label")).contains("partitioning or clustering"))
            #expect(
                Self.message(try await client.query("ALTER TABLE ds.orders RENAME COLUMN amount TO label")) == "Column already exists: label")
            // A dropped column's name may be added again, empty.
            let readded = try await client.query("ALTER TABLE ds.orders ADD COLUMN price NUMERIC; SELECT COUNT(price) FROM ds.orders")
            #expect(ScriptRouteTests.rows(readded) == [["0"]], "\(readded.json)")
        }
    }

    @Test func optionsRenameAndIfExists() async throws {
        try await withEmulator { client in
            try await Self.orders(client)
            let options = try await client.query("ALTER TABLE ds.orders SET OPTIONS(description = 'Orders', require_partition_filter = true)")
            #expect(options.status == 200, "\(options.json)")
            let resource = try await client.get(Fixture.table("ds", "orders")).json
            #expect(resource["description"] == "Orders")
            #expect(try await client.query("SELECT id FROM ds.orders").status == 400)
            let renamed = try await client.query("ALTER TABLE ds.orders RENAME TO purchases")
            #expect(renamed.status == 200, "\(renamed.json)")
            #expect(try await client.get(Fixture.table("ds", "orders")).status == 404)
            let read = try await client.query("SELECT COUNT(*) FROM ds.purchases WHERE ts > '2000-01-01'")
            #expect(ScriptRouteTests.rows(read) == [["2"]], "\(read.json)")
            #expect(try await client.query("ALTER TABLE IF EXISTS ds.orders DROP COLUMN id").status == 200)
            #expect(try await client.query("ALTER TABLE ds.orders DROP COLUMN id").status == 404)
            let schema = try await client.query("ALTER SCHEMA ds SET OPTIONS(description = 'Sales')")
            #expect(schema.status == 200, "\(schema.json)")
            #expect(try await client.get("\(Fixture.datasets)/ds").json["description"] == "Sales")
        }
    }
}
