import TestSupport
import Testing
import WireJSON

@Suite("Rate limiting")
struct RateLimitTests {
    @Test func eachKeyHasItsOwnBucketAndA429SaysWhenToComeBack() async throws {
        let clock = RecordingClock()
        try await withAPI(clock: clock, configure: { $0.rateLimit = .init(requestsPerSecond: 0.5, burst: 2) }) { (api: APIHarness) async throws in
            #expect(try await api.ingest(.object(Events.event(1))).status == 202)
            #expect(try await api.ingest(.object(Events.event(2))).status == 202)
            let limited = try await api.ingest(.object(Events.event(3)))
            #expect(limited.status == 429)
            #expect(limited.headers.first(name: "Retry-After") == "2")
            #expect(limited.json["error"]?["status"] == "RESOURCE_EXHAUSTED")
            // Another key is another caller.
            #expect(try await api.ingest(.object(Events.event(3)), key: APIHarness.bothKey).status == 202)
            clock.advance(by: .seconds(2))
            #expect(try await api.ingest(.object(Events.event(3))).status == 202)
            #expect(try await api.pullAll().count == 4)
        }
    }

    @Test func withoutAuthenticationCallersAreLimitedByAddress() async throws {
        try await withAPI(
            clock: RecordingClock(),
            configure: {
                $0.authentication = .disabled
                $0.rateLimit = .init(requestsPerSecond: 1, burst: 1)
            }
        ) { (api: APIHarness) async throws in
            #expect(try await api.read(Events.window, key: nil).status == 200)
            let limited = try await api.read(Events.window, key: nil)
            #expect(limited.status == 429)
            #expect(limited.headers.first(name: "Retry-After") == "1")
        }
    }
}
