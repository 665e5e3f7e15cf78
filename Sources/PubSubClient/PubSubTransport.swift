import AsyncHTTPClient
import GoogleAuth
import Logging
import NIOCore
import NIOHTTP1
import WireJSON

/// Sends one JSON request to the Pub/Sub REST API and turns the answer into JSON or a `PubSubError`.
struct PubSubTransport: Sendable {
    let httpClient: HTTPClient
    let endpoint: PubSubEndpoint
    let credentials: any CredentialProvider
    let logger: Logger
    /// Largest answer read; a pull of 1000 messages of 10 MB each is not expected, 64 MB is plenty.
    let maxResponseBytes = 64 * 1024 * 1024

    func call(_ method: HTTPMethod, _ path: String, body: JSONValue?, timeout: TimeAmount) async throws -> JSONValue {
        var request = HTTPClientRequest(url: endpoint.baseURL + "/v1/" + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "warehouse-pubsub-client/1")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(body.encodedBytes())
        }
        if !endpoint.isEmulator, let token = try await credentials.accessToken(logger: logger) {
            request.headers.add(name: "Authorization", value: "Bearer \(token.value)")
        }
        let response: HTTPClientResponse
        let buffer: ByteBuffer
        do {
            response = try await httpClient.execute(request, timeout: timeout, logger: logger)
            buffer = try await response.body.collect(upTo: maxResponseBytes)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw PubSubError.transport("\(method.rawValue) \(path): \(error)")
        }
        let bytes = Array(buffer.readableBytesView)
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else { throw Self.serviceError(status: status, body: bytes) }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) { return .object(JSONObject()) }
        do {
            return try JSONValue(parsing: bytes)
        } catch {
            throw PubSubError.invalidResponse("\(method.rawValue) \(path): \(error)")
        }
    }

    /// Google's `{"error": {"code", "message", "status", "errors": [{"reason"}]}}`, or whatever text came.
    static func serviceError(status: Int, body: [UInt8]) -> PubSubError {
        if let json = try? JSONValue(parsing: body), let error = json["error"] {
            let reason = error["status"]?.stringValue ?? error["errors"]?.arrayValue?.first?["reason"]?.stringValue
            return .service(status: status, reason: reason, message: error["message"]?.stringValue ?? "")
        }
        return .service(status: status, reason: nil, message: String(decoding: body.prefix(512), as: UTF8.self))
    }
}
