import Testing
import WireJSON

@Suite("Pub/Sub unavailable")
struct PubSubOutageTests {
    @Test func publishFailuresAnswer503WithRetryAfterPublishNothingAndRecover() async throws {
        try await withAPI { (api: APIHarness) async throws in
            try await api.injectFault(path: ":publish$", status: 503, times: 1000)
            let events: JSONValue = .array((0..<5).map { .object(Events.event($0)) })
            let answer = try await api.ingest(events)
            #expect(answer.status == 503)
            #expect(answer.headers.first(name: "Retry-After") == "3")
            #expect(answer.json["error"]?["status"] == "UNAVAILABLE")
            try await api.clearFaults()
            #expect(try await api.pullAll().isEmpty)

            // The same request again, the outage over, with no restart.
            let retried = try await api.ingest(events)
            #expect(retried.status == 202)
            #expect(try await api.pullAll().count == 5)
        }
    }
}
