import Foundation
import Testing
import WarehouseClient
import WireJSON

@Suite struct NDJSONLoaderTests {
    static func file(_ lines: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("load-\(UUID().uuidString).ndjson").path
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func line(_ index: Int) -> String { Fixtures.event(index).json.encodedLine }

    @Test func validLinesAreStoredAndEachRejectedLineIsNamedByItsNumber() async throws {
        var lines = (0..<25).map(Self.line)
        lines[4] = "{not json"
        lines[11] = ""
        lines[17] = #"{"event_id": "x", "occurred_at": "yesterday"}"#
        let path = try Self.file(lines)
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            var chunks = 0
            let loader = NDJSONLoader(client: harness.client, dataset: "ds", table: "events", chunkRows: 10)
            let outcome = try await loader.load(path: path) { _ in chunks += 1 }
            #expect(outcome.rejected.map(\.line) == [5, 18])
            #expect(outcome.rejected[1].errors.first?.location == "occurred_at")
            #expect(outcome.rowsStored == 22)
            #expect(outcome.bytesRead == outcome.totalBytes)
            #expect(chunks == 3)
            #expect(try await harness.count("events") == 22)
        }
    }

    @Test func loadingTheSameFileTwiceStoresEachRowOnce() async throws {
        let path = try Self.file((0..<30).map(Self.line))
        defer { try? FileManager.default.removeItem(atPath: path) }
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            let loader = NDJSONLoader(client: harness.client, dataset: "ds", table: "events")
            _ = try await loader.load(path: path)
            _ = try await loader.load(path: path)
            #expect(try await harness.count("events") == 30)
        }
    }

    @Test func aMissingFileIsALoadError() async throws {
        let loader = NDJSONLoader(client: BigQueryClient(httpClient: .shared, projectId: "p"), dataset: "d", table: "t")
        await #expect(throws: LoadError.self) { try await loader.load(path: "/nonexistent/file.ndjson") }
    }
}

extension JSONObject {
    var encodedLine: String { JSONValue.object(self).encodedString() }
}
