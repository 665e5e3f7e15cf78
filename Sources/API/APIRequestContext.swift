import Foundation
import Hummingbird
import Logging

/// Per-request state: the request id every answer carries and the caller's address.
public struct APIRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The peer's IP address: whom an unauthenticated caller is rate-limited as.
    public let clientAddress: String
    /// `X-Request-Id` as the caller sent it (when it is sane) or a new one.
    public var requestId: String

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        clientAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
        requestId = RequestIdentifiers.next()
    }

    /// The request's logger with its id attached. Made when a line is written, not per request:
    /// setting a logger's metadata re-renders all of it (swift-log's stream handler), which was a
    /// twentieth of a cached read's time.
    public var requestLogger: Logger {
        var logger = logger
        logger[metadataKey: "request_id"] = .string(requestId)
        return logger
    }
}
