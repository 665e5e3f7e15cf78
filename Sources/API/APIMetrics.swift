import CoreMetrics
import Metrics

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
        let dimensions = [("route", route), ("method", method), ("status", String(status))]
        Counter(label: "api_requests_total", dimensions: dimensions, factory: factory).increment()
        if status >= 400 {
            Counter(label: "api_request_errors_total", dimensions: dimensions, factory: factory).increment()
        }
        Timer(label: "api_request_duration_seconds", dimensions: [("route", route), ("method", method)], factory: factory)
            .record(duration: duration)
    }
}
