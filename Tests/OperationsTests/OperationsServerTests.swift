import AsyncHTTPClient
import Foundation
import Logging
import Metrics
import NIOCore
import Prometheus
import ServiceLifecycle
import Synchronization
import Testing
import WireJSON

@testable import Operations

/// A GET's status, content type and body.
struct Fetched: Sendable {
    var status: Int
    var contentType: String?
    var body: String

    var json: JSONValue? { try? JSONValue(parsing: Array(body.utf8)) }
}

/// Runs a real OperationsServer on 127.0.0.1 on a free port for the duration of `body`.
func withOperationsServer(
    readiness: @escaping @Sendable () async -> Readiness = { .ready }, registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(),
    _ body: @Sendable (_ get: @escaping @Sendable (String) async throws -> Fetched) async throws -> Void
) async throws {
    let server = OperationsServer(configuration: OperationsConfiguration(host: "127.0.0.1", port: 0, readiness: readiness, registry: registry))
    let group = ServiceGroup(configuration: .init(services: [server], logger: Logger(label: "test")))
    try await withThrowingTaskGroup(of: Void.self) { tasks in
        tasks.addTask { try await group.run() }
        let port = try #require(await server.listeningPort())
        #expect(port > 0)
        let get: @Sendable (String) async throws -> Fetched = { path in
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"), timeout: .seconds(10))
            let bytes = try await response.body.collect(upTo: 10 * 1024 * 1024)
            return Fetched(
                status: Int(response.status.code), contentType: response.headers.first(name: "content-type"),
                body: String(buffer: bytes))
        }
        do {
            try await body(get)
        } catch {
            await group.triggerGracefulShutdown()
            throw error
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
    }
}

@Suite("Operations server")
struct OperationsServerTests {
    @Test("/healthz answers 200 while the process is up")
    func healthz() async throws {
        try await withOperationsServer { get in
            let reply = try await get("/healthz")
            #expect(reply.status == 200)
            #expect(reply.json?["status"]?.stringValue == "ok")
        }
    }

    @Test("/readyz follows the readiness closure: 503 with the reasons, then 200")
    func readyzFlips() async throws {
        let state = ReadinessState(Readiness(isReady: false, reasons: ["no successful pull yet", "table not ensured"]))
        try await withOperationsServer(readiness: { state.value }) { get in
            let notReady = try await get("/readyz")
            #expect(notReady.status == 503)
            #expect(notReady.contentType == "application/json")
            #expect(notReady.json?["reasons"]?.arrayValue?.compactMap(\.stringValue) == ["no successful pull yet", "table not ensured"])
            state.value = .ready
            let ready = try await get("/readyz")
            #expect(ready.status == 200)
            #expect(ready.json?["status"]?.stringValue == "ready")
            state.value = Readiness(isReady: false, reasons: ["insertAll failing for 60 s"])
            #expect(try await get("/readyz").status == 503)
        }
    }

    @Test("/metrics shows a counter incremented through swift-metrics, in Prometheus text")
    func metricsShowsCounter() async throws {
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusMetrics.makeFactory(registry: registry)
        let counter = Counter(label: "sink_messages_acked_total", factory: factory)
        counter.increment(by: 3)
        try await withOperationsServer(registry: registry) { get in
            let first = try await get("/metrics")
            #expect(first.status == 200)
            #expect(first.contentType == PrometheusMetrics.contentType)
            #expect(first.body.contains("sink_messages_acked_total 3\n"))
            counter.increment(by: 2)
            #expect(try await get("/metrics").body.contains("sink_messages_acked_total 5\n"))
        }
    }

    @Test("timers and recorders become histograms with the latency and size buckets")
    func histogramBuckets() async throws {
        let registry = PrometheusCollectorRegistry()
        let factory = PrometheusMetrics.makeFactory(registry: registry)
        Metrics.Timer(label: "sink_insert_duration_seconds", factory: factory).recordMilliseconds(30)
        Recorder(label: "sink_batch_bytes", factory: factory).record(3_000_000)
        try await withOperationsServer(registry: registry) { get in
            let text = try await get("/metrics").body
            #expect(text.contains("sink_insert_duration_seconds_bucket{le=\"0.05\"} 1"))
            #expect(text.contains("sink_insert_duration_seconds_bucket{le=\"0.025\"} 0"))
            #expect(text.contains("sink_batch_bytes_bucket{le=\"5000000.0\"} 1"))
            #expect(text.contains("sink_batch_bytes_bucket{le=\"2500000.0\"} 0"))
        }
    }

    @Test("nothing else is routed", arguments: ["/", "/ingestData", "/metrics/extra", "/healthz/x"])
    func otherPathsAre404(path: String) async throws {
        try await withOperationsServer { get in
            let reply = try await get(path)
            #expect(reply.status == 404)
        }
    }

    @Test("with port 0 each server gets a free port of its own, which it reports")
    func ephemeralPorts() async throws {
        try await withOperationsServer { first in
            try await withOperationsServer { second in
                let (one, two) = (try await first("/healthz"), try await second("/healthz"))
                #expect(one.status == 200 && two.status == 200)
            }
        }
    }
}

/// A readiness the test changes while the server runs.
final class ReadinessState: Sendable {
    private let state: Mutex<Readiness>

    init(_ initial: Readiness) { state = Mutex(initial) }

    var value: Readiness {
        get { state.withLock { $0 } }
        set { state.withLock { $0 = newValue } }
    }
}
