import GoogleREST

/// A failed Pub/Sub call: Google's error (HTTP status, status name, message) or a transport failure.
///
/// Like `HTTPClientError`, the cases are private so new ones can be added without breaking callers;
/// ask the questions callers act on instead (`isRetryable`, `isNotFound`, `isAlreadyExists`).
public struct PubSubError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        /// The service answered with an HTTP error.
        case service
        /// No HTTP answer: connection refused or reset, timeout.
        case transport
        /// A 2xx answer whose body is not what the API documents.
        case invalidResponse
        /// The publisher was shut down before the message was sent.
        case publisherClosed
    }

    private let code: Code
    /// The HTTP status, when the service answered.
    public let httpStatus: Int?
    /// Google's status name (`NOT_FOUND`, `ALREADY_EXISTS`, `UNAVAILABLE`, ...) or error reason.
    public let reason: String?
    public let message: String

    private init(code: Code, httpStatus: Int? = nil, reason: String? = nil, message: String) {
        self.code = code
        self.httpStatus = httpStatus
        self.reason = reason
        self.message = message
    }

    init(_ failure: RESTFailure) {
        if let body = failure.serviceError {
            self.init(code: .service, httpStatus: body.httpStatus, reason: body.status ?? body.reason, message: body.message)
        } else {
            self.init(code: failure.isTransport ? .transport : .invalidResponse, message: failure.message)
        }
    }

    static func invalidResponse(_ message: String) -> Self { .init(code: .invalidResponse, message: message) }
    static var publisherClosed: Self { .init(code: .publisherClosed, message: "The publisher is shut down") }

    /// Worth trying again after a pause: throttling (429), server errors (5xx) and transport failures.
    public var isRetryable: Bool {
        switch code {
        case .transport: true
        case .service: httpStatus == 429 || (httpStatus ?? 0) >= 500
        case .invalidResponse, .publisherClosed: false
        }
    }

    public var isNotFound: Bool { code == .service && httpStatus == 404 }
    public var isAlreadyExists: Bool { code == .service && httpStatus == 409 }
    public var isTransport: Bool { code == .transport }

    public var description: String {
        switch code {
        case .service: "Pub/Sub error \(httpStatus ?? 0) \(reason ?? ""): \(message)"
        case .transport: "Pub/Sub transport error: \(message)"
        case .invalidResponse: "Pub/Sub invalid response: \(message)"
        case .publisherClosed: message
        }
    }
}
