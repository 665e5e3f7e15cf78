import API
import AsyncHTTPClient
import Foundation
import GoogleAuth
import GoogleREST
import Hummingbird
import HummingbirdTesting
import LocalEmulator
import Logging
import Metrics
import NIOCore
import NIOHTTP1
import PubSubClient
import WarehouseClient
import WarehouseSchema
import WireJSON

struct HarnessError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One answer of the API, its body parsed when it is JSON.
struct APIAnswer: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var bytes: [UInt8]
    var json: JSONValue { (try? JSONValue(parsing: bytes)) ?? .null }
    var text: String { String(decoding: bytes, as: UTF8.self) }
    /// `error.errors[]` of an error body.
    var errorDetails: [JSONValue] { json["error"]?["errors"]?.arrayValue ?? [] }
}

/// The emulator (BigQuery and Pub/Sub on one port), the events topic, its subscription and the
/// Sink's table, and the API in front of them, all over loopback HTTP with the production clients.
struct APIHarness: Sendable {
    static let project = "api-project"
    static let topic = "events"
    static let subscription = "events-check"
    static let dataset = "warehouse"
    static let table = "events"
    static let ingestKey = "ingest-key-0123456789"
    static let readKey = "read-key-0123456789ab"
    static let bothKey = "both-key-0123456789abc"

    let emulatorPort: Int
    let apiPort: Int
    let pubSub: PubSubClient
    let bigQuery: BigQueryClient

    /// The repository's schema file, the single source.
    static func eventsDefinition() throws -> TableDefinition {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try TableDefinition(contentsOfFile: root.appendingPathComponent("schemas/events.json").path)
    }

    /// The Sink's layout: the event fields, then the metadata columns, partitioned by day on
    /// occurred_at, clustered on event_type and user_id, a partition filter required.
    static func sinkTable() throws -> TableDefinition {
        let events = try eventsDefinition()
        let metadata = [
            TableFieldSchema(name: "subscription_name", type: .string), TableFieldSchema(name: "message_id", type: .string),
            TableFieldSchema(name: "publish_time", type: .timestamp), TableFieldSchema(name: "attributes", type: .json),
        ]
        return TableDefinition(
            schema: TableSchema(fields: events.schema.fields + metadata),
            timePartitioning: .init(granularity: .day, field: "occurred_at"), clustering: ["event_type", "user_id"],
            requirePartitionFilter: true)
    }

    static func configuration(port: Int = 0) throws -> APIConfiguration {
        var configuration = APIConfiguration(
            topic: topic, dataset: dataset, table: table, definition: try eventsDefinition(),
            authentication: .apiKeys(APIKeys([(ingestKey, .ingest), (readKey, .read), (bothKey, APIScope([.ingest, .read]))])),
            port: port)
        configuration.unavailableRetryAfter = .seconds(3)
        configuration.renderMetrics = { "# metrics rendered by the process\n" }
        return configuration
    }

    // MARK: calls

    func call(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], body: [UInt8]? = nil
    ) async throws -> APIAnswer {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(apiPort)\(path)")
        request.method = method
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body { request.body = .bytes(body) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = Array(try await response.body.collect(upTo: 16 << 20).readableBytesView)
        return APIAnswer(status: Int(response.status.code), headers: response.headers, bytes: bytes)
    }

    func ingest(_ body: JSONValue, key: String? = APIHarness.ingestKey, headers: [(String, String)] = []) async throws -> APIAnswer {
        var all = [("Content-Type", "application/json")] + headers
        if let key { all.append(("X-API-Key", key)) }
        return try await call(.POST, "/ingestData", headers: all, body: body.encodedBytes())
    }

    /// `/getData?query` (the query string as given, already encoded).
    func read(_ query: String = "", key: String? = APIHarness.readKey) async throws -> APIAnswer {
        try await call(.GET, "/getData" + (query.isEmpty ? "" : "?" + query), headers: key.map { [("X-API-Key", $0)] } ?? [])
    }

    /// Every message on the check subscription now (acknowledged, so the next pull sees only new ones).
    func pullAll() async throws -> [PubSubReceivedMessage] {
        var received: [PubSubReceivedMessage] = []
        while true {
            let batch = try await pubSub.pull(subscription: Self.subscription, maxMessages: 1000, returnImmediately: true)
            if batch.isEmpty { return received }
            received += batch
            try await pubSub.acknowledge(subscription: Self.subscription, ackIds: batch.map(\.ackId))
        }
    }

    // MARK: emulator administration

    @discardableResult
    func admin(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(emulatorPort)\(path)")
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body.encodedBytes())
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = Array(try await response.body.collect(upTo: 1 << 20).readableBytesView)
        guard response.status.code < 300 else { throw HarnessError("\(method) \(path): \(response.status)") }
        return (try? JSONValue(parsing: bytes)) ?? .null
    }

    /// Makes the emulator answer calls whose path matches `path` with `status`, `times` times.
    func injectFault(method: String? = nil, path: String, status: Int, times: Int) async throws {
        var rule: JSONObject = ["path": .string(path), "status": .int(Int64(status)), "times": .int(Int64(times))]
        if let method { rule["method"] = .string(method) }
        try await admin(.POST, "/emulator/v1/faults", .object(rule))
    }

    func clearFaults() async throws { try await admin(.DELETE, "/emulator/v1/faults") }

    /// Counts calls matching `path` from now on (a 1 ms latency rule records its matches).
    func countCalls(method: String, path: String) async throws {
        try await admin(.POST, "/emulator/v1/faults", ["method": .string(method), "path": .string(path), "latencyMs": 1])
    }

    func matchedCalls() async throws -> Int {
        let faults = try await admin(.GET, "/emulator/v1/faults")
        return faults["faults"]?.arrayValue?.compactMap { $0["matched"]?.int64Value }.reduce(0) { $0 + Int($1) } ?? 0
    }

    /// Rows straight into the table, as the Sink writes them.
    func insert(_ events: [JSONObject]) async throws {
        let result = try await bigQuery.insertAll(
            dataset: Self.dataset, table: Self.table,
            rows: events.map { InsertRow(insertId: $0["event_id"]?.stringValue, json: $0) })
        guard result.failures.isEmpty else { throw HarnessError("insertAll: \(result.failures)") }
    }

    func tableRowCount() async throws -> Int64 {
        let result = try await bigQuery.query(
            "SELECT COUNT(*) AS n FROM `\(Self.project).\(Self.dataset).\(Self.table)` WHERE occurred_at >= TIMESTAMP '1970-01-01'")
        guard case .int64(let count)? = result.value("n", row: 0) else { throw HarnessError("no count") }
        return count
    }
}

