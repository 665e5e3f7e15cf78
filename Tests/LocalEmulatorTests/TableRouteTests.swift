import GRDB
import GoogleSQL
import Testing
import WireJSON

@testable import LocalEmulator

@Suite("BigQuery tables")
struct TableRouteTests {
    @Test func partitioningClusteringAndRequireFilterRoundTrip() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client, requirePartitionFilter: true)
            let table = try await client.get(Fixture.table("analytics", "events"))
            #expect(table.status == 200)
            #expect(table.json["timePartitioning"]?["type"] == "DAY")
            #expect(table.json["timePartitioning"]?["field"] == "occurred_at")
            #expect(table.json["clustering"]?["fields"] == ["event_type", "user_id"])
            #expect(table.json["requirePartitionFilter"] == true)
            #expect(table.json["numRows"] == "0")
            // Types come back under their REST names, as BigQuery returns them.
            let types = table.json["schema"]?["fields"]?.arrayValue?.compactMap { $0["type"]?.stringValue }
            #expect(types == ["STRING", "STRING", "STRING", "INTEGER", "TIMESTAMP", "STRING", "RECORD"])
        }
    }

    @Test func partitionAndClusteringColumnsAreIndexedInStorage() async throws {
        let emulator = try LocalEmulator()
        try await emulator.makeApplication().test(.live) { client in
            try await Fixture.createEventsTable(EmulatorClient(client: client))
        }
        let indexed = try await emulator.database.writer.read { db -> [String] in
            let name = try String.fetchOne(db, sql: "SELECT sqlite_name FROM bq_tables WHERE table_id = 'events'")!
            let index = try String.fetchOne(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?", arguments: [name])!
            return try Row.fetchAll(db, sql: "PRAGMA index_info(\(SQLiteStorage.quote(index)))").map { $0["name"] }
        }
        #expect(indexed == ["occurred_at", "event_type", "user_id"])
    }

    @Test func ingestionTimeHourlyMonthlyAndYearlyPartitioningAreAccepted() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client)
            for (name, spec) in [
                ("ingest", ["type": "DAY"]), ("hourly", ["type": "HOUR", "field": "ts"]),
                ("monthly", ["type": "MONTH", "field": "d"]), ("yearly", ["type": "YEAR", "field": "dt"]),
            ] as [(String, JSONValue)] {
                let reply = try await client.post(
                    Fixture.tables("analytics"),
                    [
                        "tableReference": ["tableId": .string(name)],
                        "schema": [
                            "fields": [["name": "ts", "type": "TIMESTAMP"], ["name": "d", "type": "DATE"], ["name": "dt", "type": "DATETIME"]]
                        ],
                        "timePartitioning": spec,
                    ])
                #expect(reply.status == 200, "\(name): \(reply.json)")
                #expect(reply.json["timePartitioning"]?["type"] == spec["type"])
            }
        }
    }

    @Test func everyColumnTypeAndModeIsAccepted() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client)
            let types = [
                "STRING", "BYTES", "INT64", "INTEGER", "FLOAT64", "FLOAT", "NUMERIC", "BIGNUMERIC", "BOOL", "BOOLEAN",
                "TIMESTAMP", "DATE", "DATETIME", "TIME", "JSON",
            ]
            var fields: [JSONValue] = types.enumerated().map { ["name": .string("c\($0.offset)"), "type": .string($0.element)] }
            fields.append(["name": "req", "type": "STRING", "mode": "REQUIRED"])
            fields.append(["name": "rep", "type": "INT64", "mode": "REPEATED"])
            fields.append(["name": "rec", "type": "STRUCT", "fields": [["name": "inner", "type": "DATE"]]])
            let reply = try await client.post(
                Fixture.tables("analytics"), ["tableReference": ["tableId": "all_types"], "schema": ["fields": .array(fields)]])
            #expect(reply.status == 200, "\(reply.json)")
            #expect(reply.json["schema"]?["fields"]?.arrayValue?.last?["type"] == "RECORD")
        }
    }

    @Test func badTableDefinitionsGetClearErrors() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client)
            let wrongPartitionType = try await client.post(
                Fixture.tables("analytics"),
                [
                    "tableReference": ["tableId": "t1"], "schema": ["fields": [["name": "s", "type": "STRING"]]],
                    "timePartitioning": ["type": "DAY", "field": "s"],
                ])
            #expect(wrongPartitionType.status == 400)
            #expect(wrongPartitionType.errorMessage?.contains("TIMESTAMP, DATE or DATETIME") == true)

            let fields: [JSONValue] = (0..<5).map { ["name": .string("c\($0)"), "type": "STRING"] }
            let tooManyClusters = try await client.post(
                Fixture.tables("analytics"),
                [
                    "tableReference": ["tableId": "t2"], "schema": ["fields": .array(fields)],
                    "clustering": ["fields": ["c0", "c1", "c2", "c3", "c4"]],
                ])
            #expect(tooManyClusters.status == 400)
            #expect(tooManyClusters.errorMessage?.contains("Too many clustering fields: 5") == true)

            let unknownType = try await client.post(
                Fixture.tables("analytics"),
                [
                    "tableReference": ["tableId": "t3"], "schema": ["fields": [["name": "x", "type": "POTATO"]]],
                ])
            #expect(unknownType.status == 400)

            let duplicate = try await client.post(
                Fixture.tables("analytics"),
                [
                    "tableReference": ["tableId": "t4"], "schema": ["fields": [["name": "x", "type": "STRING"], ["name": "X", "type": "STRING"]]],
                ])
            #expect(duplicate.status == 400)

            let missingDataset = try await client.post(
                Fixture.tables("nowhere"),
                [
                    "tableReference": ["tableId": "t5"], "schema": ["fields": [["name": "x", "type": "STRING"]]],
                ])
            #expect(missingDataset.status == 404)
        }
    }

    @Test func creatingAnExistingTableIsAConflictAndMissingIsNotFound() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            let again = try await client.post(Fixture.tables("analytics"), ["tableReference": ["tableId": "events"], "schema": Fixture.eventsSchema])
            #expect(again.status == 409)
            let missing = try await client.get(Fixture.table("analytics", "nope"))
            #expect(missing.status == 404)
            #expect(missing.errorMessage == "Not found: Table test-project:analytics.nope")
        }
    }

    @Test func patchAddsNullableColumnsThatAcceptData() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            var fields = Fixture.eventsSchema["fields"]!.arrayValue!
            fields.append(["name": "country", "type": "STRING"])
            let patched = try await client.call(
                .patch, Fixture.table("analytics", "events"), ["schema": ["fields": .array(fields)], "description": "v2"])
            #expect(patched.status == 200, "\(patched.json)")
            #expect(patched.json["description"] == "v2")
            var row = Fixture.event("e1").objectValue!
            row["country"] = "NL"
            let inserted = try await Fixture.insert(client, [.object(row)])
            #expect(inserted.json["insertErrors"] == nil)
            let data = try await client.get("\(Fixture.table("analytics", "events"))/data")
            #expect(data.json["rows"]?[0]?["f"]?.arrayValue?.last?["v"] == "NL")
        }
    }

    @Test func patchRefusesChangesBigQueryRefuses() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            var fields = Fixture.eventsSchema["fields"]!.arrayValue!
            fields.append(["name": "must", "type": "STRING", "mode": "REQUIRED"])
            #expect(try await client.call(.patch, Fixture.table("analytics", "events"), ["schema": ["fields": .array(fields)]]).status == 400)

            var retyped = Fixture.eventsSchema["fields"]!.arrayValue!
            retyped[3] = ["name": "amount", "type": "STRING"]
            #expect(try await client.call(.patch, Fixture.table("analytics", "events"), ["schema": ["fields": .array(retyped)]]).status == 400)

            let repartition = try await client.call(
                .patch, Fixture.table("analytics", "events"), ["timePartitioning": ["type": "HOUR", "field": "occurred_at"]])
            #expect(repartition.status == 400)
            #expect(repartition.errorMessage == "Cannot change partitioning spec for a table.")
        }
    }

    @Test func listAndDeleteTables() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            try await Fixture.createEventsTable(client, dataset: "other", table: "more")
            let list = try await client.get(Fixture.tables("analytics"))
            #expect(list.json["tables"]?.arrayValue?.compactMap { $0["tableReference"]?["tableId"]?.stringValue } == ["events"])
            #expect(list.json["totalItems"] == 1)
            #expect(try await client.call(.delete, Fixture.table("analytics", "events")).status == 204)
            #expect(try await client.get(Fixture.table("analytics", "events")).status == 404)
            #expect(try await client.call(.delete, Fixture.table("analytics", "events")).status == 404)
        }
    }
}

