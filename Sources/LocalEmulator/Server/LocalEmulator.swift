import Foundation
import GRDB
import GoogleSQL
import HTTPServerLimits
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle

/// BigQuery REST v2 and Pub/Sub REST v1 on one port, backed by one SQLite database.
///
/// Build it, then run `makeApplication()` as a `Service` (or with `runService()`); the port it bound
/// is reported to `onServerRunning`.
public struct LocalEmulator: Sendable {
    public let configuration: EmulatorConfiguration
    let database: EmulatorDatabase
    let faults = FaultInjector()
    let apis: [any EmulatedAPI]
    /// Work requests start and do not wait for; `makeApplication` runs it.
    let background = BackgroundWork()
    let auth: AuthService
    /// What opens admin calls under `requireAuth`; nil without it.
    let admin: AdminCredential?
    /// Pub/Sub's topics, subscriptions and messages, shared with the gRPC front end (LocalEmulatorGRPC).
    package let pubSubStore: PubSubStore
    /// Request bodies read at once, in bytes (see `RequestBodyBudget`).
    let requestBodies: AdmissionGate

    /// The most a request line and headers may take, together (Hummingbird's default): a client's
    /// longest legitimate head is a `GET` with a page token, far below it.
    static let maxHeaderBytes = 80 * 1024

    public init(configuration: EmulatorConfiguration = .init()) throws {
        self.configuration = configuration
        requestBodies = AdmissionGate(capacity: configuration.maxRequestBytesInFlight)
        let database = try EmulatorDatabase(
            path: configuration.databasePath, transient: configuration.transientStorage,
            migrations: BigQueryStore.migrations + AuthStore.migrations + PubSubSchema.migrations,
            prepare: { db in try SQLiteFunctions.register(in: db) })
        self.database = database
        let bigQuery = BigQueryAPI(
            store: BigQueryStore(database: database, configuration: configuration),
            maxRequestBytes: configuration.maxRequestBytes, maxUploadBytes: configuration.maxUploadBytes, background: background)
        let pubSubStore = PubSubStore(database: database, configuration: configuration.pubSub, clock: configuration.clock)
        self.pubSubStore = pubSubStore
        let pubSub = PubSubAPI(store: pubSubStore, maxRequestBytes: configuration.maxRequestBytes)
        let clock = configuration.clock
        let auth = AuthService(
            store: AuthStore(database: database),
            now: { clock.now })
        self.auth = auth
        admin =
            configuration.requireAuth
            ? configuration.adminToken.flatMap { $0.isEmpty ? nil : AdminCredential(token: $0) } ?? .generated()
            : nil
        self.apis = [
            bigQuery, pubSub, FaultAdminAPI(injector: faults), DiscoveryAPI(),
            AuthAPI(service: auth, fallbackAuthority: "\(configuration.host):\(configuration.port)"),
        ]
    }

    /// Removes the temporary directory of a database without a file of its own, for a process about
    /// to exit. The database removes it when it goes, but a query stopped by the shutdown may still
    /// hold it on another thread when the process exits, which skips that. On Linux the open files
    /// stay readable until closed, so removing it under them is safe at the end.
    public func removeTemporaryStorage() { database.scratch?.remove() }

    /// The token admin calls need (`Authorization: Bearer <token>`) when `requireAuth` is on: the
    /// configured one, or one generated for this instance; nil without `requireAuth`.
    public var adminToken: String? { admin?.token }

    /// The emulator's routes. Query jobs run in the emulator's background work, which only
    /// `makeApplication` runs: a router served some other way answers jobs.query with `jobComplete: false`.
    public func makeRouter() -> Router<EmulatorRequestContext> {
        let router = Router(context: EmulatorRequestContext.self)
        router.add(middleware: GoogleErrorMiddleware())
        router.add(middleware: FaultInjectionMiddleware(injector: faults))
        if let admin { router.add(middleware: AuthMiddleware(service: auth, admin: admin)) }
        // After the credentials check: a request refused for those costs no room.
        router.add(
            middleware: RequestBodyBudget(
                gate: requestBodies, maxRequestBytes: configuration.maxRequestBytes, maxUploadBytes: configuration.maxUploadBytes))
        router.get("/healthz") { _, _ in JSONResponse.make(["status": "ok"]) }
        for api in apis { api.addRoutes(to: router) }
        return router
    }

    /// Stops the emulator's running query jobs as soon as a graceful shutdown reaches it. Put it after
    /// `makeApplication`'s service in the `ServiceGroup`, so it is told first: without it the server
    /// drains its requests before the jobs are stopped, and on a memory database a request waiting
    /// behind a long query holds the shutdown up until the query's time limit.
    public var queryJobStopper: some Service { BackgroundWork.Stopper(work: background) }

    /// The emulator's HTTP server as a `Service`. `services` run beside it, as Hummingbird's
    /// `Application(services:)` runs them: started before the server and shut down after it, so they
    /// suit what the emulator itself needs. The emulator's own background work (query jobs that outlive
    /// their request) is one of them: a graceful shutdown stops it before `run()` returns. Parts that
    /// talk to the emulator over HTTP (a publisher, the Sink) belong after it in the process's
    /// `ServiceGroup` instead, so they drain while it still answers.
    public func makeApplication(
        services: [any Service] = [],
        logger: Logger = Logger(label: "LocalEmulator"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let readTimeout = TimeAmount(configuration.requestReadTimeout)
        return Application(
            router: makeRouter(),
            server: .http1(
                configuration: .init(
                    additionalChannelHandlers: [
                        RequestReadDeadlineHandler(timeout: readTimeout),
                        MalformedRequestResponder(maxHeaderBytes: Self.maxHeaderBytes) { status, message in
                            GoogleAPIError(status, reason: status.code == 431 ? "headersTooLarge" : "badRequest", message: message).json
                                .encodedBytes()
                        },
                    ],
                    idleTimeout: TimeAmount(configuration.idleTimeout),
                    httpDecoderConfiguration: .init(maxHeaderFieldSize: Self.maxHeaderBytes, maxHeaderListSize: Self.maxHeaderBytes))),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "LocalEmulator"),
            // First, so it is shut down last: after the server, whose requests may still start work.
            services: [background] + services,
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }
}
