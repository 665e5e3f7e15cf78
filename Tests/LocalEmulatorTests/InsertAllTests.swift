import Foundation
import GRDBSQLite
import HummingbirdTesting
import NIOCore
import Testing
import WireJSON

@testable import LocalEmulator

@Suite("BigQuery tabledata.insertAll")
struct InsertAllTests {
    static func rowCount(_ client: EmulatorClient, table: String = "events") async throws -> Int {
        let data = try await client.get("\(Fixture.table("analytics", table))/data")
        return data.json["rows"]?.arrayValue?.count ?? 0
    }

    @Test func repeatedInsertIdIsStoredOnce() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            let first = try await Fixture.insert(client, [Fixture.event("e1"), Fixture.event("e2")], insertIds: ["id-1", "id-2"])
            #expect(first.status == 200)
            #expect(first.json["insertErrors"] == nil)
            // A retry of the same request, and a duplicate inside one request, add nothing.
            _ = try await Fixture.insert(client, [Fixture.event("e1"), Fixture.event("e2")], insertIds: ["id-1", "id-2"])
            _ = try await Fixture.insert(client, [Fixture.event("e3"), Fixture.event("e3")], insertIds: ["id-3", "id-3"])
            #expect(try await Self.rowCount(client) == 3)
            // Rows without insertIds are never deduplicated.
            _ = try await Fixture.insert(client, [Fixture.event("e4"), Fixture.event("e4")])
            #expect(try await Self.rowCount(client) == 5)
        }
    }

    @Test func insertIdIsForgottenAfterTheRetentionWindow() async throws {
        let clock = ManualClock()
        let configuration = EmulatorConfiguration(insertIdRetention: .seconds(60), clock: clock)
        try await withEmulator(configuration) { client in
            try await Fixture.createEventsTable(client)
            _ = try await Fixture.insert(client, [Fixture.event("e1")], insertIds: ["same"])
            clock.advance(seconds: 59)
            _ = try await Fixture.insert(client, [Fixture.event("e1")], insertIds: ["same"])
            #expect(try await Self.rowCount(client) == 1)
            clock.advance(seconds: 2)
            _ = try await Fixture.insert(client, [Fixture.event("e1")], insertIds: ["same"])
            #expect(try await Self.rowCount(client) == 2)
        }
    }

    @Test func dataAndInsertIdsSurviveARestart() async throws {
        let path = temporaryDatabasePath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await withEmulator(EmulatorConfiguration(databasePath: path)) { client in
            try await Fixture.createEventsTable(client)
            _ = try await Fixture.insert(client, [Fixture.event("e1")], insertIds: ["once"])
        }
        try await withEmulator(EmulatorConfiguration(databasePath: path)) { client in
            #expect(try await client.get(Fixture.table("analytics", "events")).json["numRows"] == "1")
            _ = try await Fixture.insert(client, [Fixture.event("e1")], insertIds: ["once"])
            #expect(try await Self.rowCount(client) == 1)
        }
    }

    @Test func oneBadRowStopsTheWholeRequestUnlessSkipInvalidRows() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            var bad = Fixture.event("e2").objectValue!
            bad["amount"] = "not-a-number"
            let rows: [JSONValue] = [Fixture.event("e1"), .object(bad), Fixture.event("e3")]
            let refused = try await Fixture.insert(client, rows)
            #expect(refused.status == 200)
            let errors = try #require(refused.json["insertErrors"]?.arrayValue)
            #expect(errors.count == 3)
            #expect(errors[0]["index"] == 0)
            #expect(errors[0]["errors"]?[0]?["reason"] == "stopped")
            #expect(errors[1]["errors"]?[0]?["reason"] == "invalid")
            #expect(errors[1]["errors"]?[0]?["location"] == "amount")
            #expect(errors[1]["errors"]?[0]?["message"] == "Cannot convert value to integer (bad value): not-a-number")
            #expect(errors[2]["errors"]?[0]?["reason"] == "stopped")
            #expect(try await Self.rowCount(client) == 0)

            let skipped = try await Fixture.insert(client, rows, options: ["skipInvalidRows": true])
            #expect(skipped.json["insertErrors"]?.arrayValue?.count == 1)
            #expect(skipped.json["insertErrors"]?[0]?["index"] == 1)
            #expect(try await Self.rowCount(client) == 2)
        }
    }

    @Test func unknownFieldsAreInvalidUnlessIgnored() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            var row = Fixture.event("e1").objectValue!
            row["surprise"] = 42
            let refused = try await Fixture.insert(client, [.object(row)])
            #expect(refused.json["insertErrors"]?[0]?["errors"]?[0]?["location"] == "surprise")
            #expect(refused.json["insertErrors"]?[0]?["errors"]?[0]?["message"] == "no such field: surprise.")
            let accepted = try await Fixture.insert(client, [.object(row)], options: ["ignoreUnknownValues": true])
            #expect(accepted.json["insertErrors"] == nil)
            #expect(try await Self.rowCount(client) == 1)
        }
    }

    @Test func eachTypeIsValidatedWithBigQueryReasons() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            let cases: [(field: String, value: JSONValue, location: String)] = [
                ("occurred_at", "yesterday", "occurred_at"),
                ("amount", 1.5, "amount"),
                ("tags", "not-an-array", "tags"),
                ("context", ["ip": "1.2.3.4", "score": "high"], "context.score"),
                ("event_id", .null, "event_id"),
            ]
            for testCase in cases {
                var row = Fixture.event("e").objectValue!
                row[testCase.field] = testCase.value
                let reply = try await Fixture.insert(client, [.object(row)])
                let error = reply.json["insertErrors"]?[0]?["errors"]?[0]
                #expect(error?["reason"] == "invalid", "\(testCase.field)")
                #expect(error?["location"]?.stringValue == testCase.location, "\(testCase.field): \(String(describing: error))")
                #expect(error?["message"]?.stringValue?.isEmpty == false)
            }
            #expect(try await Self.rowCount(client) == 0)
        }
    }

    @Test func nestedAndRepeatedValuesRoundTrip() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            var row = Fixture.event("e1").objectValue!
            row["tags"] = ["a", "b"]
            row["context"] = ["ip": "10.0.0.1", "score": 0.5]
            #expect(try await Fixture.insert(client, [.object(row)]).json["insertErrors"] == nil)
            let cells = try await client.get("\(Fixture.table("analytics", "events"))/data").json["rows"]?[0]?["f"]
            #expect(cells?[5]?["v"] == [["v": "a"], ["v": "b"]])
            #expect(cells?[6]?["v"] == ["f": [["v": "10.0.0.1"], ["v": "0.5"]]])
        }
    }

    @Test func emptyLongAndNonASCIITextIsStoredExactlyAndNotAsNull() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            let long = String(repeating: "long text ", count: 100)
            var rows: [JSONValue] = []
            for (id, type, user) in [("e1", "", "ünï 🎉"), ("e2", long, ""), ("e3", "x", "y")] {
                var row = Fixture.event(id, type: type, user: user).objectValue!
                row["context"] = ["ip": "", "score": 1]
                rows.append(.object(row))
            }
            #expect(try await Fixture.insert(client, rows).json["insertErrors"] == nil)
            let stored = try await client.get("\(Fixture.table("analytics", "events"))/data").json["rows"]?.arrayValue ?? []
            let cells = stored.map { row in (0..<3).map { row["f"]?[$0]?["v"] ?? .null } }
            #expect(Set(cells) == [["e1", "", "ünï 🎉"], ["e2", .string(long), ""], ["e3", "x", "y"]])
            #expect(stored.allSatisfy { $0["f"]?[6]?["v"] == ["f": [["v": ""], ["v": "1"]]] })
        }
    }

    @Test func rowsBeyondOneStatementAreEachStoredOnceWithTheirOwnValues() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            // Two whole statements and a remainder, with repeated insertIds dropped in between.
            let count = BigQueryStore.rowsPerStatement * 2 + 11
            let ids = (0..<count).map { "e\($0)" }
            let insertIds = (0..<count).map { "id-\($0 % 3 == 2 ? $0 - 1 : $0)" }
            let rows = ids.enumerated().map { index, id in Fixture.event(id, user: "u\(index)", amount: Int64(index)) }
            #expect(try await Fixture.insert(client, rows, insertIds: insertIds).json["insertErrors"] == nil)
            let stored = try await client.get("\(Fixture.table("analytics", "events"))/data").json["rows"]?.arrayValue ?? []
            let cells = Set(stored.map { row in [0, 2, 3].map { row["f"]?[$0]?["v"] ?? .null } })
            let expected = Set(
                (0..<count).filter { $0 % 3 != 2 }.map { index -> [JSONValue] in
                    [.string("e\(index)"), .string("u\(index)"), .string(String(index))]
                })
            #expect(stored.count == expected.count)
            #expect(cells == expected)
        }
    }

    @Test func rowsOfATableTooWideForWholeStatementsAreAllStored() async throws {
        let emulator = try LocalEmulator(configuration: EmulatorConfiguration())
        // Upstream SQLite's default limit of bound values; Debian builds it with 250,000.
        try await emulator.database.writer.write { db in
            _ = sqlite3_limit(db.sqliteConnection, SQLITE_LIMIT_VARIABLE_NUMBER, 32_766)
        }
        try await emulator.makeApplication().test(.live) { testClient in
            let client = EmulatorClient(client: testClient)
            try await Fixture.createDataset(client)
            // 32 rows of 1,500 columns would be 48,000 values in one statement.
            let columns = 1_500
            let fields: [JSONValue] = (0..<columns).map { ["name": .string("c\($0)"), "type": "INT64"] }
            let created = try await client.post(
                Fixture.tables("analytics"),
                [
                    "tableReference": ["tableId": "wide"], "schema": ["fields": .array(fields)],
                ])
            #expect(created.status == 200)
            let rows: [JSONValue] = (0..<40).map { row in
                .object(JSONObject((0..<columns).map { (key: "c\($0)", value: .int(Int64(row * 10_000 + $0))) }))
            }
            let reply = try await Fixture.insert(client, rows, table: "wide")
            #expect(reply.status == 200)
            #expect(reply.json["insertErrors"] == nil)
            let stored = try await client.get("\(Fixture.table("analytics", "wide"))/data").json["rows"]?.arrayValue ?? []
            #expect(stored.count == 40)
            let lastCells = Set(stored.compactMap { $0["f"]?[columns - 1]?["v"]?.stringValue })
            #expect(lastCells == Set((0..<40).map { String($0 * 10_000 + columns - 1) }))
        }
    }

    @Test func requestsOverTheSizeLimitAreRefused() async throws {
        try await withEmulator(EmulatorConfiguration(maxRequestBytes: 1000)) { client in
            try await Fixture.createEventsTable(client)
            let rows = (0..<50).map { Fixture.event("event-\($0)") }
            let reply = try await Fixture.insert(client, rows)
            #expect(reply.status == 413)
            #expect(reply.errorMessage?.contains("exceeds the limit") == true)
        }
    }

    @Test func malformedRequestsGetFourHundreds() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            let path = "\(Fixture.table("analytics", "events"))/insertAll"
            #expect(try await client.call(.post, path, rawBody: ByteBuffer(string: "{not json")).status == 400)
            #expect(try await client.post(path, ["rows": []]).status == 400)
            #expect(try await client.post(path, ["rows": [["insertId": "x"]]]).json["insertErrors"]?[0]?["errors"]?[0]?["reason"] == "invalid")
            #expect(try await client.post("\(Fixture.table("analytics", "missing"))/insertAll", ["rows": [["json": [:]]]]).status == 404)
        }
    }
}
