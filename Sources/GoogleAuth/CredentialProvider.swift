import Foundation
import Logging

/// An OAuth2 access token and when it stops being valid.
///
/// The value is a secret: `description`, `debugDescription` and reflection (`dump`, string
/// interpolation) show only a redacted form, so a token never reaches a log by accident.
public struct AccessToken: Sendable, Hashable {
    public var value: String
    public var expiresAt: Date?

    public init(value: String, expiresAt: Date?) {
        self.value = value
        self.expiresAt = expiresAt
    }

    /// The `Authorization` header value.
    public var authorizationHeader: String { "Bearer \(value)" }
}

extension AccessToken: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public var description: String {
        "AccessToken(<redacted \(value.utf8.count) bytes>, expiresAt: \(expiresAt.map { "\($0)" } ?? "never"))"
    }

    public var debugDescription: String { description }

    public var customMirror: Mirror { Mirror(self, children: ["value": "<redacted>", "expiresAt": expiresAt as Any]) }
}

/// Where Google credentials come from (key file, metadata server, none for emulators).
public protocol CredentialProvider: Sendable, CustomStringConvertible {
    /// The token to send as `Authorization: Bearer ...`, or nil when the endpoint needs none.
    func accessToken(logger: Logger) async throws -> AccessToken?

    /// Forget any cached token, e.g. after the server answered 401 to it; the next
    /// `accessToken` fetches a new one. A no-op for providers that cache nothing.
    ///
    /// Deliberately without a default implementation: a protocol-extension default shadows an
    /// actor's own isolated `invalidate()` when called on the concrete actor type, silently
    /// turning it into a no-op.
    func invalidate() async
}

extension CredentialProvider {
    public var description: String { "\(type(of: self))" }
}

/// For emulators that do not check credentials: sends no Authorization header.
public struct NoCredentialProvider: CredentialProvider {
    public init() {}
    public func accessToken(logger: Logger) async throws -> AccessToken? { nil }
    public func invalidate() async {}
}
