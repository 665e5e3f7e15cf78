import Metrics
import Prometheus
import Synchronization

/// swift-metrics on swift-prometheus: one registry that `/metrics` renders.
public enum PrometheusMetrics {
    /// Histogram buckets for latencies, in seconds: from a millisecond (an insertAll on loopback) to
    /// a minute (a batch retried through an outage), dense around the freshness SLO (2 s).
    public static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .milliseconds(750), .seconds(1), .milliseconds(1500),
        .seconds(2), .seconds(3), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
    ]

    /// Histogram buckets for sizes (rows of a batch, bytes of a request): from one to insertAll's
    /// 10 MB limit, roughly a factor of 2.5 apart.
    public static let sizeBuckets: [Double] = [
        1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000,
        1_000_000, 2_500_000, 5_000_000, 10_000_000,
    ]

    /// A factory on `registry` with the buckets above (Timers use `latencyBuckets`, aggregating
    /// Recorders `sizeBuckets`).
    public static func makeFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = latencyBuckets
        factory.defaultValueHistogramBuckets = sizeBuckets
        return factory
    }

    private static let bootstrapped = Mutex<PrometheusCollectorRegistry?>(nil)

    /// Bootstraps swift-metrics process-wide on a new registry and returns it. swift-metrics allows
    /// one bootstrap per process, so later calls return the first registry instead of crashing.
    public static func bootstrap() -> PrometheusCollectorRegistry {
        bootstrapped.withLock { existing in
            if let existing { return existing }
            let registry = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(makeFactory(registry: registry))
            existing = registry
            return registry
        }
    }

    /// The Prometheus text exposition (format 0.0.4) of everything in `registry`.
    public static func render(_ registry: PrometheusCollectorRegistry) -> [UInt8] {
        registry.emitToBuffer()
    }

    /// The Content-Type of `render`'s output.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"
}
