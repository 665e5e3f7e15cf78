import Foundation
import GRDB
import GoogleSQL
import Hummingbird
import Logging

/// BigQuery REST v2 and Pub/Sub REST v1 on one port, backed by one SQLite database.
///
/// Build it, then run `makeApplication()` as a `Service` (or with `runService()`); the port it bound
/// is reported to `onServerRunning`.
public struct LocalEmulator: Sendable {
    public let configuration: EmulatorConfiguration
    let database: EmulatorDatabase
    let faults = FaultInjector()
    let apis: [any EmulatedAPI]
    let auth: AuthService

    public init(configuration: EmulatorConfiguration = .init()) throws {
        self.configuration = configuration
        let database = try EmulatorDatabase(
            path: configuration.databasePath,
            migrations: BigQueryStore.migrations + AuthStore.migrations + PubSubSchema.migrations,
            prepare: { db in try SQLiteFunctions.register(in: db) })
        self.database = database
        let bigQuery = BigQueryAPI(store: BigQueryStore(database: database, configuration: configuration),
                                   maxRequestBytes: configuration.maxRequestBytes,
                                   maxRetainedResultBytes: configuration.maxRetainedResultBytes)
        var pubSubOptions = configuration.pubSub
        pubSubOptions.now = configuration.clock.nowMicros
        let pubSub = PubSubAPI(store: PubSubStore(database: database, options: pubSubOptions),
                               maxRequestBytes: configuration.maxRequestBytes)
        let clock = configuration.clock
        let auth = AuthService(store: AuthStore(database: database),
                               now: { Date(timeIntervalSince1970: Double(clock.nowMicros()) / 1_000_000) })
        self.auth = auth
        self.apis = [bigQuery, pubSub, FaultAdminAPI(injector: faults), DiscoveryAPI(),
                     AuthAPI(service: auth, fallbackAuthority: "\(configuration.host):\(configuration.port)")]
    }

    public func makeRouter() -> Router<EmulatorRequestContext> {
        let router = Router(context: EmulatorRequestContext.self)
        router.add(middleware: GoogleErrorMiddleware())
        router.add(middleware: FaultInjectionMiddleware(injector: faults))
        if configuration.requireAuth { router.add(middleware: AuthMiddleware(service: auth)) }
        router.get("/healthz") { _, _ in JSONResponse.make(["status": "ok"]) }
        for api in apis { api.addRoutes(to: router) }
        return router
    }

    public func makeApplication(
        logger: Logger = Logger(label: "LocalEmulator"),
        onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                 serverName: "LocalEmulator"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }
}