/// Runs `body` with the emulator and the API on ephemeral loopback ports.
func withAPI(
    clock: some Clock<Duration> = ContinuousClock(), wallClock: any WallClock = SystemWallClock(), metrics: (any MetricsFactory)? = nil,
    configure: @Sendable (inout APIConfiguration) -> Void = { _ in },
    _ body: @escaping @Sendable (APIHarness) async throws -> Void
) async throws {
    var emulatorConfiguration = EmulatorConfiguration()
    emulatorConfiguration.pubSub = PubSubEmulatorConfiguration(pullWait: .milliseconds(100))
    let emulator = try LocalEmulator(configuration: emulatorConfiguration)
    var emulatorLogger = Logger(label: "LocalEmulator")
    emulatorLogger.logLevel = .warning
    try await emulator.makeApplication(logger: emulatorLogger).test(.live) { emulatorClient in
        guard let emulatorPort = emulatorClient.port else { throw HarnessError("no emulator port") }
        let endpoint = RESTEndpoint.emulator(host: "127.0.0.1:\(emulatorPort)")
        var logger = Logger(label: "APITests")
        logger.logLevel = .error
        let pubSub = PubSubClient(httpClient: .shared, projectId: APIHarness.project, endpoint: endpoint, retryPolicy: .none, logger: logger)
        let bigQuery = BigQueryClient(
            httpClient: .shared, projectId: APIHarness.project, endpoint: endpoint, retryPolicy: .none, logger: logger)
        _ = try await pubSub.createTopic(APIHarness.topic)
        _ = try await pubSub.createSubscription(APIHarness.subscription, settings: .init(topic: APIHarness.topic))
        _ = try await bigQuery.ensureDataset(APIHarness.dataset)
        _ = try await bigQuery.ensureTable(dataset: APIHarness.dataset, table: APIHarness.table, definition: try APIHarness.sinkTable())
        var configuration = try APIHarness.configuration()
        configure(&configuration)
        let api = try APIService(
            configuration: configuration, bigQuery: bigQuery, pubSub: pubSub, clock: clock, wallClock: wallClock, metricsFactory: metrics,
            logger: logger)
        try await api.makeApplication().test(.live) { apiClient in
            guard let apiPort = apiClient.port else { throw HarnessError("no API port") }
            try await body(APIHarness(emulatorPort: emulatorPort, apiPort: apiPort, pubSub: pubSub, bigQuery: bigQuery))
        }
    }
}

/// Events built in code: `event(3)` is a valid event whose id and time follow from 3.
enum Events {
    /// 2026-11-30T10:00:00Z.
    static let baseMicros: Int64 = 1_796_032_800_000_000

    static func event(_ index: Int, type: String = "click", user: String? = "user-1", at micros: Int64? = nil) -> JSONObject {
        var event: JSONObject = [
            "event_id": .string("event-\(index)"), "event_type": .string(type),
            "occurred_at": .string(rfc3339(micros ?? baseMicros + Int64(index) * 1_000_000)),
            "payload": ["n": .int(Int64(index)), "tags": ["a", "b"]],
        ]
        if let user { event["user_id"] = .string(user) }
        return event
    }

    static func rfc3339(_ micros: Int64) -> String {
        let days = CivilTime.floorDiv(micros, CivilTime.microsPerDay)
        return CivilTime.formatDate(days: days) + "T" + CivilTime.formatTimeOfDay(micros: micros - days * CivilTime.microsPerDay) + "Z"
    }

    /// A window around the fixture events, as query parameters.
    static let window = "from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z"
}
