import Foundation
import HTTPTypes
import Hummingbird
import WireJSON

/// An error answer: its status and the JSON body every error of this API has,
/// `{"error": {"code", "status", "message", "errors": [...]}}` (the shape of Google's errors,
/// with `errors` listing each problem where there are several).
struct APIProblem: Error, Sendable {
    var status: HTTPResponse.Status
    var message: String
    var errors: [JSONValue] = []
    /// Sent as `Retry-After`, in whole seconds (rounded up).
    var retryAfter: Duration?
    /// Sent as `Allow` with a 405: the methods the path has.
    var allow: String?

    var statusName: String {
        switch status.code {
        case 400: "INVALID_ARGUMENT"
        case 401: "UNAUTHENTICATED"
        case 403: "PERMISSION_DENIED"
        case 404: "NOT_FOUND"
        case 405: "METHOD_NOT_ALLOWED"
        case 413: "PAYLOAD_TOO_LARGE"
        case 415: "UNSUPPORTED_MEDIA_TYPE"
        case 431: "INVALID_ARGUMENT"
        case 429: "RESOURCE_EXHAUSTED"
        case 503: "UNAVAILABLE"
        case 504: "DEADLINE_EXCEEDED"
        default: "INTERNAL"
        }
    }

    var body: JSONValue {
        var error: JSONObject = ["code": .int(Int64(status.code)), "status": .string(statusName), "message": .string(message)]
        if !errors.isEmpty { error["errors"] = .array(errors) }
        return ["error": .object(error)]
    }

    func response() -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let retryAfter { headers[.retryAfter] = String(Self.wholeSeconds(retryAfter)) }
        if let allow { headers[.allow] = allow }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body.encodedBytes())))
    }

    /// A problem with one request parameter or field.
    static func invalid(_ field: String, _ message: String) -> Self {
        APIProblem(status: .badRequest, message: message, errors: [["field": .string(field), "reason": "invalid", "message": .string(message)]])
    }

    static func unavailable(_ message: String, retryAfter: Duration) -> Self {
        APIProblem(status: .serviceUnavailable, message: message, retryAfter: retryAfter)
    }

    static func wholeSeconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return max(1, seconds + (attoseconds > 0 ? 1 : 0))
    }
}

extension HTTPField.Name {
    static let apiKey = HTTPField.Name("X-API-Key")!
    static let requestId = HTTPField.Name("X-Request-Id")!
    static let traceparent = HTTPField.Name("traceparent")!
}

/// A JSON answer.
func jsonResponse(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status, headers: [.contentType: "application/json"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: value.encodedBytes())))
}
