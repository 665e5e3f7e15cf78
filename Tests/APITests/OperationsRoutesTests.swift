import AsyncHTTPClient
import MetricsTestKit
import NIOCore
import Testing
import WireJSON

@Suite("Health, readiness, metrics and request ids")
struct OperationsRoutesTests {
    @Test func healthAndMetricsAnswerAndEveryResponseHasARequestId() async throws {
        try await withAPI { (api: APIHarness) async throws in
            let health = try await api.call(.GET, "/healthz")
            #expect(health.status == 200)
            #expect(health.json == ["status": "ok"])
            let metrics = try await api.call(.GET, "/metrics")
            #expect(metrics.status == 200)
            #expect(metrics.text == "# metrics rendered by the process\n")
            let missing = try await api.call(.GET, "/nowhere")
            #expect(missing.status == 404)
            #expect(missing.json["error"]?["status"] == "NOT_FOUND")
            for answer in [health, metrics, missing] { #expect(answer.headers.first(name: "X-Request-Id")?.isEmpty == false) }
            let echoed = try await api.call(.GET, "/healthz", headers: [("X-Request-Id", "caller-chosen-42")])
            #expect(echoed.headers.first(name: "X-Request-Id") == "caller-chosen-42")
            #expect(health.headers.first(name: "Access-Control-Allow-Origin") == nil)
        }
    }

    @Test func requestsErrorsLatencyAndCacheHitsAreCountedPerRouteAndStatus() async throws {
        let metrics = TestMetrics()
        // A cache entry that outlives the test: with the default 2 s, a test process stalled between the
        // two reads by hundreds of others counted two misses.
        try await withAPI(metrics: metrics, configure: { $0.cache.ttl = .seconds(600) }) { (api: APIHarness) async throws in
            _ = try await api.ingest(.object(Events.event(1)))
            _ = try await api.ingest(.object(Events.event(2)), key: nil)
            _ = try await api.read(Events.window)
            _ = try await api.read(Events.window)
            #expect(
                metrics.counterTotal(label: "api_requests_total", dimensions: [("route", "/ingestData"), ("method", "POST"), ("status", "202")]) == 1)
            #expect(
                metrics.counterTotal(
                    label: "api_request_errors_total", dimensions: [("route", "/ingestData"), ("method", "POST"), ("status", "401")]) == 1)
            #expect(
                metrics.counterTotal(label: "api_requests_total", dimensions: [("route", "/getData"), ("method", "GET"), ("status", "200")]) == 2)
            #expect(try metrics.expectTimer("api_request_duration_seconds", [("route", "/getData"), ("method", "GET")]).values.count == 2)
            #expect(try metrics.expectTimer("api_publish_duration_seconds").values.count == 1)
            #expect(metrics.counterTotal(label: "api_read_cache_hits_total") == 1)
            #expect(metrics.counterTotal(label: "api_read_cache_misses_total") == 1)
            #expect(try metrics.expectMeter("api_requests_in_flight").lastValue == 0)
        }
    }

    @Test func corsHeadersOnlyForConfiguredOrigins() async throws {
        try await withAPI(configure: { $0.corsAllowedOrigins = ["https://app.example"] }) { (api: APIHarness) async throws in
            let allowed = try await api.call(.GET, "/healthz", headers: [("Origin", "https://app.example")])
            #expect(allowed.headers.first(name: "Access-Control-Allow-Origin") == "https://app.example")
            let other = try await api.call(.GET, "/healthz", headers: [("Origin", "https://evil.example")])
            #expect(other.headers.first(name: "Access-Control-Allow-Origin") == nil)
        }
    }

    @Test func headersOverTheLimitAreNotServed() async throws {
        try await withAPI(configure: { $0.maxHeaderBytes = 4096 }) { (api: APIHarness) async throws in
            // The decoder refuses the request; the answer says why, in the API's JSON error shape.
            let answer = try await api.call(.GET, "/healthz", headers: [("X-Padding", String(repeating: "p", count: 8192))])
            #expect(answer.status == 431)
            #expect(answer.headers.first(name: "Content-Type") == "application/json")
            #expect(answer.json["error"]?["code"]?.int64Value == 431)
            #expect(answer.json["error"]?["message"]?.stringValue?.contains("4096 bytes") == true)
            let longLine = try await api.call(.GET, "/getData?event_type=\(String(repeating: "e", count: 8192))")
            #expect(longLine.status == 431)
            #expect(longLine.json["error"]?["status"]?.stringValue == "INVALID_ARGUMENT")
            let small = try await api.call(.GET, "/healthz", headers: [("X-Padding", String(repeating: "p", count: 1024))])
            #expect(small.status == 200)
        }
    }

    @Test func aBodyTrickledPastTheRequestTimeLimitIsCutOff() async throws {
        try await withAPI(configure: { $0.requestTimeout = .milliseconds(500) }) { (api: APIHarness) async throws in
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(api.apiPort)/ingestData")
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.headers.add(name: "X-API-Key", value: APIHarness.ingestKey)
            // Declares 100 bytes and sends one every 400 ms: 40 s if nothing stopped it.
            let trickle = AsyncStream<ByteBuffer> { continuation in
                Task {
                    for _ in 0..<100 {
                        continuation.yield(ByteBuffer(string: " "))
                        try? await Task.sleep(for: .milliseconds(400))
                    }
                    continuation.finish()
                }
            }
            request.body = .stream(trickle, length: .known(Int64(100)))
            let start = ContinuousClock.now
            let answer = try? await HTTPClient.shared.execute(request, timeout: .seconds(60))
            #expect(answer == nil || answer!.status.code >= 400)
            // A quarter of the trickle: cut off, with room for a machine busy with every other test.
            #expect(ContinuousClock.now - start < .seconds(10))
        }
    }
}
