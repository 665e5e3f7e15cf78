import Testing
import WireJSON

@testable import LocalEmulator

/// Integer range partitioning: kept, returned and copied as BigQuery writes it; the emulator reads such
/// a table whole (no partition pruning), and refuses a partition filter requirement it would not enforce.
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

    @Test(arguments: [
        (
            "CREATE TABLE ds.t (x STRING) PARTITION BY RANGE_BUCKET(x, GENERATE_ARRAY(0, 100, 10))",
            "The field specified for range partitioning can only be of type INT64. The type found is: STRING."
        ),
        ("CREATE TABLE ds.t (x INT64) PARTITION BY RANGE_BUCKET(x, GENERATE_ARRAY(0, 1000000, 1))", "Too many partitions: a table has at most 10000"),
        ("CREATE TABLE ds.t (x INT64) PARTITION BY RANGE_BUCKET(x, GENERATE_ARRAY(10, 0, 1))", "Invalid range partitioning"),
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
