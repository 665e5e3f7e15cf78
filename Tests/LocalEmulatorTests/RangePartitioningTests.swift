import GRDB
import Testing
import WireJSON

@testable import LocalEmulator

/// Integer range partitioning: kept, returned and copied as BigQuery writes it; a filter on the column
/// prunes the partitions a query is billed for, and a partition filter requirement is refused.
@Suite("Integer range partitioning")
struct RangePartitioningTests {
    @Test func ddlAndTablesInsertKeepTheRangeAndRowsReadBack() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let created = try await client.query(
                "CREATE TABLE ds.r (x INT64, y STRING) PARTITION BY RANGE_BUCKET(x, GENERATE_ARRAY(0, 100, 10)) CLUSTER BY y")
            #expect(created.status == 200, "\(created.json)")
            let resource = try await client.get(Fixture.table("ds", "r"))
            #expect(resource.json["rangePartitioning"] == ["field": "x", "range": ["start": "0", "end": "100", "interval": "10"]])
            _ = try await client.query("INSERT ds.r VALUES (5, 'a'), (55, 'b'), (500, 'c'), (NULL, 'd')")
            #expect(ScriptRouteTests.rows(try await client.query("SELECT COUNT(*) FROM ds.r WHERE x < 50 OR x IS NULL")) == [["2"]])
            let ddl = try await client.query("SELECT ddl FROM ds.INFORMATION_SCHEMA.TABLES WHERE table_name = 'r'")
            #expect(ScriptRouteTests.rows(ddl).first?.first??.contains("PARTITION BY RANGE_BUCKET(x, GENERATE_ARRAY(0, 100, 10))") == true)
            _ = try await client.query("CREATE TABLE ds.copy LIKE ds.r")
            #expect(try await client.get(Fixture.table("ds", "copy")).json["rangePartitioning"] == resource.json["rangePartitioning"])

