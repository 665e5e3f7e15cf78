import GoogleAuth
import Logging
import PubSubClient
import ServiceLifecycle
import WarehouseClient

/// Pulls a subscription and writes its messages as rows of a BigQuery table with insertAll.
///
/// SKELETON: the public surface that `warehouse sink` and `warehouse serve` build on; the pull
/// loop, batching, writing, leases and shutdown replace the body of `run()`.
public final class Sink: Service, Sendable {
    public let configuration: SinkConfiguration

    /// - Parameters:
    ///   - clock: waits (batch age, backoff, lease timers); tests pass a clock they move themselves.
    ///   - wallClock: the time of day, compared with messages' publish times (freshness).
    public init(
        configuration: SinkConfiguration, pubSub: PubSubClient, bigQuery: BigQueryClient,
        clock: any Clock<Duration> = ContinuousClock(), wallClock: any WallClock = SystemWallClock(),
        logger: Logger = Logger(label: "warehouse.sink")
    ) {
        self.configuration = configuration
    }

    public func run() async throws {
        throw SinkError.configuration("the Sink is not built yet")
    }

    /// Whether the Sink works now: what `/readyz` answers.
    public var readiness: SinkReadiness { SinkReadiness(isReady: false, reasons: ["not started"]) }
}

/// What `/readyz` reports: ready, or the reasons it is not.
public struct SinkReadiness: Sendable, Hashable {
    public var isReady: Bool
    public var reasons: [String]

    public init(isReady: Bool, reasons: [String]) {
        self.isReady = isReady
        self.reasons = reasons
    }
}
