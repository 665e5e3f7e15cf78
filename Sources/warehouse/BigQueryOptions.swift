import ArgumentParser
import AsyncHTTPClient
import Foundation
import GoogleAuth
import GoogleREST
import Logging
import Sink
import WarehouseClient

/// Where the user commands send BigQuery calls, and as whom.
struct BigQueryOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Google Cloud project.",
            discussion:
                "Default: $GOOGLE_CLOUD_PROJECT, else the project of the service-account key in $GOOGLE_APPLICATION_CREDENTIALS, else \"local-project\" when talking to an emulator."
        ))
    var project: String?

    @Option(
        help: ArgumentHelp(
            "BigQuery API address, e.g. http://127.0.0.1:9050.",
            discussion: "Default: $BIGQUERY_EMULATOR_HOST when set, else https://bigquery.googleapis.com."))
    var endpoint: String?

    @Option(help: "Log level for the client: trace, debug, info, notice, warning, error, critical.")
    var logLevel: Logger.Level = .warning

    func makeClient() throws -> BigQueryClient {
        let environment = ProcessInfo.processInfo.environment
        let endpoint = endpoint.map(RESTEndpoint.emulator(host:)) ?? RESTEndpoint.bigQuery(environment: environment)
        // As Google's clients do, a service-account key names its project: an emulator under
        // --require-auth only lets an account act in its own.
        let keyProject = environment["GOOGLE_APPLICATION_CREDENTIALS"].flatMap { try? ServiceAccountKey(contentsOfFile: $0).projectID }
        guard let projectId = project ?? environment["GOOGLE_CLOUD_PROJECT"] ?? keyProject ?? (endpoint.isEmulator ? "local-project" : nil) else {
            throw ValidationError("Name a project with --project or GOOGLE_CLOUD_PROJECT.")
        }
        var logger = Logger(label: "warehouse")
        logger.logLevel = logLevel
        let credentials = DefaultCredentialProvider(
            configuration: .init(scopes: [GoogleScopes.bigQuery], talksToEmulator: endpoint.isEmulator), httpClient: .shared,
            environment: environment)
        return BigQueryClient(
            httpClient: .shared, projectId: projectId, endpoint: endpoint, credentials: credentials,
            logger: logger)
    }
}

/// Prints a failure the way the user can act on it, and exits non-zero, instead of a stack trace.
func reportingFailures(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as BigQueryError {
        FileHandle.standardError.write(Array("Error: \(error)\n".utf8))
        throw ExitCode.failure
    } catch let error as GoogleAuthError {
        FileHandle.standardError.write(Array("Error: \(error)\n".utf8))
        throw ExitCode.failure
    } catch let error as SinkError {
        FileHandle.standardError.write(Array("Error: \(error)\n".utf8))
        throw ExitCode.failure
    }
}

extension FileHandle {
    func write(_ bytes: [UInt8]) { write(Data(bytes)) }
}
