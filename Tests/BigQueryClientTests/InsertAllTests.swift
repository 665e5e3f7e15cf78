import Testing
import WireJSON

@testable import WarehouseClient

@Suite struct InsertAllTests {
    @Test func rowsAreSplitIntoRequestsOfAtMost500AndAllStored() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            try await harness.countCalls(method: "POST", path: "insertAll$")
            let rows = (0..<1234).map { Fixtures.event($0) }
            let result = try await harness.client.insertAll(dataset: "ds", table: "events", rows: rows)
            #expect(result.failures.isEmpty)
            #expect(result.insertedCount == 1234)
            #expect(try await harness.matchedCalls() == 3)
            #expect(try await harness.count("events") == 1234)
        }
    }

    @Test func theByteLimitSplitsRequestsAndAnOversizedRowFailsAlone() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            try await harness.countCalls(method: "POST", path: "insertAll$")
            var rows = (0..<40).map { Fixtures.event($0) }
            rows[17].json["event_type"] = .string(String(repeating: "x", count: 9000))
            let options = InsertOptions(maxBytesPerRequest: 8192)
            let result = try await harness.client.insertAll(dataset: "ds", table: "events", rows: rows, options: options)
            #expect(result.failures.map(\.index) == [17])
            #expect(result.failures.first?.errors.first?.message.contains("request limit") == true)
            #expect(try await harness.matchedCalls() > 1)
            #expect(try await harness.count("events") == 39)
        }
    }

    @Test func rowErrorsComeBackAtTheCallersIndices() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            var rows = (0..<1200).map { Fixtures.event($0) }
            rows[3].json["user_id"] = "not a number"
            rows[700].json["occurred_at"] = .null
            let result = try await harness.client.insertAll(dataset: "ds", table: "events", rows: rows)
            let invalid = result.failures.filter { !$0.isStopped }
            #expect(invalid.map(\.index) == [3, 700])
            #expect(invalid[0].errors.first?.location == "user_id")
            #expect(invalid[1].errors.first?.location == "occurred_at")
            // BigQuery refuses a whole request with an invalid row: rows 0..<1000 came back, 1000..<1200 were stored.
            #expect(result.failures.count == 1000)
            #expect(result.failures.filter(\.isStopped).count == 998)
            #expect(result.insertedCount == 200)
            #expect(try await harness.count("events") == 200)
        }
    }

    @Test func skipInvalidRowsStoresTheRest() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            var rows = (0..<10).map { Fixtures.event($0) }
            rows[4].json["surprise"] = true
            let result = try await harness.client.insertAll(
                dataset: "ds", table: "events", rows: rows,
                options: InsertOptions(skipInvalidRows: true))
            #expect(result.failures.map(\.index) == [4])
            #expect(result.failures[0].errors.first?.reason == "invalid")
            #expect(try await harness.count("events") == 9)
        }
    }

    @Test func aRetriedInsertIsDeduplicatedByInsertId() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            let rows = (0..<50).map { Fixtures.event($0) }
            _ = try await harness.client.insertAll(dataset: "ds", table: "events", rows: rows)
            _ = try await harness.client.insertAll(dataset: "ds", table: "events", rows: rows)
            #expect(try await harness.count("events") == 50)
        }
    }

    @Test func batchesKeepTheirIndicesAndRespectBothLimits() {
        let rows = (0..<1100).map { InsertRow(insertId: "id-\($0)", json: ["n": .int(Int64($0))]) }
        let (batches, oversized) = InsertBatches.split(rows, options: InsertOptions(maxBytesPerRequest: 10_000))
        #expect(oversized.isEmpty)
        #expect(batches.flatMap(\.indices) == Array(0..<1100))
        for batch in batches {
            #expect(batch.indices.count <= 500)
            #expect(batch.body.count <= 10_000)
            let parsed = try? JSONValue(parsing: batch.body)
            #expect(parsed?["rows"]?.arrayValue?.count == batch.indices.count)
            #expect(parsed?["rows"]?[0]?["insertId"]?.stringValue == "id-\(batch.indices[0])")
        }
    }

    @Test func theRequestBodyIsTheEncodingOfTheDocumentedRequest() throws {
        let rows = [
            InsertRow(insertId: "a\"1", json: ["name": "line\nbreak", "n": .int(1)]),
            InsertRow(insertId: nil, json: ["nested": ["x": [.null, true]]]),
        ]
        let (batches, _) = InsertBatches.split(rows, options: InsertOptions(ignoreUnknownValues: true))
        let expected: JSONValue = [
            "kind": "bigquery#tableDataInsertAllRequest", "skipInvalidRows": false, "ignoreUnknownValues": true,
            "rows": [
                ["insertId": "a\"1", "json": ["name": "line\nbreak", "n": .int(1)]],
                ["json": ["nested": ["x": [.null, true]]]],
            ],
        ]
        #expect(batches.map(\.body) == [expected.encodedBytes()])
    }
}
