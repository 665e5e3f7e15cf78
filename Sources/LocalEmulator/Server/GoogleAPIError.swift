import GRDB
import Hummingbird
import WireJSON

/// An error in Google's JSON shape: `{"error": {"code", "message", "errors": [{"reason", ...}], "status"}}`.
///
/// Every failure the emulator reports goes through this type, so clients see the body they would
/// see from Google.
public struct GoogleAPIError: Error, HTTPResponseError, Sendable, CustomStringConvertible {
    public let status: HTTPResponse.Status
    public let reason: String
    public let message: String
    public let location: String?

    public init(_ status: HTTPResponse.Status, reason: String, message: String, location: String? = nil) {
        self.status = status
        self.reason = reason
        self.message = message
        self.location = location
    }

    public static func badRequest(_ message: String, reason: String = "invalid", location: String? = nil) -> Self {
        .init(.badRequest, reason: reason, message: message, location: location)
    }

    public static func notFound(_ message: String) -> Self { .init(.notFound, reason: "notFound", message: message) }

    public static func conflict(_ message: String) -> Self { .init(.conflict, reason: "duplicate", message: message) }

    /// What a write that found the disk full answers (SQLite's SQLITE_FULL), nil for any other error:
    /// 503 UNAVAILABLE / backendError, which clients retry, saying why. The write did not happen (its
    /// transaction rolled back), nothing stored before is lost, and writes work again once there is room.
    public init?(storageFailure error: any Error) {
        guard let error = error as? DatabaseError, error.resultCode == .SQLITE_FULL else { return nil }
        self.init(
            .serviceUnavailable, reason: "backendError",
            message: "The local emulator cannot write: the disk holding its SQLite file is full (\(error.message ?? "database or disk is full")). "
                + "Nothing it stored is lost; retry once there is free space.")
    }

    /// The canonical gRPC-style status name Google puts beside the HTTP code.
    var statusName: String {
        switch status.code {
        case 400: "INVALID_ARGUMENT"
        case 401: "UNAUTHENTICATED"
        case 403: "PERMISSION_DENIED"
        case 404: "NOT_FOUND"
        case 409: "ALREADY_EXISTS"
        case 413, 431: "INVALID_ARGUMENT"
        case 429: "RESOURCE_EXHAUSTED"
        case 499: "CANCELLED"
        case 501: "UNIMPLEMENTED"
        case 503: "UNAVAILABLE"
        case 504: "DEADLINE_EXCEEDED"
        default: status.code >= 500 ? "INTERNAL" : "FAILED_PRECONDITION"
        }
    }

    public var json: JSONValue {
        var detail: JSONObject = ["message": .string(message), "domain": "global", "reason": .string(reason)]
        if let location {
            detail["location"] = .string(location)
            detail["locationType"] = "other"
        }
        return [
            "error": [
                "code": .int(Int64(status.code)), "message": .string(message),
                "errors": [.object(detail)], "status": .string(statusName),
            ]
        ]
    }

    public var description: String { "\(status.code) \(reason): \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        JSONResponse.make(json, status: status)
    }
}
