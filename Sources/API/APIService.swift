import Foundation
import GoogleAuth
import GoogleREST
import HTTPServerLimits
import Hummingbird
import Logging
import Metrics
import NIOCore
import PubSubClient
import ServiceLifecycle
import WarehouseClient
import WarehouseSchema

/// The warehouse's HTTP API as a `Service`: `POST /ingestData`, `GET /getData`, `/healthz`,
/// `/readyz`, `/metrics` and `/openapi.yaml`.
///
/// Run it in the process's `ServiceGroup`. It owns the batching publisher, which runs beside the HTTP
/// server and drains after it: on graceful shutdown the server stops taking requests, answers those it
/// has, and the publisher then sends what is still waiting.
public struct APIService: Service {
    public let configuration: APIConfiguration
    let bigQuery: BigQueryClient
    let pubSub: PubSubClient
    let stopwatch: Stopwatch
    let wallClock: any WallClock
    let metricsFactory: any MetricsFactory
    let logger: Logger

    /// - Parameters:
    ///   - clock: time for rate limiting, caching and latency (a test clock steps it).
    ///   - wallClock: the time of day `/getData`'s default window ends at.
    ///   - metricsFactory: where the metrics go; the process's bootstrapped factory by default.
    public init(
        configuration: APIConfiguration, bigQuery: BigQueryClient, pubSub: PubSubClient,
        clock: some Clock<Duration> = ContinuousClock(), wallClock: any WallClock = SystemWallClock(), metricsFactory: (any MetricsFactory)? = nil,
        logger: Logger = Logger(label: "WarehouseAPI")
    ) throws(APIConfigurationError) {
        try configuration.validate()
        self.configuration = configuration
        self.bigQuery = bigQuery
        self.pubSub = pubSub
        stopwatch = Stopwatch(clock)
        self.wallClock = wallClock
        self.metricsFactory = metricsFactory ?? MetricsSystem.factory
        self.logger = logger
    }

    public func run() async throws {
        try await makeApplication().runService()
    }

    /// The server and its publisher. `onServerRunning` gets the bound port (useful with port 0).
    public func makeApplication(onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let publisher = pubSub.publisher(topic: configuration.topic, configuration: configuration.publisher)
        return Application(
            router: makeRouter(publisher: publisher),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [
                        RequestReadDeadlineHandler(timeout: TimeAmount(configuration.requestTimeout)),
                        MalformedRequestResponder(maxHeaderBytes: configuration.maxHeaderBytes) { status, message in
                            APIProblem(status: status, message: message).body.encodedBytes()
                        },
                    ],
                    idleTimeout: TimeAmount(configuration.idleTimeout),
                    httpDecoderConfiguration: .init(maxHeaderFieldSize: configuration.maxHeaderBytes, maxHeaderListSize: configuration.maxHeaderBytes)
                )),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "warehouse-api"),
            services: [publisher],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }

    func makeRouter(publisher: PubSubPublisher) -> Router<APIRequestContext> {
        let configuration = configuration
        let metrics = APIMetrics(factory: metricsFactory)
        let authorizer = Authorizer(
            authentication: configuration.authentication, rateLimiter: RateLimiter(limit: configuration.rateLimit, stopwatch: stopwatch))
        let ingest = IngestRoute(
            validator: RowValidator(schema: configuration.definition.schema, ignoreUnknownValues: configuration.unknownFields == .ignore),
            publisher: publisher, limits: configuration.ingest, gate: AdmissionGate(capacity: configuration.ingest.maxBytesInFlight),
            retryAfter: configuration.unavailableRetryAfter, metrics: metrics,
            stopwatch: stopwatch)
        let read = ReadRoute(
            bigQuery: bigQuery,
            sql: EventsSQL(
                projectId: bigQuery.projectId, dataset: configuration.dataset, table: configuration.table,
                columns: configuration.definition.schema.fields.map(\.name)),
            limits: configuration.read,
            cache: ReadCache(configuration: configuration.cache, stopwatch: stopwatch, size: \.bytes),
            retryAfter: configuration.unavailableRetryAfter, metrics: metrics,
            now: { [wallClock] in Int64((wallClock.now.timeIntervalSince1970 * 1_000_000).rounded()) })
        let (bigQuery, pubSub) = (bigQuery, pubSub)
        let readiness = Readiness(
            checks: [
                .init(name: "pubsub") { _ = try await pubSub.getTopic(configuration.topic) },
                .init(name: "bigquery") { _ = try await bigQuery.getTable(dataset: configuration.dataset, table: configuration.table) },
            ], ttl: configuration.readinessCacheTTL, stopwatch: stopwatch, retryAfter: configuration.unavailableRetryAfter)

        let router = Router(context: APIRequestContext.self)
        // CORS outermost, so error answers carry its headers too and a browser can read them.
        if !configuration.corsAllowedOrigins.isEmpty {
            router.add(middleware: CORSOriginsMiddleware(allowedOrigins: Set(configuration.corsAllowedOrigins)))
        }
        // Every path below, with its method; another method on one of these paths is a 405.
        let allowedMethods = AllowedMethods([
            ("/ingestData", .post), ("/getData", .get), ("/healthz", .get), ("/readyz", .get), ("/metrics", .get), ("/openapi.yaml", .get),
        ])
        router.add(middleware: ObservationMiddleware(metrics: metrics, stopwatch: stopwatch, allowedMethods: allowedMethods))
        router.post("/ingestData") { request, context in
            try authorizer.admit(request, context: context, scope: .ingest)
            return try await ingest.handle(request, context: context)
        }
        router.get("/getData") { request, context in
            try authorizer.admit(request, context: context, scope: .read)
            return try await read.handle(request, context: context)
        }
        router.get("/healthz") { _, _ in jsonResponse(["status": "ok"]) }
        router.get("/readyz") { _, _ in await readiness.response() }
        router.get("/metrics") { _, _ in
            guard let render = configuration.renderMetrics else {
                throw APIProblem(status: .notFound, message: "this process exports no metrics")
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: render())))
        }
        let document = OpenAPIDocument.text(for: configuration.authentication)
        router.get("/openapi.yaml") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "application/yaml"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: document)))
        }
        return router
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
