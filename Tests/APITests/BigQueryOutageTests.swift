import Testing
import WireJSON

@Suite("BigQuery unavailable")
struct BigQueryOutageTests {
    @Test func readsAnswer503WithRetryAfterAndRecover() async throws {
        try await withAPI { (api: APIHarness) async throws in
            try await api.insert([Events.event(1)])
            try await api.injectFault(path: "/queries", status: 503, times: 1000)
            let down = try await api.read(Events.window)
            #expect(down.status == 503)
            #expect(down.headers.first(name: "Retry-After") == "3")
            #expect(down.json["error"]?["status"] == "UNAVAILABLE")
            // A failure is not cached: the next identical read asks BigQuery again.
            try await api.clearFaults()
            let up = try await api.read(Events.window)
            #expect(up.status == 200)
            #expect(up.json["rows"]?.arrayValue?.count == 1)
        }
    }

    @Test func readinessReportsEachDependency() async throws {
        try await withAPI(configure: { $0.readinessCacheTTL = .zero }) { (api: APIHarness) async throws in
            let ready = try await api.call(.GET, "/readyz")
            #expect(ready.status == 200)
            #expect(ready.json["checks"] == ["bigquery": "ok", "pubsub": "ok"])
            try await api.injectFault(path: "/tables/", status: 503, times: 1000)
            let notReady = try await api.call(.GET, "/readyz")
            #expect(notReady.status == 503)
            #expect(notReady.headers.first(name: "Retry-After") == "3")
            #expect(notReady.json["checks"]?["pubsub"] == "ok")
            try await api.clearFaults()
            #expect(try await api.call(.GET, "/readyz").status == 200)
        }
    }
}
