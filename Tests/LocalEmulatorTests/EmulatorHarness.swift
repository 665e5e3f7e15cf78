import Foundation
import GoogleAuth
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import WireJSON

@testable import LocalEmulator

/// A JSON call's outcome, for assertions.
struct JSONReply: Sendable {
    var status: Int
    var json: JSONValue

    var errorReason: String? { json["error"]?["errors"]?.arrayValue?.first?["reason"]?.stringValue }
    var errorMessage: String? { json["error"]?["message"]?.stringValue }
}

/// Talks JSON to a live emulator on an ephemeral port.
struct EmulatorClient: Sendable {
    let client: any TestClientProtocol

    func call(_ method: HTTPRequest.Method, _ path: String, _ body: JSONValue? = nil) async throws -> JSONReply {
        let buffer = body.map { ByteBuffer(bytes: $0.encodedBytes()) }
        return try await call(method, path, rawBody: buffer)
    }

    func call(_ method: HTTPRequest.Method, _ path: String, rawBody: ByteBuffer?) async throws -> JSONReply {
        try await client.execute(uri: path, method: method, headers: [.contentType: "application/json"], body: rawBody) { response in
            let bytes = Array(response.body.readableBytesView)
            let json = bytes.isEmpty ? JSONValue.null : try JSONValue(parsing: bytes)
            return JSONReply(status: Int(response.status.code), json: json)
        }
    }

    func get(_ path: String) async throws -> JSONReply { try await call(.get, path) }
    func post(_ path: String, _ body: JSONValue) async throws -> JSONReply { try await call(.post, path, body) }

    /// A query or script through jobs.query, in GoogleSQL.
    func query(_ sql: String) async throws -> JSONReply {
        try await post("/bigquery/v2/projects/\(Fixture.project)/queries", ["query": .string(sql), "useLegacySql": false])
    }
}

/// Runs `body` against a fresh emulator; pass a database path to test persistence.
func withEmulator(
    _ configuration: EmulatorConfiguration = EmulatorConfiguration(),
    _ body: @Sendable (EmulatorClient) async throws -> Void
) async throws {
    let emulator = try LocalEmulator(configuration: configuration)
    return try await emulator.makeApplication().test(.live) { client in
        try await body(EmulatorClient(client: client))
    }
}

/// A wall clock the test moves by hand, read in the emulator's microseconds.
final class ManualClock: WallClock {
    private let micros: Mutex<Int64>

    init(start: Int64 = 1_767_225_600_000_000) { micros = Mutex(start) }

    func advance(seconds: Double) { micros.withLock { $0 += Int64(seconds * 1_000_000) } }

    var now: Date { Date(timeIntervalSince1970: Double(micros.withLock { $0 }) / 1_000_000) }
}

/// A fresh path for a SQLite file, removed (with its WAL files) by the caller's `defer { removeDatabase(at:) }`.
func temporaryDatabasePath() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("emulator-\(UUID().uuidString).sqlite").path
}

/// Fixtures shared by the BigQuery tests.
enum Fixture {
    static let project = "test-project"
    static var datasets: String { "/bigquery/v2/projects/\(project)/datasets" }
    static func tables(_ dataset: String) -> String { "\(datasets)/\(dataset)/tables" }
    static func table(_ dataset: String, _ table: String) -> String { "\(tables(dataset))/\(table)" }

    static let eventsSchema: JSONValue = [
        "fields": [
            ["name": "event_id", "type": "STRING", "mode": "REQUIRED"],
            ["name": "event_type", "type": "STRING"],
            ["name": "user_id", "type": "STRING"],
            ["name": "amount", "type": "INT64"],
            ["name": "occurred_at", "type": "TIMESTAMP", "mode": "REQUIRED"],
            ["name": "tags", "type": "STRING", "mode": "REPEATED"],
            ["name": "context", "type": "RECORD", "fields": [["name": "ip", "type": "STRING"], ["name": "score", "type": "FLOAT64"]]],
        ]
    ]

    static func createDataset(_ client: EmulatorClient, _ dataset: String = "analytics") async throws {
        let reply = try await client.post(datasets, ["datasetReference": ["datasetId": .string(dataset)]])
        precondition(reply.status == 200, "dataset create failed: \(reply.json)")
    }

    /// An `events` table partitioned by day on occurred_at and clustered by event_type, user_id.
    static func createEventsTable(
        _ client: EmulatorClient, dataset: String = "analytics", table: String = "events",
        requirePartitionFilter: Bool = false
    ) async throws {
        try await createDataset(client, dataset)
        let reply = try await client.post(
            tables(dataset),
            [
                "tableReference": ["tableId": .string(table)],
                "schema": eventsSchema,
                "timePartitioning": ["type": "DAY", "field": "occurred_at"],
                "clustering": ["fields": ["event_type", "user_id"]],
                "requirePartitionFilter": .bool(requirePartitionFilter),
            ])
        precondition(reply.status == 200, "table create failed: \(reply.json)")
    }

    static func event(
        _ id: String, type: String = "click", user: String = "u1", amount: Int64 = 1,
        at occurredAt: String = "2026-01-01T12:00:00Z"
    ) -> JSONValue {
        [
            "event_id": .string(id), "event_type": .string(type), "user_id": .string(user), "amount": .int(amount),
            "occurred_at": .string(occurredAt),
        ]
    }

    static func insert(
        _ client: EmulatorClient, _ rows: [JSONValue], insertIds: [String]? = nil,
        dataset: String = "analytics", table: String = "events", options: JSONObject = [:]
    ) async throws -> JSONReply {
        var body = options
        body["rows"] = .array(
            rows.enumerated().map { index, row in
                var entry: JSONObject = ["json": row]
                if let insertIds { entry["insertId"] = .string(insertIds[index]) }
                return .object(entry)
            })
        return try await client.post("\(Fixture.table(dataset, table))/insertAll", .object(body))
    }
}

func removeDatabase(at path: String) {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}
