import Prometheus

/// Where the operations endpoints listen and what they report.
public struct OperationsConfiguration: Sendable {
    /// All interfaces by default: Cloud Run sends its probes and scrapes from outside the container.
    public var host: String
    /// 8080, Cloud Run's default `PORT`; 0 picks a free port (see `OperationsServer.listeningPort()`).
    public var port: Int
    /// Asked on every `/readyz`; keep it cheap (it runs on each probe).
    public var readiness: @Sendable () async -> Readiness
    /// What `/metrics` renders; by default the registry `PrometheusMetrics.bootstrap()` set up.
    public var registry: PrometheusCollectorRegistry

    public init(
        host: String = "0.0.0.0", port: Int = 8080, readiness: @escaping @Sendable () async -> Readiness = { .ready },
        registry: PrometheusCollectorRegistry = PrometheusMetrics.bootstrap()
    ) {
        self.host = host
        self.port = port
        self.readiness = readiness
        self.registry = registry
    }
}
