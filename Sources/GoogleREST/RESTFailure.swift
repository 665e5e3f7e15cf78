import WireJSON

/// A REST call that did not succeed, before an API client names it in its own error type.
///
/// As with the clients' own errors, the kinds stay private so more can be added without breaking
/// callers; they ask for the service's answer (`serviceError`) or whether it was the transport.
public struct RESTFailure: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Sendable, Hashable {
        /// The service answered with an HTTP error status and (usually) Google's error body.
        case service(ServiceErrorBody)
        /// No HTTP answer: connection refused or reset, timeout.
        case transport(String)
        /// A 2xx answer that is not JSON.
        case invalidResponse(String)
    }

    private let code: Code

    public static func service(_ body: ServiceErrorBody) -> Self { Self(code: .service(body)) }
    public static func transport(_ message: String) -> Self { Self(code: .transport(message)) }
    public static func invalidResponse(_ message: String) -> Self { Self(code: .invalidResponse(message)) }

    /// The service's error answer, when it gave one.
    public var serviceError: ServiceErrorBody? {
        if case .service(let body) = code { body } else { nil }
    }

    /// No HTTP answer came: worth a retry.
    public var isTransport: Bool {
        if case .transport = code { true } else { false }
    }

    public var message: String {
        switch code {
        case .service(let body): body.message
        case .transport(let message), .invalidResponse(let message): message
        }
    }

    public var description: String {
        switch code {
        case .service(let body): "HTTP \(body.httpStatus): \(body.message)"
        case .transport(let message): "transport: \(message)"
        case .invalidResponse(let message): "invalid response: \(message)"
        }
    }
}

/// Google's `{"error": {"code", "message", "status", "errors": [{"reason", "location", "message"}]}}`.
public struct ServiceErrorBody: Sendable, Hashable {
    public var httpStatus: Int
    /// The canonical status name (`NOT_FOUND`, `UNAVAILABLE`, ...), when given.
    public var status: String?
    /// The first entry's reason (`notFound`, `invalidQuery`, `backendError`, ...), when given.
    public var reason: String?
    /// The first entry's location (a field or parameter name), when given.
    public var location: String?
    public var message: String

    public init(httpStatus: Int, status: String? = nil, reason: String? = nil, location: String? = nil, message: String) {
        self.httpStatus = httpStatus
        self.status = status
        self.reason = reason
        self.location = location
        self.message = message
    }

    /// Reads Google's error body; any other body becomes the message (its first 512 bytes).
    public init(httpStatus: Int, body: [UInt8]) {
        guard let json = try? JSONValue(parsing: body), let error = json["error"] else {
            self.init(httpStatus: httpStatus, message: String(decoding: body.prefix(512), as: UTF8.self))
            return
        }
        let first = error["errors"]?.arrayValue?.first
        self.init(
            httpStatus: httpStatus, status: error["status"]?.stringValue, reason: first?["reason"]?.stringValue,
            location: first?["location"]?.stringValue, message: error["message"]?.stringValue ?? "")
    }
}
