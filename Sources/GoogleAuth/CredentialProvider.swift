import Foundation
import Logging

/// An OAuth2 access token and when it stops being valid.
public struct AccessToken: Sendable, Hashable {
    public var value: String
    public var expiresAt: Date?

    public init(value: String, expiresAt: Date?) {
        self.value = value
        self.expiresAt = expiresAt
    }
}

/// Where Google credentials come from (key file, metadata server, none for emulators).
public protocol CredentialProvider: Sendable {
    /// The token to send as `Authorization: Bearer ...`, or nil when the endpoint needs none.
    func accessToken(logger: Logger) async throws -> AccessToken?
}

/// For emulators that do not check credentials: sends no Authorization header.
public struct NoCredentialProvider: CredentialProvider {
    public init() {}
    public func accessToken(logger: Logger) async throws -> AccessToken? { nil }
}
