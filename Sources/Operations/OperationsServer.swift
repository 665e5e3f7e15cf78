import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import WireJSON

/// The HTTP endpoints a deployed service shows its operators, as a `Service`:
/// `GET /healthz` (200 while the process serves), `GET /readyz` (200, or 503 with the reasons) and
/// `GET /metrics` (Prometheus text). Nothing else is routed.
public final class OperationsServer: Service, Sendable {
    public let configuration: OperationsConfiguration
    private let logger: Logger
    private let port = PortPromise()

    public init(configuration: OperationsConfiguration = OperationsConfiguration(), logger: Logger = Logger(label: "warehouse.operations")) {
        self.configuration = configuration
        self.logger = logger
    }

    public func run() async throws {
        let port = port
        let application = Application(
            router: Self.makeRouter(configuration),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "warehouse-operations"),
            onServerRunning: { channel in port.fulfil(channel.localAddress?.port ?? 0) },
            logger: logger)
        defer { port.fail() }
        try await application.run()
    }

    /// The port the server listens on, once it does (the chosen one when the configuration says 0);
    /// nil if the server stopped before it listened.
    public func listeningPort() async -> Int? { await port.value() }

    static func makeRouter(_ configuration: OperationsConfiguration) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/healthz") { _, _ in json(.ok, ["status": "ok"]) }
        router.get("/readyz") { _, _ in
            let readiness = await configuration.readiness()
            return json(
                readiness.isReady ? .ok : .serviceUnavailable,
                ["status": .string(readiness.isReady ? "ready" : "not ready"), "reasons": .array(readiness.reasons.map(JSONValue.string))])
        }
        let registry = configuration.registry
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: PrometheusMetrics.contentType],
                body: .init(byteBuffer: ByteBuffer(bytes: PrometheusMetrics.render(registry))))
        }
        return router
    }

    private static func json(_ status: HTTPResponse.Status, _ body: JSONValue) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: body.encodedBytes())))
    }
}

/// The bound port, handed to whoever waits for it.
private final class PortPromise: Sendable {
    private enum State {
        case waiting([CheckedContinuation<Int?, Never>])
        case done(Int?)
    }

    private let state = Mutex(State.waiting([]))

    func fulfil(_ port: Int) { resolve(port) }
    func fail() { resolve(nil) }

    private func resolve(_ port: Int?) {
        let waiters: [CheckedContinuation<Int?, Never>] = state.withLock { state in
            guard case .waiting(let waiters) = state else { return [] }
            state = .done(port)
            return waiters
        }
        for waiter in waiters { waiter.resume(returning: port) }
    }

    func value() async -> Int? {
        await withCheckedContinuation { continuation in
            let ready: Int?? = state.withLock { state in
                switch state {
                case .waiting(let waiters):
                    state = .waiting(waiters + [continuation])
                    return .none
                case .done(let port): return .some(port)
                }
            }
            if case .some(let port) = ready { continuation.resume(returning: port) }
        }
    }
}
