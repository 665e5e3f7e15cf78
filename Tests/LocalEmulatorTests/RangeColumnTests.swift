import Testing
import WireJSON

@testable import LocalEmulator

/// RANGE columns over REST: the schema's `rangeElementType`, insertAll's two forms of a range, the
/// `[start, end)` cells of query results and tabledata.list, DDL, DML and INFORMATION_SCHEMA.
@Suite("RANGE columns")
struct RangeColumnTests {
    static let schema: JSONValue = [
        "fields": [
            ["name": "id", "type": "INTEGER"],
            ["name": "stay", "type": "RANGE", "rangeElementType": ["type": "DATE"]],
            ["name": "visit", "type": "RANGE", "mode": "REQUIRED", "rangeElementType": ["type": "TIMESTAMP"]],
            ["name": "slots", "type": "RANGE", "mode": "REPEATED", "rangeElementType": ["type": "DATETIME"]],
        ]
    ]

    @Test func tablesInsertInsertAllAndReadsCarryRanges() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            let created = try await client.post(
                Fixture.tables("ds"),
                ["tableReference": ["projectId": .string(Fixture.project), "datasetId": "ds", "tableId": "stays"], "schema": Self.schema])
            #expect(created.status == 200, "\(created.json)")
            #expect(
                created.json["schema"]?["fields"]?[1] == ["name": "stay", "type": "RANGE", "mode": "NULLABLE", "rangeElementType": ["type": "DATE"]])
            let reply = try await Fixture.insert(
                client,
                [
                    ["id": 1, "stay": "[2024-03-01, 2024-03-04)", "visit": ["start": "2024-03-01 12:00:00", "end": nil], "slots": []],
                    [
                        "id": 2, "stay": ["start": nil, "end": "2024-01-01"], "visit": "[UNBOUNDED, 2024-01-01 00:00:00+01)",
                        "slots": ["[2024-01-01 09:00:00, 2024-01-01 10:00:00)"],
                    ],
                    ["id": 3, "stay": "[2024-03-04, 2024-03-01)", "visit": "[UNBOUNDED, UNBOUNDED)"],
                    ["id": 4, "stay": ["start": "2024-03-01", "middle": "x"], "visit": "[UNBOUNDED, UNBOUNDED)"],
                    ["id": 5, "stay": "[2024-03-01,2024-03-04)", "visit": "[UNBOUNDED, UNBOUNDED)"],
                    ["id": 6, "visit": nil],
                ], dataset: "ds", table: "stays", options: ["skipInvalidRows": true])
            let errors = reply.json["insertErrors"]?.arrayValue ?? []
            #expect(errors.map { $0["index"] } == [2, 3, 4, 5], "\(reply.json)")
            #expect(errors.first?["errors"]?[0]?["location"] == "stay")
            #expect(errors.first?["errors"]?[0]?["message"]?.stringValue?.hasPrefix("Invalid RANGE<DATE> value: [2024-03-04, 2024-03-01)") == true)

            let read = try await client.post(
                "/bigquery/v2/projects/\(Fixture.project)/queries",
                [
                    "query": "SELECT id, stay, visit, slots FROM ds.stays ORDER BY id", "useLegacySql": false,
                    "formatOptions": ["useInt64Timestamp": true],
                ])
            #expect(read.status == 200, "\(read.json)")
            #expect(read.json["schema"]?["fields"]?[2]?["rangeElementType"] == ["type": "TIMESTAMP"])
            #expect(read.json["rows"]?[0]?["f"]?[1]?["v"] == "[2024-03-01, 2024-03-04)")
            #expect(read.json["rows"]?[0]?["f"]?[2]?["v"] == "[1709294400000000, UNBOUNDED)")
            #expect(read.json["rows"]?[1]?["f"]?[1]?["v"] == "[UNBOUNDED, 2024-01-01)")
            #expect(read.json["rows"]?[1]?["f"]?[2]?["v"] == "[UNBOUNDED, 1704063600000000)")
            #expect(read.json["rows"]?[1]?["f"]?[3]?["v"] == [["v": "[2024-01-01T09:00:00, 2024-01-01T10:00:00)"]])

            let listed = try await client.get("\(Fixture.tables("ds"))/stays/data")
            #expect(listed.json["rows"]?[0]?["f"]?[1]?["v"] == "[2024-03-01, 2024-03-04)", "\(listed.json)")
        }
    }

    @Test func ddlDmlAndInformationSchemaSpeakRangeTypes() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            #expect(try await client.query("CREATE TABLE ds.r (emp INT64, duration RANGE<DATE>, shifts ARRAY<RANGE<DATETIME>>)").status == 200)
            let inserted = try await client.query(
                """
                INSERT ds.r VALUES
                  (10, RANGE<DATE> '[2010-01-10, 2010-03-10)', [RANGE(DATETIME '2010-01-10 08:00:00', DATETIME '2010-01-10 16:00:00')]),
                  (20, RANGE(DATE '2010-03-10', NULL), [])
                """)
            #expect(inserted.status == 200, "\(inserted.json)")
            let updated = try await client.query(
                "UPDATE ds.r SET duration = RANGE_INTERSECT(duration, RANGE<DATE> '[2010-01-01, 2010-02-01)') WHERE emp = 10")
            #expect(updated.status == 200, "\(updated.json)")
            let read = try await client.query("SELECT emp, CAST(duration AS STRING), RANGE_END(shifts[SAFE_OFFSET(0)]) FROM ds.r ORDER BY duration")
            #expect(
                ScriptRouteTests.rows(read) == [["10", "[2010-01-10, 2010-02-01)", "2010-01-10T16:00:00"], ["20", "[2010-03-10, UNBOUNDED)", nil]],
                "\(read.json)")
            let columns = try await client.query(
                "SELECT column_name, data_type FROM ds.INFORMATION_SCHEMA.COLUMNS WHERE table_name = 'r' ORDER BY ordinal_position")
            #expect(
                ScriptRouteTests.rows(columns) == [["emp", "INT64"], ["duration", "RANGE<DATE>"], ["shifts", "ARRAY<RANGE<DATETIME>>"]],
                "\(columns.json)")
            let table = try await client.get("\(Fixture.tables("ds"))/r")
            #expect(
                table.json["schema"]?["fields"]?[2] == [
                    "name": "shifts", "type": "RANGE", "mode": "REPEATED", "rangeElementType": ["type": "DATETIME"],
                ])
            let refused = try await client.query("CREATE TABLE ds.bad (x RANGE<INT64>)")
            #expect(refused.status == 400)
            #expect(refused.errorMessage?.contains("element type must be DATE, DATETIME or TIMESTAMP") == true, "\(refused.errorMessage ?? "")")
        }
    }

    @Test func schemasWithoutAValidRangeElementAreRefused() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client, "ds")
            for (field, message) in [
                (["name": "r", "type": "RANGE"] as JSONValue, "is type RANGE but has no rangeElementType"),
                (["name": "r", "type": "RANGE", "rangeElementType": ["type": "TIME"]], "it must be DATE, DATETIME or TIMESTAMP"),
                (["name": "r", "type": "DATE", "rangeElementType": ["type": "DATE"]], "is type DATE but has a rangeElementType"),
            ] {
                let reply = try await client.post(
                    Fixture.tables("ds"),
                    ["tableReference": ["projectId": .string(Fixture.project), "datasetId": "ds", "tableId": "t"], "schema": ["fields": [field]]])
                #expect(reply.status == 400, "\(field)")
                #expect(reply.errorMessage?.contains(message) == true, "\(reply.errorMessage ?? "")")
            }
        }
    }
}
