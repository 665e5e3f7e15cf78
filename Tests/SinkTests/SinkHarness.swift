import AsyncHTTPClient
import Foundation
import GoogleAuth
import GoogleREST
import Hummingbird
import HummingbirdTesting
import LocalEmulator
import Logging
import Metrics
import MetricsTestKit
import PubSubClient
import ServiceLifecycle
import Sink
import WarehouseClient
import WireJSON

struct SinkTestError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The emulator on an ephemeral loopback port, the production clients for it (without their own
/// retries: the Sink's are under test), and the topics and subscriptions a Sink needs.
struct SinkHarness: Sendable {
    let port: Int
    let pubSub: PubSubClient
    let bigQuery: BigQueryClient
    /// The emulator's time of day when the test moves it (ack deadlines), else nil.
    let wallClock: ManualWallClock?

    static let topic = "events"
    static let subscription = "events-sub"
    static let deadLetterTopic = "events-dead"
    static let deadLetterSubscription = "events-dead-sub"

    func makeSink(
        _ configuration: SinkConfiguration, clock: any Clock<Duration> = ContinuousClock(), metrics: TestMetrics = TestMetrics(),
        logs: LogRecord? = nil
    ) -> Sink {
        var logger = logs?.logger ?? Logger(label: "sink-test")
        if logs == nil { logger.logLevel = .warning }
        return Sink(
            configuration: configuration, pubSub: pubSub, bigQuery: bigQuery, clock: clock, wallClock: wallClock ?? SystemWallClock(),
            logger: logger, metricsFactory: metrics)
    }

    @discardableResult
    func admin(_ method: String, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = .init(rawValue: method)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body.encodedBytes())
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = Array(try await response.body.collect(upTo: 1 << 20).readableBytesView)
        guard response.status.code < 300 else { throw SinkTestError("\(method) \(path): \(response.status)") }
        return bytes.isEmpty ? .null : try JSONValue(parsing: bytes)
    }

    /// Fails `fraction` of the calls matching `path` (a regular expression) with `status`.
    func injectFault(method: String? = nil, path: String, status: Int? = nil, fraction: Double = 1, latencyMs: Int? = nil) async throws {
        var rule: JSONObject = ["path": .string(path), "fraction": .double(fraction)]
        if let status { rule["status"] = .int(Int64(status)) }
        if let method { rule["method"] = .string(method) }
        if let latencyMs { rule["latencyMs"] = .int(Int64(latencyMs)) }
        try await admin("POST", "/emulator/v1/faults", .object(rule))
    }

    func clearFaults() async throws { try await admin("DELETE", "/emulator/v1/faults") }

    /// Calls each fault rule matched and failed, summed.
    func injectedFaults() async throws -> Int {
        let faults = try await admin("GET", "/emulator/v1/faults")
        return faults["faults"]?.arrayValue?.compactMap { $0["injected"]?.int64Value }.reduce(0) { $0 + Int($1) } ?? 0
    }

    /// Calls each fault rule matched (failed or only delayed), summed: a rule with a 1 ms latency counts calls.
    func matchedFaultRules() async throws -> Int {
        let faults = try await admin("GET", "/emulator/v1/faults")
        return faults["faults"]?.arrayValue?.compactMap { $0["matched"]?.int64Value }.reduce(0) { $0 + Int($1) } ?? 0
    }

    func createTopics(ackDeadline: Duration = .seconds(10)) async throws {
        try await pubSub.createTopic(Self.topic)
        try await pubSub.createTopic(Self.deadLetterTopic)
        try await pubSub.createSubscription(Self.subscription, settings: .init(topic: Self.topic, ackDeadline: ackDeadline))
        try await pubSub.createSubscription(Self.deadLetterSubscription, settings: .init(topic: Self.deadLetterTopic))
    }

    func publish(_ texts: [String], attributes: [String: String] = [:]) async throws {
        for start in stride(from: 0, to: texts.count, by: 1000) {
            let messages = texts[start..<min(start + 1000, texts.count)].map { PubSubMessage(text: $0, attributes: attributes) }
            _ = try await pubSub.publish(topic: Self.topic, messages: Array(messages))
        }
    }

    /// The table's rows (every partition), by column name.
    func rows(columns: String = "*") async throws -> [[String: BigQueryValue]] {
        let result = try await bigQuery.query(
            "SELECT \(columns) FROM analytics.events WHERE occurred_at >= TIMESTAMP '2000-01-01'", options: .init(maxRows: 1_000_000))
        return result.rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(result.schema.fields.map(\.name), row))
        }
    }

    func counts() async throws -> (rows: Int, distinct: Int) {
        let result = try await bigQuery.query(
            "SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS d FROM analytics.events WHERE occurred_at >= TIMESTAMP '2000-01-01'")
        guard case .int64(let rows)? = result.value("n", row: 0), case .int64(let distinct)? = result.value("d", row: 0) else {
            throw SinkTestError("no counts")
        }
        return (Int(rows), Int(distinct))
    }

    /// Rows stored, or 0 while the table does not exist yet.
    func storedCount() async -> Int { (try? await counts().rows) ?? 0 }

    /// Every dead letter published so far (pulled and acked).
    func drainDeadLetters() async throws -> [PubSubReceivedMessage] {
        var letters: [PubSubReceivedMessage] = []
        while true {
            let batch = try await pubSub.pull(subscription: Self.deadLetterSubscription, maxMessages: 1000, returnImmediately: true)
            if batch.isEmpty { return letters }
            letters += batch
            try await pubSub.acknowledge(subscription: Self.deadLetterSubscription, ackIds: batch.map(\.ackId))
        }
    }

    /// Waits out the emulator's side of pulls whose client went away (a stopped Sink's): each may
    /// still lease messages until its long-poll wait (100 ms) ends, as Pub/Sub itself may.
    func letAbandonedPullsEnd() async throws { try await Task.sleep(for: .milliseconds(300)) }

    /// Polls `condition` every 20 ms until it holds; throws after `timeout` (generous: these machines
    /// are shared, and a loaded one is slow, not wrong).
    func waitUntil(_ what: String, timeout: Duration = .seconds(120), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw SinkTestError("timed out waiting until \(what)")
    }

    /// Runs the Sink in a ServiceGroup during `body`, then shuts it down gracefully and waits for it.
    func running(_ sink: Sink, _ body: () async throws -> Void) async throws {
        let group = ServiceGroup(configuration: .init(services: [sink], logger: Logger(label: "sink-test-group")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                try await body()
            } catch {
                await group.triggerGracefulShutdown()
                try? await tasks.waitForAll()
                throw error
            }
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }
}

