import AsyncHTTPClient
import Foundation
import GoogleAuth
import GoogleREST
import Logging
import NIOCore
import NIOHTTP1
import WireJSON

extension RESTEndpoint {
    public static let bigQuery = RESTEndpoint(baseURL: "https://bigquery.googleapis.com", isEmulator: false)

    /// The emulator when `BIGQUERY_EMULATOR_HOST` is set (host:port), else Google.
    public static func bigQuery(environment: [String: String] = ProcessInfo.processInfo.environment) -> RESTEndpoint {
        fromEnvironment(variable: "BIGQUERY_EMULATOR_HOST", google: .bigQuery, environment: environment)
    }
}

/// A BigQuery REST v2 client on a shared `HTTPClient`: datasets, tables, streaming inserts, queries.
///
/// Every call retries retryable failures per `retryPolicy`. Inserts are retried too: rows carry
/// insertIds, which BigQuery uses to drop the duplicates a retry may create.
public struct BigQueryClient: Sendable {
    public let projectId: String
    public let endpoint: RESTEndpoint
    public let retryPolicy: RetryPolicy
    /// How long one HTTP call may take.
    public var requestTimeout: Duration = .seconds(60)
    let transport: RESTTransport
    let logger: Logger

    public init(
        httpClient: HTTPClient, projectId: String, endpoint: RESTEndpoint = .bigQuery(),
        credentials: any CredentialProvider = NoCredentialProvider(), retryPolicy: RetryPolicy = .init(),
        logger: Logger = Logger(label: "BigQueryClient")
    ) {
        self.projectId = projectId
        self.endpoint = endpoint
        self.retryPolicy = retryPolicy
        self.logger = logger
        transport = RESTTransport(
            httpClient: httpClient, endpoint: endpoint, credentials: credentials,
            userAgent: "warehouse-bigquery-client/1", logger: logger)
    }

    /// `/bigquery/v2/projects/P/` + `path`; `path` is already percent-encoded (see `segment`).
    func call(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil, deadline: Deadline? = nil
    ) async throws -> JSONValue {
        try await call(method, path, query: query, bodyBytes: body.map { $0.encodedBytes() }, deadline: deadline)
    }

    /// With a `deadline`, no attempt outlasts it and none starts after it: the call fails (with the
    /// last attempt's error, retryable) once it is spent, whatever `requestTimeout` and the retry policy allow.
    func call(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], bodyBytes: [UInt8]?, deadline: Deadline? = nil
    ) async throws -> JSONValue {
        let transport = transport
        let requestTimeout = requestTimeout
        var fullPath = "/bigquery/v2/projects/\(Self.segment(projectId))/\(path)"
        if !query.isEmpty {
            fullPath += "?" + query.map { "\(Self.segment($0.0))=\(Self.segment($0.1))" }.joined(separator: "&")
        }
        let requestPath = fullPath
        let isRetryable: (any Error) -> Bool = { error in
            guard (error as? BigQueryError)?.isRetryable == true else { return false }
            return deadline.map { $0.remaining() > .zero } ?? true
        }
        return try await retryPolicy.run(isRetryable: isRetryable) {
            // At least a moment, so a deadline spent during the last pause ends in the transport's own error.
            let timeout = deadline.map { min(requestTimeout, max($0.remaining(), .milliseconds(1))) } ?? requestTimeout
            do {
                return try await transport.call(method, requestPath, bodyBytes: bodyBytes, timeout: timeout)
            } catch let failure as RESTFailure {
                throw BigQueryError(failure)
            }
        }
    }

    /// One path segment or query component, percent-encoded (project ids may hold `:` and `.`).
    static func segment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
