import Testing
import WireJSON

@testable import LocalEmulator

/// Column default values, as "Specify default column values" describes them: `DEFAULT expression` in
/// DDL or `defaultValueExpression` in tables.insert, written by DML for the columns a row leaves out.
@Suite("Column default values")
struct ColumnDefaultTests {
    static let table = """
        CREATE TABLE ds.t (
          id STRING DEFAULT GENERATE_UUID(), x INT64 DEFAULT 5 NOT NULL, ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP(),
          d DATE DEFAULT '2020-01-01', n NUMERIC DEFAULT 1.5, y STRING)
        """

    @Test func dmlWritesTheDefaultOfEveryColumnARowLeavesOut() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            #expect(try await client.query(Self.table).status == 200)
            // The reference's simple_table example: the omitted column gets its default.
            _ = try await client.query("INSERT ds.t (y) VALUES ('val1'), ('val2')")
            _ = try await client.query("INSERT ds.t (x, y) VALUES (DEFAULT, 'val3'), (7, 'val4')")
            _ = try await client.query("INSERT ds.t (y) SELECT 'val5'")
            _ = try await client.query("MERGE ds.t T USING (SELECT 'val6' AS y) S ON FALSE WHEN NOT MATCHED THEN INSERT (y) VALUES (S.y)")
            let summary = try await client.query(
                "SELECT COUNT(*), COUNT(DISTINCT id), SUM(x), COUNTIF(ts IS NOT NULL), MIN(d), SUM(n), COUNTIF(REGEXP_CONTAINS(id, r'^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$')) FROM ds.t"
            )
            #expect(ScriptRouteTests.rows(summary) == [["6", "6", "32", "6", "2020-01-01", "9", "6"]], "\(summary.json)")
            _ = try await client.query("UPDATE ds.t SET x = DEFAULT, y = DEFAULT WHERE x = 7")
            #expect(ScriptRouteTests.rows(try await client.query("SELECT x, y FROM ds.t WHERE y IS NULL")) == [["5", nil]])

            let columns = try await client.query("SELECT column_name, column_default FROM ds.INFORMATION_SCHEMA.COLUMNS ORDER BY ordinal_position")
            #expect(
                ScriptRouteTests.rows(columns) == [
                    ["id", "GENERATE_UUID()"], ["x", "5"], ["ts", "CURRENT_TIMESTAMP()"], ["d", "'2020-01-01'"], ["n", "1.5"], ["y", "NULL"],
                ])
            let resource = try await client.get(Fixture.table("ds", "t"))
            #expect(resource.json["schema"]?["fields"]?[0]?["defaultValueExpression"] == "GENERATE_UUID()")
        }
    }

    @Test func alterTableSetsAndDropsDefaultsAndAddsColumnsWithOne() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            _ = try await client.query("CREATE TABLE ds.t (x INT64, y STRING); INSERT ds.t VALUES (1, 'old')")
            #expect(try await client.query("ALTER TABLE ds.t ALTER COLUMN y SET DEFAULT 'zz'").status == 200)
            _ = try await client.query("INSERT ds.t (x) VALUES (2)")
            #expect(try await client.query("ALTER TABLE ds.t ALTER COLUMN y DROP DEFAULT").status == 200)
            _ = try await client.query("INSERT ds.t (x) VALUES (3)")
            // A column added with a default leaves the existing rows NULL; new rows get it.
            #expect(try await client.query("ALTER TABLE ds.t ADD COLUMN z STRING DEFAULT 'new'").status == 200)
            _ = try await client.query("INSERT ds.t (x) VALUES (4)")
            let rows = try await client.query("SELECT x, y, z FROM ds.t ORDER BY x")
            #expect(
                ScriptRouteTests.rows(rows) == [["1", "old", nil], ["2", "zz", nil], ["3", nil, nil], ["4", nil, "new"]], "\(rows.json)")
        }
    }

    @Test func aDefaultMustFitItsColumnAndReadNoTable() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let wrongType = try await client.query("CREATE TABLE ds.a (x INT64 DEFAULT 'a')")
            #expect(wrongType.errorMessage == "Invalid default value for column x: STRING cannot be assigned to INT64")
            let nullRequired = try await client.query("CREATE TABLE ds.b (x INT64 NOT NULL DEFAULT NULL)")
            #expect(nullRequired.errorMessage == "Invalid default value for column x: a REQUIRED column cannot default to NULL")
            let readsTable = try await client.query("CREATE TABLE ds.c (x INT64 DEFAULT (SELECT 1 FROM ds.a))")
            #expect(readsTable.errorMessage?.hasPrefix("Invalid default value for column x: it cannot read a table") == true)
            let rest = try await client.post(
                Fixture.tables("ds"),
                [
                    "tableReference": ["projectId": .string(Fixture.project), "datasetId": "ds", "tableId": "r"],
                    "schema": [
                        "fields": [["name": "s", "type": "STRUCT", "fields": [["name": "f", "type": "INT64", "defaultValueExpression": "1"]]]]
                    ],
                ])
            #expect(rest.status == 400)
            #expect(rest.errorMessage == "Field s.f cannot have a default value: only top-level fields can")
            let created = try await client.post(
                Fixture.tables("ds"),
                [
                    "tableReference": ["projectId": .string(Fixture.project), "datasetId": "ds", "tableId": "ok"],
                    "schema": ["fields": [["name": "k", "type": "STRING", "defaultValueExpression": "'dflt'"], ["name": "v", "type": "INT64"]]],
                ])
            #expect(created.status == 200, "\(created.json)")
            _ = try await client.query("INSERT ds.ok (v) VALUES (1)")
            #expect(ScriptRouteTests.rows(try await client.query("SELECT k FROM ds.ok")) == [["dflt"]])
        }
    }
}
