import API
import ArgumentParser
import AsyncHTTPClient
import Foundation
import GoogleAuth
import GoogleREST
import Logging
import Operations
import PubSubClient
import ServiceLifecycle
import WarehouseClient
import WarehouseSchema

/// `warehouse api`: the HTTP API on its own (Cloud Run's API service). Thin: flags and the
/// environment become an `APIConfiguration`; everything else is the `API` target's.
///
/// Every flag can also come from a `WAREHOUSE_...` variable (the flag wins), so Cloud Run needs no
/// arguments; `PORT`, `GOOGLE_CLOUD_PROJECT`, `PUBSUB_EMULATOR_HOST` and `BIGQUERY_EMULATOR_HOST` are
/// read as Google's tools read them.
struct APICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api",
        abstract: "Run the HTTP API: POST /ingestData into Pub/Sub, GET /getData from BigQuery.",
        discussion: """
            API keys: $WAREHOUSE_API_KEYS (key1:ingest+read,key2:read) or --api-keys-file (one KEY:SCOPES a \
            line, # comments). Callers send a key in the X-API-Key header. Without keys the command refuses \
            to start unless --no-auth is given.
            """)

    @Option(help: "Address to listen on. Default: 0.0.0.0 when PORT is set (Cloud Run), else 127.0.0.1. Env: WAREHOUSE_HOST.")
    var host: String?

    @Option(help: "Port to listen on (0 picks one). Default: 8080. Env: PORT.")
    var port: Int?

    @Option(
        help:
            "Google Cloud project. Default: the project of the key in $GOOGLE_APPLICATION_CREDENTIALS, else local-project with emulators. Env: GOOGLE_CLOUD_PROJECT."
    )
    var project: String?

    @Option(
        name: .customLong("pubsub-endpoint"),
        help: "Pub/Sub API address (host:port of an emulator, or a URL). Default: https://pubsub.googleapis.com. Env: PUBSUB_EMULATOR_HOST.")
    var pubSubEndpoint: String?

    @Option(
        name: .customLong("bigquery-endpoint"),
        help: "BigQuery API address (host:port of an emulator, or a URL). Default: https://bigquery.googleapis.com. Env: BIGQUERY_EMULATOR_HOST.")
    var bigQueryEndpoint: String?

    @Option(help: "Pub/Sub topic events are published to. Default: events. Env: WAREHOUSE_TOPIC.")
    var topic: String?

    @Option(help: "BigQuery dataset. Default: warehouse. Env: WAREHOUSE_DATASET.")
    var dataset: String?

    @Option(help: "BigQuery table. Default: events. Env: WAREHOUSE_TABLE.")
    var table: String?

    @Option(help: "The table's schema file. Default: schemas/events.json. Env: WAREHOUSE_SCHEMA.")
    var schema: String?

    @Option(help: "File of API keys, one KEY:SCOPES a line (added to $WAREHOUSE_API_KEYS). Default: none. Env: WAREHOUSE_API_KEYS_FILE.")
    var apiKeysFile: String?

    @Flag(help: "Serve without API keys (development on loopback only). Default: off. Env: WAREHOUSE_NO_AUTH (1 or true).")
    var noAuth = false

    @Option(help: "Events with fields the schema lacks: refuse or ignore. Default: refuse. Env: WAREHOUSE_UNKNOWN_FIELDS.")
    var unknownFields: String?

    @Option(help: "Most events in one ingest request. Default: 500. Env: WAREHOUSE_MAX_EVENTS.")
    var maxEvents: Int?

    @Option(help: "Largest ingest body in bytes. Default: 1048576. Env: WAREHOUSE_MAX_BODY_BYTES.")
    var maxBodyBytes: Int?

    @Option(
        help: "Bytes of ingest bodies processed at once; more requests wait, unread. Default: 1048576. Env: WAREHOUSE_MAX_INGEST_BYTES_IN_FLIGHT.")
    var maxIngestBytesInFlight: Int?

    @Option(help: "Requests per second per caller. Default: 100. Env: WAREHOUSE_RATE_LIMIT.")
    var rateLimit: Double?

    @Option(help: "Requests a caller may make at once. Default: 200. Env: WAREHOUSE_RATE_BURST.")
    var rateBurst: Int?

    @Option(help: "How long identical reads share an answer, in milliseconds (0: off). Default: 2000. Env: WAREHOUSE_CACHE_TTL_MS.")
    var cacheTtlMs: Int?

    @Option(help: "Widest /getData window in hours. Default: 744 (31 days). Env: WAREHOUSE_MAX_WINDOW_HOURS.")
    var maxWindowHours: Int?

    @Option(help: "Longest a request may take, in seconds. Default: 30. Env: WAREHOUSE_REQUEST_TIMEOUT_SECONDS.")
    var requestTimeoutSeconds: Int?

    @Option(help: "An origin browsers may call from (repeatable). Default: none. Env: WAREHOUSE_CORS_ORIGINS (comma-separated).")
    var corsOrigin: [String] = []

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical. Default: info. Env: WAREHOUSE_LOG_LEVEL.")
    var logLevel: String?

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        HeapTuning.keepLargeBuffersOutOfTheHeap(environment: environment)
        var configuration: APIConfiguration
        do {
            configuration = try makeConfiguration(environment: environment)
            try configuration.validate()
        } catch let error as APIConfigurationError {
            throw ValidationError(error.message)
        }
        let level = (logLevel ?? environment["WAREHOUSE_LOG_LEVEL"]).flatMap(Logger.Level.init(rawValue:)) ?? .info
        // Cloud Logging's JSON lines on Cloud Run, text otherwise; /metrics renders the process's registry.
        OperationsLogging.bootstrap(
            format: .automatic(environment: environment), level: level, projectId: project ?? environment["GOOGLE_CLOUD_PROJECT"])
        let registry = PrometheusMetrics.bootstrap()
        configuration.renderMetrics = { String(decoding: PrometheusMetrics.render(registry), as: UTF8.self) }
        let logger = Logger(label: "warehouse-api")
        // A flag wins over Google's variable, as every other setting's flag does.
        let pubSubEndpoint = self.pubSubEndpoint.map(RESTEndpoint.emulator(host:)) ?? RESTEndpoint.pubSub(environment: environment)
        let bigQueryEndpoint = self.bigQueryEndpoint.map(RESTEndpoint.emulator(host:)) ?? RESTEndpoint.bigQuery(environment: environment)
        let keyProject = environment["GOOGLE_APPLICATION_CREDENTIALS"].flatMap { try? ServiceAccountKey(contentsOfFile: $0).projectID }
        let talksToEmulator = pubSubEndpoint.isEmulator && bigQueryEndpoint.isEmulator
        guard let projectId = project ?? environment["GOOGLE_CLOUD_PROJECT"] ?? keyProject ?? (talksToEmulator ? "local-project" : nil) else {
            throw ValidationError("Name a project with --project or GOOGLE_CLOUD_PROJECT.")
        }
        let credentials = DefaultCredentialProvider(
            configuration: .init(scopes: [GoogleScopes.bigQuery, GoogleScopes.pubSub], talksToEmulator: talksToEmulator),
            httpClient: .shared, environment: environment)
        // A request is answered within its time limit: a few quick tries, not minutes of backoff, and
        // a dependency whose host is down fails each try at once (see `failingFast`).
        let retry = RetryPolicy(maxAttempts: 3, maximumBackoff: .seconds(1))
        let httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: .failingFast)
        do {
            var pubSub = PubSubClient(
                httpClient: httpClient, projectId: projectId, endpoint: pubSubEndpoint, credentials: credentials, retryPolicy: retry, logger: logger)
            pubSub.requestTimeout = .seconds(10)
            var bigQuery = BigQueryClient(
                httpClient: httpClient, projectId: projectId, endpoint: bigQueryEndpoint, credentials: credentials, retryPolicy: retry,
                logger: logger)
            bigQuery.requestTimeout = .seconds(20)
            let api = try APIService(configuration: configuration, bigQuery: bigQuery, pubSub: pubSub, logger: logger)
            let host = configuration.host
            let app = api.makeApplication { port in
                announce("warehouse api listening on http://\(host):\(port) (Pub/Sub \(pubSubEndpoint), BigQuery \(bigQueryEndpoint))")
            }
            let group = ServiceGroup(configuration: .init(services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
            try await group.run()
        } catch {
            try? await httpClient.shutdown()
            throw error
        }
        try await httpClient.shutdown()
    }

    /// The configuration the flags and `environment` describe (not yet validated).
    func makeConfiguration(environment: [String: String]) throws -> APIConfiguration {
        func value(_ flag: String?, _ variable: String) -> String? { flag ?? environment[variable].flatMap { $0.isEmpty ? nil : $0 } }
        func number<T: LosslessStringConvertible>(_ flag: T?, _ variable: String) throws -> T? {
            if let flag { return flag }
            guard let text = environment[variable], !text.isEmpty else { return nil }
            guard let parsed = T(text) else { throw ValidationError("$\(variable) is not a number: \(text)") }
            return parsed
        }
        let schemaPath = value(schema, "WAREHOUSE_SCHEMA") ?? "schemas/events.json"
        let definition: TableDefinition
        do {
            definition = try TableDefinition(contentsOfFile: schemaPath)
        } catch {
            throw ValidationError("Cannot read the table schema \(schemaPath): \(error.message)")
        }
        let authentication = try makeAuthentication(environment: environment)
        let portNumber = try number(port, "PORT") ?? 8080
        let listenHost = value(host, "WAREHOUSE_HOST") ?? (environment["PORT"] != nil ? "0.0.0.0" : "127.0.0.1")
        var configuration = APIConfiguration(
            topic: value(topic, "WAREHOUSE_TOPIC") ?? "events", dataset: value(dataset, "WAREHOUSE_DATASET") ?? "warehouse",
            table: value(table, "WAREHOUSE_TABLE") ?? "events", definition: definition, authentication: authentication,
            host: listenHost, port: portNumber)
        if let policy = value(unknownFields, "WAREHOUSE_UNKNOWN_FIELDS") {
            guard let parsed = IngestUnknownFieldPolicy(rawValue: policy) else {
                throw ValidationError("unknown-fields is refuse or ignore, not \(policy)")
            }
            configuration.unknownFields = parsed
        }
        if let maxEvents = try number(maxEvents, "WAREHOUSE_MAX_EVENTS") { configuration.ingest.maxEvents = maxEvents }
        if let maxBodyBytes = try number(maxBodyBytes, "WAREHOUSE_MAX_BODY_BYTES") { configuration.ingest.maxBodyBytes = maxBodyBytes }
        if let bytes = try number(maxIngestBytesInFlight, "WAREHOUSE_MAX_INGEST_BYTES_IN_FLIGHT") {
            guard bytes >= 1 else { throw ValidationError("max-ingest-bytes-in-flight must be at least 1, not \(bytes)") }
            configuration.ingest.maxBytesInFlight = bytes
        }
        if let rate = try number(rateLimit, "WAREHOUSE_RATE_LIMIT") { configuration.rateLimit.requestsPerSecond = rate }
        if let burst = try number(rateBurst, "WAREHOUSE_RATE_BURST") { configuration.rateLimit.burst = burst }
        if let ttl = try number(cacheTtlMs, "WAREHOUSE_CACHE_TTL_MS") { configuration.cache.ttl = .milliseconds(max(0, ttl)) }
        if let hours = try number(maxWindowHours, "WAREHOUSE_MAX_WINDOW_HOURS") {
            configuration.read.maxWindow = .seconds(Int64(hours) * 3600)
            configuration.read.defaultWindow = min(configuration.read.defaultWindow, configuration.read.maxWindow)
        }
        if let seconds = try number(requestTimeoutSeconds, "WAREHOUSE_REQUEST_TIMEOUT_SECONDS") { configuration.requestTimeout = .seconds(seconds) }
        configuration.corsAllowedOrigins =
            !corsOrigin.isEmpty
            ? corsOrigin
            : (environment["WAREHOUSE_CORS_ORIGINS"] ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
                !$0.isEmpty
            }
        return configuration
    }

    /// Keys from `WAREHOUSE_API_KEYS` or a file, never from arguments (process lists show those).
    func makeAuthentication(environment: [String: String]) throws -> APIAuthentication {
        let disabled = noAuth || ["1", "true", "yes"].contains(environment["WAREHOUSE_NO_AUTH"]?.lowercased() ?? "")
        var text = environment["WAREHOUSE_API_KEYS"] ?? ""
        if let path = apiKeysFile ?? environment["WAREHOUSE_API_KEYS_FILE"] {
            do {
                text += "\n" + (try String(contentsOfFile: path, encoding: .utf8))
            } catch {
                throw ValidationError("Cannot read the API keys file \(path): \(error.localizedDescription)")
            }
        }
        let keys: APIKeys
        do {
            keys = try APIKeys(parsing: text)
        } catch {
            throw ValidationError(error.message)
        }
        if disabled {
            guard keys.isEmpty else { throw ValidationError("--no-auth and API keys together: choose one") }
            return .disabled
        }
        guard !keys.isEmpty else {
            throw ValidationError("No API keys: set WAREHOUSE_API_KEYS (key:ingest+read,...) or --api-keys-file, or pass --no-auth explicitly.")
        }
        return .apiKeys(keys)
    }
}