/// Starts an emulator (with `wallClock` as its time of day when given) and the harness on it.
func withSinkHarness(
    wallClock: ManualWallClock? = nil, ackDeadline: Duration = .seconds(10), _ body: @escaping @Sendable (SinkHarness) async throws -> Void
) async throws {
    var configuration = EmulatorConfiguration()
    configuration.pubSub = PubSubEmulatorConfiguration(pullWait: .milliseconds(100))
    if let wallClock { configuration.clock = wallClock }
    let emulator = try LocalEmulator(configuration: configuration)
    try await emulator.makeApplication().test(.live) { client in
        guard let port = client.port else { throw SinkTestError("no port") }
        let endpoint = RESTEndpoint.emulator(host: "127.0.0.1:\(port)")
        let harness = SinkHarness(
            port: port,
            pubSub: PubSubClient(httpClient: .shared, projectId: "test-project", endpoint: endpoint, retryPolicy: .none),
            bigQuery: BigQueryClient(httpClient: .shared, projectId: "test-project", endpoint: endpoint, retryPolicy: .none),
            wallClock: wallClock)
        try await harness.createTopics(ackDeadline: ackDeadline)
        try await body(harness)
    }
}

extension SinkFixtures {
    /// A configuration for tests: fast batches and backoff, short deadlines.
    static func testConfiguration(_ change: (inout SinkConfiguration) -> Void = { _ in }) -> SinkConfiguration {
        var configuration = SinkConfiguration(
            subscription: SinkHarness.subscription, dataset: "analytics", table: "events", deadLetterTopic: SinkHarness.deadLetterTopic,
            schema: schema)
        configuration.maxBatchAge = .milliseconds(50)
        configuration.initialBackoff = .milliseconds(5)
        configuration.maxBackoff = .milliseconds(100)
        configuration.maxRetryDuration = .seconds(20)
        configuration.leaseExtension = .seconds(10)
        configuration.shutdownDeadline = .seconds(5)
        change(&configuration)
        return configuration
    }
}
