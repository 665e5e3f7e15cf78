import API
import AsyncHTTPClient
import Foundation
import GoogleREST
import Logging
import PubSubClient
import ServiceLifecycle
import Sink
import WarehouseClient
import WarehouseSchema

/// The Sink and the API of `warehouse serve`, once the embedded emulator listens.
///
/// They talk to the emulator over loopback HTTP with the production clients, as they would talk to
/// Google. On first start this creates what the cloud's Terraform would: the topic, the dead-letter
/// topic and the subscription with its dead-letter policy (the Sink ensures the dataset and the table).
/// Then it runs the Sink and the API in a group of their own, so a shutdown stops the API first and
/// lets the Sink flush; the enclosing group stops the emulator only after this returns.
struct EmbeddedSystem: Service {
    struct Names {
        var topic = "events"
        var deadLetterTopic = "events-dead-letter"
        var subscription = "events-sink"
        var dataset = "warehouse"
        var table = "events"
        /// Pub/Sub's own dead-letter policy: after this many deliveries a message goes to the
        /// dead-letter topic even if the Sink never saw it fail (a crash loop, say).
        var maxDeliveryAttempts = 10
    }

    var projectId: String
    var names: Names
    var schema: TableSchema
    /// How long the Sink leases what it holds, and the subscription's ack deadline when created here.
    var ackDeadline: Duration = .seconds(60)
    var apiHost: String
    var apiPort: Int
    /// The emulator's port, once it is bound.
    var emulatorPort: AsyncStream<Int>
    var renderMetrics: @Sendable () -> String
    /// Told the API's port once it listens.
    var onReady: @Sendable (_ apiPort: Int) -> Void
    var logger: Logger

    func run() async throws {
        var ports = emulatorPort.makeAsyncIterator()
        guard let port = await ports.next() else { return }
        let endpoint = RESTEndpoint.emulator(host: "127.0.0.1:\(port)")
        // The Sink owns its retries; the API answers within its time limit, so a few quick tries.
        let sinkPubSub = PubSubClient(httpClient: .shared, projectId: projectId, endpoint: endpoint, retryPolicy: .none, logger: logger)
        let sinkBigQuery = BigQueryClient(httpClient: .shared, projectId: projectId, endpoint: endpoint, retryPolicy: .none, logger: logger)
        let quick = RetryPolicy(maxAttempts: 3, maximumBackoff: .seconds(1))
        let apiPubSub = PubSubClient(httpClient: .shared, projectId: projectId, endpoint: endpoint, retryPolicy: quick, logger: logger)
        let apiBigQuery = BigQueryClient(httpClient: .shared, projectId: projectId, endpoint: endpoint, retryPolicy: quick, logger: logger)

        try await provision(apiPubSub)

        let sink = Sink(
            configuration: SinkConfiguration(
                subscription: names.subscription, dataset: names.dataset, table: names.table,
                deadLetterTopic: names.deadLetterTopic, schema: schema, leaseExtension: ackDeadline),
            pubSub: sinkPubSub, bigQuery: sinkBigQuery, logger: Logger(label: "warehouse.sink"))
        var configuration = APIConfiguration(
            topic: names.topic, dataset: names.dataset, table: names.table, definition: TableDefinition(schema: schema),
            authentication: .disabled, host: apiHost, port: apiPort)
        configuration.renderMetrics = renderMetrics
        let api = try APIService(
            configuration: configuration, bigQuery: apiBigQuery, pubSub: apiPubSub, logger: Logger(label: "warehouse.api"))
        let onReady = onReady
        let app = api.makeApplication { port in onReady(port) }
        // Reverse order on shutdown: the API stops taking events, then the Sink flushes what it holds.
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: sink), .init(service: app)], gracefulShutdownSignals: [], logger: logger))
        try await group.run()
    }

    /// Creates the topics and the subscription unless they exist (409 is success here).
    func provision(_ pubSub: PubSubClient) async throws {
        func ignoringExisting(_ body: () async throws -> Void) async throws {
            do {
                try await body()
            } catch let error as PubSubError where error.isAlreadyExists {}
        }
        try await ignoringExisting { _ = try await pubSub.createTopic(names.topic) }
        try await ignoringExisting { _ = try await pubSub.createTopic(names.deadLetterTopic) }
        try await ignoringExisting {
            _ = try await pubSub.createSubscription(
                names.subscription,
                settings: PubSubSubscriptionSettings(
                    topic: names.topic, ackDeadline: ackDeadline,
                    deadLetterPolicy: .init(topic: names.deadLetterTopic, maxDeliveryAttempts: names.maxDeliveryAttempts)))
        }
    }
}
