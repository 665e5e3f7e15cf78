import Hummingbird
import Synchronization
import WireJSON

/// `/readyz`: are Pub/Sub (the topic) and BigQuery (the table) reachable? Answers are reused for a
/// short while and one check runs at a time, so a load balancer's probes cost the backends little.
final class Readiness: Sendable {
    struct Check: Sendable {
        var name: String
        var probe: @Sendable () async throws -> Void
    }

    private let checks: [Check]
    private let cache: ReadCache<[String: String]>
    private let retryAfter: Duration

    init(checks: [Check], ttl: Duration, stopwatch: Stopwatch, retryAfter: Duration) {
        self.checks = checks
        self.retryAfter = retryAfter
        cache = ReadCache(configuration: .init(ttl: ttl, maxEntries: 1, maxBytes: .max), stopwatch: stopwatch, size: { _ in 1 })
    }

    /// Each check's outcome: `ok`, or why not.
    func outcomes() async -> [String: String] {
        let checks = checks
        let result = try? await cache.value(for: "readiness") {
            await withTaskGroup(of: (String, String).self) { group in
                for check in checks {
                    group.addTask {
                        do {
                            try await check.probe()
                            return (check.name, "ok")
                        } catch {
                            return (check.name, "unavailable: \(error)")
                        }
                    }
                }
                var outcomes: [String: String] = [:]
                for await (name, outcome) in group { outcomes[name] = outcome }
                return outcomes
            }
        }
        return result?.value ?? [:]
    }

    func response() async -> Response {
        let outcomes = await outcomes()
        let ready = outcomes.count == checks.count && outcomes.values.allSatisfy { $0 == "ok" }
        let body: JSONValue = [
            "status": .string(ready ? "ready" : "not ready"),
            "checks": .object(JSONObject(outcomes.sorted { $0.key < $1.key }.map { (key: $0.key, value: .string($0.value)) })),
        ]
        var response = jsonResponse(body, status: ready ? .ok : .serviceUnavailable)
        if !ready { response.headers[.retryAfter] = String(APIProblem.wholeSeconds(retryAfter)) }
        return response
    }
}
