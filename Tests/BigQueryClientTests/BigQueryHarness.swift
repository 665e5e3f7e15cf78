import AsyncHTTPClient
import Foundation
import GoogleAuth
import GoogleREST
import Hummingbird
import HummingbirdTesting
import LocalEmulator
import NIOHTTP1
import WarehouseClient
import WireJSON

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The emulator with `--require-auth` on an ephemeral port, and BigQuery clients for it that
/// authenticate as service accounts the emulator issued (token exchange at its `/token`).
struct BigQueryHarness: Sendable {
    /// Opens the emulator's admin calls (keys, faults) under `requireAuth`.
    static let adminToken = "harness-admin-token"
    var adminToken: String { Self.adminToken }
    let port: Int
    /// A client acting as a `writer` service account.
    let client: BigQueryClient

    var endpoint: RESTEndpoint { .emulator(host: "127.0.0.1:\(port)") }

    /// A client with `credentials` (or none) and the given retry policy, on the same emulator.
    func client(credentials: any CredentialProvider, retry: RetryPolicy = .none) -> BigQueryClient {
        BigQueryClient(httpClient: .shared, projectId: "test-project", endpoint: endpoint, credentials: credentials, retryPolicy: retry)
    }

    /// Credentials of a new service account with `role` (`reader` or `writer`).
    func serviceAccount(_ accountID: String, role: String) async throws -> any CredentialProvider {
        let keyFile = try await admin(
            .POST, "/emulator/v1/projects/test-project/serviceAccounts",
            ["accountId": .string(accountID), "role": .string(role)])
        let key = try ServiceAccountKey(json: keyFile.encodedBytes())
        let source = try ServiceAccountCredentialProvider(key: key, scopes: [GoogleScopes.bigQuery], httpClient: .shared)
        return CachingCredentialProvider(wrapping: source)
    }

    @discardableResult
    func admin(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(adminToken)")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body.encodedBytes())
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let bytes = Array(try await response.body.collect(upTo: 1 << 20).readableBytesView)
        guard response.status.code < 300 else {
            throw HarnessError("\(method) \(path): \(response.status) \(String(decoding: bytes, as: UTF8.self))")
        }
        return try JSONValue(parsing: bytes)
    }

    /// Makes the emulator answer matching calls with `status` (and `reason`) `times` times.
    func injectFault(method: String? = nil, path: String, status: Int, reason: String? = nil, times: Int) async throws {
        var rule: JSONObject = ["path": .string(path), "status": .int(Int64(status)), "times": .int(Int64(times))]
        if let method { rule["method"] = .string(method) }
        if let reason { rule["reason"] = .string(reason) }
        try await admin(.POST, "/emulator/v1/faults", .object(rule))
    }

    /// Counts calls matching `method` and `path` from now on (a 1 ms latency rule records matches).
    func countCalls(method: String, path: String) async throws {
        try await admin(.POST, "/emulator/v1/faults", ["method": .string(method), "path": .string(path), "latencyMs": 1])
    }

    func matchedCalls() async throws -> Int {
        let faults = try await admin(.GET, "/emulator/v1/faults")
        return faults["faults"]?.arrayValue?.compactMap { $0["matched"]?.int64Value }.reduce(0) { $0 + Int($1) } ?? 0
    }

    func count(_ table: String) async throws -> Int64 {
        let result = try await client.query("SELECT COUNT(*) AS n FROM \(table)", options: .init(defaultDataset: "ds"))
        guard case .int64(let count)? = result.value("n", row: 0) else { throw HarnessError("no count") }
        return count
    }
}

func withBigQuery(_ body: @escaping @Sendable (BigQueryHarness) async throws -> Void) async throws {
    let emulator = try LocalEmulator(configuration: EmulatorConfiguration(requireAuth: true, adminToken: BigQueryHarness.adminToken))
    try await emulator.makeApplication().test(.live) { testClient in
        guard let port = testClient.port else { throw HarnessError("no port") }
        let bootstrap = BigQueryHarness(
            port: port,
            client: BigQueryClient(
                httpClient: .shared, projectId: "test-project",
                endpoint: .emulator(host: "127.0.0.1:\(port)")))
        let writer = try await bootstrap.serviceAccount("test-writer", role: "writer")
        try await body(BigQueryHarness(port: port, client: bootstrap.client(credentials: writer)))
    }
}

/// A table with a column of every kind the client decodes, partitioned by day and clustered.
enum Fixtures {
    static let events = TableDefinition(
        schema: TableSchema(fields: [
            TableFieldSchema(name: "event_id", type: .string, mode: .required),
            TableFieldSchema(name: "event_type", type: .string),
            TableFieldSchema(name: "user_id", type: .integer),
            TableFieldSchema(name: "occurred_at", type: .timestamp, mode: .required),
            TableFieldSchema(name: "amount", type: .numeric),
            TableFieldSchema(name: "score", type: .float),
            TableFieldSchema(name: "active", type: .boolean),
            TableFieldSchema(name: "day", type: .date),
            TableFieldSchema(name: "payload", type: .json),
            TableFieldSchema(name: "tags", type: .string, mode: .repeated),
            TableFieldSchema(
                name: "device", type: .record,
                fields: [
                    TableFieldSchema(name: "os", type: .string),
                    TableFieldSchema(name: "version", type: .integer),
                ]),
        ]),
        timePartitioning: .init(granularity: .day, field: "occurred_at"),
        clustering: ["event_type", "user_id"],
        requirePartitionFilter: false)

    /// `2026-11-22T10:00:00Z` plus `index` seconds.
    static let baseMicros: Int64 = 1_795_341_600_000_000

    static func event(_ index: Int, type: String = "click") -> InsertRow {
        InsertRow(
            insertId: "event-\(index)",
            json: [
                "event_id": .string("event-\(index)"), "event_type": .string(type), "user_id": .int(Int64(index % 7)),
                "occurred_at": .string(CivilTime.formatTimestamp(micros: baseMicros + Int64(index) * 1_000_000)),
                "amount": .string("12.50"), "score": .double(0.25), "active": .bool(index % 2 == 0), "day": "2026-11-22",
                "payload": .string(#"{"k":\#(index)}"#), "tags": ["a", "b"], "device": ["os": "linux", "version": .int(6)],
            ])
    }

    static func prepare(_ harness: BigQueryHarness) async throws {
        _ = try await harness.client.ensureDataset("ds")
        _ = try await harness.client.ensureTable(dataset: "ds", table: "events", definition: events)
    }
}
