import ArgumentParser
import Foundation
import Logging
import Operations
import ServiceLifecycle
import Sink

struct SinkCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sink",
        abstract: "Pull a Pub/Sub subscription into a partitioned, clustered BigQuery table (none lost, none twice).",
        discussion: """
            Every flag can instead be given by the environment variable named in its help, so Cloud Run \
            needs no arguments. Durations are written like 200ms, 10s, 5m; sizes like 5MiB. /healthz, /readyz \
            and /metrics (Prometheus) are served on PORT. SIGTERM or SIGINT drains within --shutdown-deadline.
            """)

    @OptionGroup var options: SinkCommandOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        HeapTuning.keepLargeBuffersOutOfTheHeap(environment: environment)
        let settings: SinkCommandSettings
        do {
            settings = try options.resolve(environment: environment)
        } catch {
            FileHandle.standardError.write(Array("Error: \(error)\n".utf8))
            throw ExitCode.validationFailure
        }
        OperationsLogging.bootstrap(format: settings.logFormat, level: settings.logLevel, projectId: settings.projectId)
        let registry = PrometheusMetrics.bootstrap()
        let logger = Logger(label: "warehouse.sink")
        let clients = settings.makeClients(logger: Logger(label: "warehouse.sink.client"), environment: environment)
        let sink = Sink(configuration: settings.sink, pubSub: clients.pubSub, bigQuery: clients.bigQuery, logger: logger)
        let operations = OperationsServer(
            configuration: OperationsConfiguration(
                host: settings.operationsHost, port: settings.operationsPort, readiness: { Readiness(sink.readiness) }, registry: registry),
            logger: Logger(label: "warehouse.operations"))
        // Started in this order and drained in reverse: the Sink flushes while /healthz still answers.
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: operations),
                    .init(service: sink, successTerminationBehavior: .gracefullyShutdownGroup),
                ], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await reportingFailures {
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                tasks.addTask {
                    guard let port = await operations.listeningPort() else { return }
                    logger.info(
                        "warehouse sink: operations on http://\(settings.operationsHost):\(port)",
                        metadata: ["subscription": "\(settings.sink.subscription)", "table": "\(settings.sink.dataset).\(settings.sink.table)"])
                }
                try await tasks.waitForAll()
            }
        }
    }
}

extension Readiness {
    init(_ sink: SinkReadiness) { self.init(isReady: sink.isReady, reasons: sink.reasons) }
}
