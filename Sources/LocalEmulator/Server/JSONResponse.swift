import Hummingbird
import NIOCore
import WireJSON

enum JSONResponse {
    static func make(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(512)
        value.encode(into: &bytes)
        bytes.append(0x0A)
        return Response(
            status: status, headers: [.contentType: "application/json; charset=UTF-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func empty() -> Response { make(.object(JSONObject())) }
}

extension Request {
    /// The request body's bytes; bodies over `limit` bytes get a 413, `tooLarge` when given.
    func collectBody(limit: Int, tooLarge: GoogleAPIError? = nil) async throws -> ByteBuffer {
        do {
            return try await body.collect(upTo: limit)
        } catch {
            throw tooLarge
                ?? GoogleAPIError(
                    .contentTooLarge, reason: "badRequest",
                    message: "Request payload size exceeds the limit: \(limit) bytes.")
        }
    }

    /// The body as a JSON object, or a 400 naming what was expected.
    func jsonObjectBody(limit: Int) async throws -> JSONObject {
        try JSONRequestBody.object(try await collectBody(limit: limit))
    }

    func queryValue(_ name: String) -> String? { uri.queryParameters.get(name) }

    func queryFlag(_ name: String) -> Bool {
        guard let value = uri.queryParameters.get(name) else { return false }
        return value == "true" || value == "1" || value == "True"
    }
}

extension Parameters {
    /// A path parameter the route pattern guarantees; a 400 if it is somehow missing.
    func required(_ name: String) throws -> String {
        guard let value = get(name) else { throw GoogleAPIError.badRequest("Missing path parameter \(name)") }
        return value.removingPercentEncoding ?? value
    }
}

/// Request bodies read as JSON, with Google's 400s for what does not parse.
enum JSONRequestBody {
    /// An empty body reads as `{}`.
    static func parse(_ buffer: ByteBuffer) throws -> JSONValue {
        if buffer.readableBytes == 0 { return .object(JSONObject()) }
        do {
            return try buffer.readableBytesView.withContiguousStorageIfAvailable { try JSONValue(parsing: $0) }
                ?? JSONValue(parsing: Array(buffer.readableBytesView))
        } catch {
            throw GoogleAPIError.badRequest("Invalid JSON payload received. \(error)", reason: "parseError")
        }
    }

    static func object(_ buffer: ByteBuffer) throws -> JSONObject {
        guard case .object(let object) = try parse(buffer) else {
            throw GoogleAPIError.badRequest("Invalid JSON payload received. Expected an object.", reason: "parseError")
        }
        return object
    }
}
