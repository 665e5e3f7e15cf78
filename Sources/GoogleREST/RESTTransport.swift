import AsyncHTTPClient
import GoogleAuth
import Logging
import NIOCore
import NIOHTTP1
import WireJSON

/// Sends JSON requests to one Google REST API on a shared `HTTPClient`, with credentials, and
/// turns the answer into JSON or a `RESTFailure`.
///
/// A 401 to a request that carried a token is answered once by invalidating the cached token and
/// sending again with a fresh one: tokens can be revoked or rotated before the expiry they announced.
public struct RESTTransport: Sendable {
    public let httpClient: HTTPClient
    public let endpoint: RESTEndpoint
    public let credentials: any CredentialProvider
    public let logger: Logger
    public var userAgent: String
    /// Largest answer read; query pages and pulls of 1000 messages stay far below it.
    public var maxResponseBytes = 64 * 1024 * 1024

    public init(
        httpClient: HTTPClient, endpoint: RESTEndpoint, credentials: any CredentialProvider,
        userAgent: String, logger: Logger
    ) {
        self.httpClient = httpClient
        self.endpoint = endpoint
        self.credentials = credentials
        self.userAgent = userAgent
        self.logger = logger
    }

    /// `path` is appended to the endpoint's base URL as is; it must already be percent-encoded.
    public func call(_ method: HTTPMethod, _ path: String, body: JSONValue?, timeout: Duration) async throws -> JSONValue {
        try await call(method, path, bodyBytes: body.map { $0.encodedBytes() }, timeout: timeout)
    }

    /// As `call(_:_:body:timeout:)`, with a body already encoded (large insertAll batches are
    /// assembled from pre-encoded rows).
    public func call(_ method: HTTPMethod, _ path: String, bodyBytes: [UInt8]?, timeout: Duration) async throws -> JSONValue {
        var token = try await credentials.accessToken(logger: logger)
        var (status, bytes) = try await send(method, path, bodyBytes: bodyBytes, token: token, timeout: timeout)
        if status == 401, token != nil {
            logger.debug("401 with a cached token; fetching a new one", metadata: ["path": .string(path)])
            await credentials.invalidate()
            token = try await credentials.accessToken(logger: logger)
            (status, bytes) = try await send(method, path, bodyBytes: bodyBytes, token: token, timeout: timeout)
        }
        guard (200..<300).contains(status) else {
            throw RESTFailure.service(ServiceErrorBody(httpStatus: status, body: bytes))
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .object(JSONObject()) }
        do {
            return try JSONValue(parsing: bytes)
        } catch {
            throw RESTFailure.invalidResponse("\(method.rawValue) \(path): \(error)")
        }
    }

    private func send(
        _ method: HTTPMethod, _ path: String, bodyBytes: [UInt8]?, token: AccessToken?,
        timeout: Duration
    ) async throws -> (Int, [UInt8]) {
        var request = HTTPClientRequest(url: endpoint.baseURL + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: userAgent)
        if let bodyBytes {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(bodyBytes)
        }
        if let token { request.headers.add(name: "Authorization", value: token.authorizationHeader) }
        do {
            let response = try await httpClient.execute(request, timeout: TimeAmount(timeout), logger: logger)
            let buffer = try await response.body.collect(upTo: maxResponseBytes)
            return (Int(response.status.code), Array(buffer.readableBytesView))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw RESTFailure.transport("\(method.rawValue) \(path): \(error)")
        }
    }
}
