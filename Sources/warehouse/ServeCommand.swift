import ArgumentParser
import Foundation
import LocalEmulator
import Logging
import Operations
import ServiceLifecycle
import WarehouseSchema

/// `warehouse serve`: the whole system on one machine, no cloud account. The emulator, the Sink and
/// the API in one process and one `ServiceGroup`, talking over loopback HTTP with the production
/// clients; data in `.warehouse/` so it survives a restart.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run everything in one process on the embedded emulator (the default for development).",
        discussion: """
            The API listens on --port (POST /ingestData, GET /getData, /metrics, /openapi.yaml) without API keys, \
            so keep --host on loopback. The emulator (BigQuery, Pub/Sub) listens on --emulator-port; point \
            `warehouse query`, bq or Google's clients at it with BIGQUERY_EMULATOR_HOST / PUBSUB_EMULATOR_HOST. \
            Ctrl-C drains: the API stops, the Sink flushes and acks, then the emulator stops.
            """)

    @Option(help: "Address the API and the emulator listen on.")
    var host = "127.0.0.1"

    @Option(help: "The API's port (0 picks a free one and prints it).")
    var port = 8080

    @Option(help: "The emulator's port (0 picks a free one and prints it).")
    var emulatorPort = 9050

    @Option(help: "SQLite file holding everything (datasets, tables, topics, messages).")
    var db = ".warehouse/warehouse.sqlite"

    @Option(help: "The events table's schema (BigQuery schema JSON).")
    var schema = "schemas/events.json"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    @Option(
        help: """
            Seconds the Sink leases each message it holds (10-600), and the subscription's ack deadline when \
            serve creates it: how soon messages held by a serve that died come back.
            """)
    var ackDeadline = 60

    func validate() throws {
        guard (10...600).contains(ackDeadline) else {
            throw ValidationError("--ack-deadline must be 10 to 600 seconds (Pub/Sub's range), got \(ackDeadline)")
        }
    }

    func run() async throws {
        HeapTuning.keepLargeBuffersOutOfTheHeap(environment: ProcessInfo.processInfo.environment)
        let tableSchema: TableSchema
        do {
            tableSchema = try TableDefinition(contentsOfFile: schema).schema
        } catch {
            throw ValidationError("Cannot read the table schema \(schema): \(error.message)")
        }
        let folder = URL(fileURLWithPath: db).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

        OperationsLogging.bootstrap(format: .text, level: logLevel, projectId: nil)
        let registry = PrometheusMetrics.bootstrap()
        let logger = Logger(label: "warehouse")
        let emulator = try LocalEmulator(configuration: EmulatorConfiguration(host: host, port: emulatorPort, databasePath: db))
        let (emulatorPorts, emulatorPortTold) = AsyncStream.makeStream(of: Int.self, bufferingPolicy: .bufferingNewest(1))
        let host = host
        let db = db
        let emulatorApp = emulator.makeApplication(logger: Logger(label: "LocalEmulator")) { port in
            emulatorPortTold.yield(port)
            announce("warehouse serve: emulator on http://\(host):\(port) (data in \(db))")
        }
        let system = EmbeddedSystem(
            projectId: "local-project", names: .init(), schema: tableSchema, ackDeadline: .seconds(ackDeadline),
            apiHost: host, apiPort: port, emulatorPort: emulatorPorts,
            renderMetrics: { String(decoding: PrometheusMetrics.render(registry), as: UTF8.self) },
            onReady: { apiPort in announce(Self.welcome(host: host, port: apiPort)) }, logger: logger)
        // Started in order, drained in reverse: the emulator outlives the Sink's last flush.
        let group = ServiceGroup(
            configuration: .init(
                services: [
                    .init(service: emulatorApp),
                    .init(service: emulator.queryJobStopper),
                    .init(service: system, successTerminationBehavior: .gracefullyShutdownGroup),
                ], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// The URLs and a ready-to-paste ingest and read, with an event of now (inside the default window).
    static func welcome(host: String, port: Int) -> String {
        let now = ISO8601DateFormatter().string(from: Date())
        let base = "http://\(host):\(port)"
        return """
            warehouse serve: API on \(base) (no API keys: loopback development)
              ingest: curl -s -X POST \(base)/ingestData -H 'Content-Type: application/json' \\
                        -d '{"event_id":"e-1","event_type":"click","user_id":"u-1","occurred_at":"\(now)","payload":{"page":"/"}}'
              read:   curl -s '\(base)/getData?limit=10'
              also:   \(base)/metrics  \(base)/readyz  \(base)/openapi.yaml
            """
    }
}
