import GoogleREST

/// A failed BigQuery call: Google's error (HTTP status, reason, message), a transport failure, or an
/// answer that does not read as the API documents.
///
/// Like `HTTPClientError`, the cases stay private so more can be added without breaking callers; ask
/// the questions callers act on (`isRetryable`, `isNotFound`, `isAlreadyExists`).
public struct BigQueryError: Error, Sendable, Hashable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case service
        case transport
        case invalidResponse
        /// A request the caller built that BigQuery would refuse, caught before it is sent.
        case invalidRequest
        /// A query job that ended with an error result.
        case jobFailed
        /// A query that was still running when the caller's deadline passed.
        case timedOut
    }

    private let code: Code
    /// The HTTP status, when the service answered.
    public let httpStatus: Int?
    /// BigQuery's error reason (`notFound`, `duplicate`, `invalidQuery`, `backendError`, `rateLimitExceeded`, ...).
    public let reason: String?
    /// The field or parameter the error is about, when BigQuery says.
    public let location: String?
    public let message: String

    private init(code: Code, httpStatus: Int? = nil, reason: String? = nil, location: String? = nil, message: String) {
        self.code = code
        self.httpStatus = httpStatus
        self.reason = reason
        self.location = location
        self.message = message
    }

    init(_ failure: RESTFailure) {
        if let body = failure.serviceError {
            self.init(
                code: .service, httpStatus: body.httpStatus, reason: body.reason ?? body.status,
                location: body.location, message: body.message)
        } else {
            self.init(code: failure.isTransport ? .transport : .invalidResponse, message: failure.message)
        }
    }

    static func invalidResponse(_ message: String) -> Self { .init(code: .invalidResponse, message: message) }

    static func invalidRequest(_ message: String) -> Self { .init(code: .invalidRequest, message: message) }

    static func jobFailed(reason: String?, location: String?, message: String) -> Self {
        .init(code: .jobFailed, reason: reason, location: location, message: message)
    }

    static func timedOut(jobId: String) -> Self {
        .init(code: .timedOut, message: "Query job \(jobId) did not complete before the deadline")
    }

    /// Reasons BigQuery documents as transient: try again after a pause.
    static let retryableReasons: Set<String> = [
        "backendError", "rateLimitExceeded", "internalError", "badGateway",
        "jobBackendError", "jobInternalError",
    ]

    /// Worth trying again after a pause: transport failures, 429 and 5xx answers, and transient
    /// reasons (BigQuery sends `rateLimitExceeded` with a 403).
    public var isRetryable: Bool {
        switch code {
        case .transport: true
        case .service:
            httpStatus == 429 || (httpStatus ?? 0) >= 500 || reason.map(Self.retryableReasons.contains) == true
        case .jobFailed: reason.map(Self.retryableReasons.contains) == true
        case .invalidResponse, .invalidRequest, .timedOut: false
        }
    }

    public var isNotFound: Bool { code == .service && httpStatus == 404 }
    public var isAlreadyExists: Bool { code == .service && httpStatus == 409 }
    public var isTransport: Bool { code == .transport }
    public var isUnauthenticated: Bool { code == .service && httpStatus == 401 }
    public var isPermissionDenied: Bool { code == .service && httpStatus == 403 && !isRetryable }

    public var description: String {
        switch code {
        case .service: "BigQuery error \(httpStatus ?? 0)\(reason.map { " \($0)" } ?? ""): \(message)"
        case .transport: "BigQuery transport error: \(message)"
        case .invalidResponse: "BigQuery invalid response: \(message)"
        case .invalidRequest: "BigQuery request not sent: \(message)"
        case .jobFailed: "BigQuery job failed\(reason.map { " (\($0))" } ?? ""): \(message)"
        case .timedOut: message
        }
    }
}
