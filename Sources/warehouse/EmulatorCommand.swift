import ArgumentParser
import Foundation
import Hummingbird
import LocalEmulator
import LocalEmulatorGRPC
import Logging
import Operations
import ServiceLifecycle

/// Options shared by every command that runs the emulator.
struct EmulatorOptions: ParsableArguments {
    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one and prints it).")
    var port = 9050

    @Option(help: "SQLite file for all emulated data; omit to keep it in a temporary file removed at exit.")
    var db: String?

    @Flag(
        help:
            "Without --db, keep the data in memory instead of a temporary file: one SQLite connection, the quickest to start, but every call waits for the one before it, so a long query holds up the rest."
    )
    var inMemory = false

    @Flag(
        help:
            "Require bearer tokens of emulator-issued service accounts on BigQuery and Pub/Sub calls, and the admin token on /emulator/ calls (issuing keys, fault injection)."
    )
    var requireAuth = false

    @Option(
        help: ArgumentHelp(
            "With --require-auth, the token admin calls need (Authorization: Bearer TOKEN). Default: $\(Self.adminTokenVariable), else a random one printed to stderr at start. Prefer the variable: arguments show in process lists.",
            valueName: "token"))
    var adminToken: String?

    static let adminTokenVariable = "WAREHOUSE_EMULATOR_ADMIN_TOKEN"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .info

    @Option(
        help: ArgumentHelp(
            "Seconds an insertAll insertId is remembered, so that a row sent again within them is stored once (BigQuery deduplicates best-effort, for about a minute). The ids of this window are held in memory.",
            valueName: "seconds"))
    var insertIdRetention = 600

    func validate() throws {
        if inMemory && db != nil { throw ValidationError("--in-memory and --db exclude each other") }
        guard (1...86_400).contains(insertIdRetention) else {
            throw ValidationError("--insert-id-retention must be between 1 and 86400 seconds")
        }
    }

    func makeEmulator() throws -> LocalEmulator {
        if let db {
            let folder = URL(fileURLWithPath: db).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        let givenToken = (adminToken ?? ProcessInfo.processInfo.environment[Self.adminTokenVariable]).flatMap { $0.isEmpty ? nil : $0 }
        var configuration = EmulatorConfiguration(
            host: host, port: port, databasePath: db, insertIdRetention: .seconds(insertIdRetention),
            requireAuth: requireAuth, adminToken: givenToken)
        // Memory only when asked: there a long query holds up every other call.
        configuration.transientStorage = inMemory ? .memory : .temporaryFile
        let emulator = try LocalEmulator(configuration: configuration)
        if givenToken == nil, let generated = emulator.adminToken {
            // Only a generated token is shown: one the operator chose is theirs already.
            FileHandle.standardError.write(Data("LocalEmulator admin token (Authorization: Bearer ...): \(generated)\n".utf8))
        }
        return emulator
    }

    func makeLogger(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = logLevel
        return logger
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

struct EmulatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emulator",
        abstract: "Run the BigQuery v2 / Pub/Sub v1 emulator backed by SQLite.")

    @OptionGroup var options: EmulatorOptions

    @Option(
        help: ArgumentHelp(
            "Also serve Pub/Sub over gRPC (Google's client libraries: PUBSUB_EMULATOR_HOST=HOST:PORT) on this port; 0 picks a free one and prints it. Default: off.",
            valueName: "port"))
    var grpcPort: Int?

    func run() async throws {
        HeapTuning.keepLargeBuffersOutOfTheHeap(environment: ProcessInfo.processInfo.environment)
        let logger = options.makeLogger("LocalEmulator")
        let emulator = try options.makeEmulator()
        defer { emulator.removeTemporaryStorage() }
        // Started before the HTTP server and stopped after it, on the same store.
        let grpc = try grpcPort.map { try PubSubGRPCServer(emulator: emulator, port: $0) }
        let host = options.host
        let app = emulator.makeApplication(services: grpc.map { [$0] } ?? [], logger: logger) { port in
            announce("LocalEmulator listening on http://\(host):\(port)")
            if let grpcPort = try? await grpc?.boundPort {
                announce("LocalEmulator Pub/Sub gRPC listening on \(host):\(grpcPort)")
            }
        }
        let group = ServiceGroup(
            configuration: .init(services: [app, emulator.queryJobStopper], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}

/// Writes a line to standard output unbuffered, so scripts waiting for the port see it at once.
func announce(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