@Suite("BigQuery partition storage")
struct PartitionStorageTests {
    /// Partition start → row count, read from the emulator's own bookkeeping.
    static func partitions(_ emulator: LocalEmulator) async throws -> [Int64: Int64] {
        try await emulator.database.writer.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT partition_start, rows FROM bq_partition_bytes WHERE column_name = ''")
            return Dictionary(uniqueKeysWithValues: rows.map { ($0["partition_start"], $0["rows"]) })
        }
    }

    @Test func rowsLandInThePartitionOfTheirPartitioningColumn() async throws {
        let emulator = try LocalEmulator()
        try await emulator.makeApplication().test(.live) { client in
            let client = EmulatorClient(client: client)
            try await Fixture.createEventsTable(client)
            _ = try await Fixture.insert(
                client,
                [
                    Fixture.event("a", at: "2026-01-01T01:00:00Z"), Fixture.event("b", at: "2026-01-01T23:00:00Z"),
                    Fixture.event("c", at: "2026-01-03T00:00:00Z"),
                ])
        }
        let day: Int64 = 86_400_000_000
        let first: Int64 = 1_767_225_600_000_000
        #expect(try await Self.partitions(emulator) == [first: 2, first + 2 * day: 1])
    }

    @Test func ingestionTimeTablesPartitionByArrival() async throws {
        let clock = ManualClock(start: 1_767_225_600_000_000 + 3_600_000_000)
        let emulator = try LocalEmulator(configuration: EmulatorConfiguration(clock: clock))
        try await emulator.makeApplication().test(.live) { client in
            let client = EmulatorClient(client: client)
            try await Fixture.createDataset(client)
            _ = try await client.post(
                Fixture.tables("analytics"),
                [
                    "tableReference": ["tableId": "raw"],
                    "schema": ["fields": [["name": "x", "type": "STRING"]]], "timePartitioning": ["type": "DAY"],
                ])
            _ = try await Fixture.insert(client, [["x": "1"]], table: "raw")
            clock.advance(seconds: 86_400)
            _ = try await Fixture.insert(client, [["x": "2"], ["x": "3"]], table: "raw")
        }
        #expect(try await Self.partitions(emulator) == [1_767_225_600_000_000: 1, 1_767_312_000_000_000: 2])
    }
}

@Suite("BigQuery tables without a schema")
struct SchemalessTableTests {
    @Test func aTableWithoutASchemaIsCreatedListedAndPatched() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client)
            let created = try await client.post(Fixture.tables("analytics"), ["tableReference": ["tableId": "bare"]])
            #expect(created.status == 200, "\(created.json)")
            let listed = try await client.get(Fixture.table("analytics", "bare") + "/data")
            #expect(listed.status == 200)
            #expect(listed.json["totalRows"] == "0")
            let inserted = try await client.post(Fixture.table("analytics", "bare") + "/insertAll", ["rows": [["json": ["x": 1]]]])
            #expect(inserted.status < 500, "\(inserted.json)")
            let patched = try await client.call(
                .patch, Fixture.table("analytics", "bare"),
                ["schema": ["fields": [["name": "x", "type": "INT64"]]]])
            #expect(patched.status == 200, "\(patched.json)")
            let after = try await client.post(Fixture.table("analytics", "bare") + "/insertAll", ["rows": [["json": ["x": 1]]]])
            #expect(after.status == 200)
            #expect(try await client.get(Fixture.table("analytics", "bare") + "/data").json["rows"] == [["f": [["v": "1"]]]])
        }
    }
}
