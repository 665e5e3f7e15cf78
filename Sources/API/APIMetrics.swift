import CoreMetrics
import Metrics
import Synchronization

/// The API's metrics, through swift-metrics: whatever factory the process bootstraps (Prometheus in
/// production) or a test factory.
///
/// Routes are the API's fixed paths (anything else is `other`), so label values stay bounded.
struct APIMetrics: Sendable {
    let factory: any MetricsFactory
    let inFlight: Meter
    let cacheHits: Counter
    let cacheMisses: Counter
    let publishLatency: Timer
    let publishFailures: Counter

    init(factory: any MetricsFactory) {
        self.factory = factory
        inFlight = Meter(label: "api_requests_in_flight", factory: factory)
        cacheHits = Counter(label: "api_read_cache_hits_total", factory: factory)
        cacheMisses = Counter(label: "api_read_cache_misses_total", factory: factory)
        publishLatency = Timer(label: "api_publish_duration_seconds", factory: factory)
        publishFailures = Counter(label: "api_publish_failures_total", factory: factory)
    }

    static let routes: Set<String> = ["/ingestData", "/getData", "/healthz", "/readyz", "/metrics", "/openapi.yaml"]

    static func route(of path: String) -> String { routes.contains(path) ? path : "other" }

    func record(route: String, method: String, status: Int, duration: Duration) {
        let handles = perRequest.handles(route: route, method: method, status: status, factory: factory)
        handles.requests.increment()
        handles.errors?.increment()
        handles.duration.record(duration: duration)
    }

    /// The per-request metrics by route, method and status, made once each: asking the factory on
    /// every request built label strings and took its lock, a measurable share of a cache hit.
    private let perRequest = RequestMetricHandles()
}

/// The counters and timer of one (route, method, status); at most a few hundred combinations, since
/// routes are the API's own paths (or `other`), and methods and statuses are HTTP's.
final class RequestMetricHandles: Sendable {
    struct Key: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    struct Handles: Sendable {
        var requests: Counter
        var errors: Counter?
        var duration: Timer
    }

    private let handles = Mutex<[Key: Handles]>([:])

    func handles(route: String, method: String, status: Int, factory: any MetricsFactory) -> Handles {
        let key = Key(route: route, method: method, status: status)
        return handles.withLock { known in
            if let made = known[key] { return made }
            // Made once per key, under the lock (a few hundred keys at most), and kept for the next
            // request. (Reading `known[key, default: made]` used to store nothing, so every request made
            // its handles again: 160 factory calls for 70 requests.)
            let dimensions = [("route", route), ("method", method), ("status", String(status))]
            let made = Handles(
                requests: Counter(label: "api_requests_total", dimensions: dimensions, factory: factory),
                errors: status >= 400 ? Counter(label: "api_request_errors_total", dimensions: dimensions, factory: factory) : nil,
                duration: Timer(label: "api_request_duration_seconds", dimensions: [("route", route), ("method", method)], factory: factory))
            known[key] = made
            return made
        }
    }
}
