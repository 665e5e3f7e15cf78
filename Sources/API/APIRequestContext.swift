import Foundation
import Hummingbird

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
        requestId = UUID().uuidString.lowercased()
    }
}