            let rest = try await client.post(
                Fixture.tables("ds"),
                [
                    "tableReference": ["projectId": .string(Fixture.project), "datasetId": "ds", "tableId": "rest"],
                    "schema": ["fields": [["name": "n", "type": "INTEGER"]]],
                    "rangePartitioning": ["field": "n", "range": ["start": -100, "end": "100", "interval": 25]],
                ])
            #expect(rest.status == 200, "\(rest.json)")
            #expect(rest.json["rangePartitioning"] == ["field": "n", "range": ["start": "-100", "end": "100", "interval": "25"]])
            let change = try await client.call(
                .patch, Fixture.table("ds", "rest"), ["rangePartitioning": ["field": "n", "range": ["start": "0", "end": "10", "interval": "1"]]])
            #expect(change.errorMessage == "Cannot change partitioning spec for a table.")
        }
    }

    /// Bytes processed count only the partitions a filter on the range column can reach: rows are
    /// counted per partition (outside the range in `__UNPARTITIONED__`, NULLs in `__NULL__`), after
    /// inserts, DML and insertAll alike.
    @Test func aFilterOnTheRangeColumnPrunesThePartitionsBilled() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await client.query("CREATE TABLE ds.r (x INT64, y STRING) PARTITION BY RANGE_BUCKET(x, GENERATE_ARRAY(0, 100, 10))")
            // y is 2 + 8 bytes in every row: 10 bytes of y per row.
            _ = try await client.query(
                "INSERT ds.r VALUES (1, 'aaaaaaaa'), (5, 'aaaaaaaa'), (15, 'bbbbbbbb'), (95, 'cccccccc'), (500, 'dddddddd'), (NULL, 'eeeeeeee')")
            let streamed = try await client.post(
                Fixture.table("ds", "r") + "/insertAll", ["rows": [["json": ["x": "16", "y": "ffffffff"]]]])
            #expect(streamed.status == 200, "\(streamed.json)")
            func billed(_ sql: String) async throws -> Int64? {
                let reply = try await client.post(
                    "/bigquery/v2/projects/\(Fixture.project)/queries", ["query": .string(sql), "useLegacySql": false, "dryRun": true])
                return reply.json["totalBytesProcessed"]?.stringValue.flatMap { Int64($0) }
            }
            #expect(try await billed("SELECT y FROM ds.r") == 70)
            // Only [10, 20): two rows, 10 bytes of y and 8 of x (read by the filter) each.
            #expect(try await billed("SELECT y FROM ds.r WHERE x BETWEEN 10 AND 19") == 36)
            #expect(try await billed("SELECT y FROM ds.r WHERE x = 15") == 36)
            #expect(try await billed("SELECT y FROM ds.r$10") == 20)
            #expect(try await billed("SELECT y FROM ds.r WHERE x >= 0 AND x < 20") == 72)
            // [90, 100) and the rows past the range (500).
            #expect(try await billed("SELECT y FROM ds.r WHERE x >= 90") == 36)
            // No bound: every row (x is NULL in one).
            #expect(try await billed("SELECT y FROM ds.r WHERE x IS NULL") == 118)
            let rows = ScriptRouteTests.rows(try await client.query("SELECT y FROM ds.r WHERE x BETWEEN 10 AND 19 ORDER BY y"))
            #expect(rows == [["bbbbbbbb"], ["ffffffff"]])
            let partitions = ScriptRouteTests.rows(
                try await client.query("SELECT partition_id, total_rows FROM ds.INFORMATION_SCHEMA.PARTITIONS WHERE table_name = 'r' ORDER BY 1"))
            #expect(partitions == [["0", "2"], ["10", "2"], ["90", "1"], ["__NULL__", "1"], ["__UNPARTITIONED__", "1"]])
            // A DELETE recounts them.
            _ = try await client.query("DELETE ds.r WHERE x = 15")
            #expect(try await billed("SELECT y FROM ds.r WHERE x BETWEEN 10 AND 19") == 18)
        }
    }

    /// A database written before range partitions were counted one by one (one entry for the whole
    /// table) is recounted once when the emulator opens it.
    @Test func countsStoredBeforePruningAreRebuiltOnOpen() async throws {
        let path = temporaryDatabasePath()
        defer { removeDatabase(at: path) }
        let configuration = EmulatorConfiguration(databasePath: path)
        try await withEmulator(configuration) { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await client.query("CREATE TABLE ds.r (x INT64) PARTITION BY RANGE_BUCKET(x, GENERATE_ARRAY(0, 100, 10))")
            _ = try await client.query("INSERT ds.r VALUES (1), (2), (55)")
        }
        let queue = try DatabaseQueue(path: path)
        try await queue.write { db in
            try db.execute(
                sql: """
                    CREATE TEMP TABLE old AS SELECT sqlite_name, column_name, SUM(bytes) AS bytes, SUM(rows) AS rows
                      FROM bq_partition_bytes GROUP BY sqlite_name, column_name;
                    DELETE FROM bq_partition_bytes;
                    INSERT INTO bq_partition_bytes SELECT sqlite_name, 0, 0, column_name, bytes, rows FROM old;
                    DELETE FROM grdb_migrations WHERE identifier = 'bigquery-5-range-partition-counts';
                    """)
        }
        try await queue.close()
        try await withEmulator(configuration) { client in
            let reply = try await client.post(
                "/bigquery/v2/projects/\(Fixture.project)/queries",
                ["query": "SELECT x FROM ds.r WHERE x BETWEEN 50 AND 59", "useLegacySql": false, "dryRun": true])
            #expect(reply.json["totalBytesProcessed"] == "8", "\(reply.json)")
            let partitions = ScriptRouteTests.rows(
                try await client.query("SELECT partition_id, total_rows FROM ds.INFORMATION_SCHEMA.PARTITIONS ORDER BY 1"))
            #expect(partitions == [["0", "2"], ["50", "1"]])
        }
    }

    @Test(arguments: [
        (
            "CREATE TABLE ds.t (x STRING) PARTITION BY RANGE_BUCKET(x, GENERATE_ARRAY(0, 100, 10))",
            "The field specified for range partitioning can only be of type INT64. The type found is: STRING."
        ),
        ("CREATE TABLE ds.t (x INT64) PARTITION BY RANGE_BUCKET(x, GENERATE_ARRAY(0, 1000000, 1))", "Too many partitions: a table has at most 10000"),
        ("CREATE TABLE ds.t (x INT64) PARTITION BY RANGE_BUCKET(x, GENERATE_ARRAY(10, 0, 1))", "Invalid range partitioning"),
        (
            "CREATE TABLE ds.t (x INT64) PARTITION BY RANGE_BUCKET(x, GENERATE_ARRAY(-9223372036854775807, -9223372036854775000, 100))",
            "Invalid range partitioning: start must be greater than -9223372036854775807"
        ),
        (
            "CREATE TABLE ds.t (x INT64) PARTITION BY RANGE_BUCKET(x, GENERATE_ARRAY(0, 10, 1)) OPTIONS(require_partition_filter = true)",
            "Unsupported: require_partition_filter on an integer range partitioned table is not supported by the local emulator"
        ),
    ])
    func badRangesAreRefused(sql: String, message: String) async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let reply = try await client.query(sql)
            #expect(reply.status == 400)
            #expect(reply.errorMessage?.hasPrefix(message) == true, "\(reply.errorMessage ?? "")")
        }
    }
}
