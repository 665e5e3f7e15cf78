import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// The token of the service account attached to a Cloud Run service or GCE instance, from the
/// metadata server (`GET /computeMetadata/v1/instance/service-accounts/default/token` with
/// `Metadata-Flavor: Google`). The host is `GCE_METADATA_HOST` when set, as Google's libraries do.
public struct MetadataServerCredentialProvider: CredentialProvider {
    public static let defaultHost = "metadata.google.internal"
    static let tokenPath = "/computeMetadata/v1/instance/service-accounts/default/token"

    /// `host` or `host:port`, without a scheme.
    public let host: String
    public let scopes: [String]
    private let httpClient: HTTPClient
    private let clock: any WallClock
    private let timeout: Duration

    /// - Parameter scopes: asked for only when non-empty; Cloud Run ignores them, GCE honours them.
    public init(
        host: String = MetadataServerCredentialProvider.defaultHost, scopes: [String] = [],
        httpClient: HTTPClient, clock: any WallClock = SystemWallClock(), timeout: Duration = .seconds(10)
    ) {
        self.host = host
        self.scopes = scopes
        self.httpClient = httpClient
        self.clock = clock
        self.timeout = timeout
    }

    /// The host from `GCE_METADATA_HOST`, else the default.
    public static func host(environment: [String: String]) -> String {
        if let host = environment["GCE_METADATA_HOST"], !host.isEmpty { return host }
        return defaultHost
    }

    public func accessToken(logger: Logger) async throws -> AccessToken? {
        var url = "http://\(host)\(Self.tokenPath)"
        if !scopes.isEmpty { url += "?scopes=" + TokenHTTP.percentEncode(scopes.joined(separator: ",")) }
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Metadata-Flavor", value: "Google")
        logger.debug("Fetching token from the metadata server", metadata: ["host": .string(host)])
        do {
            return try await TokenHTTP.fetchToken(request, httpClient: httpClient, timeout: timeout, clock: clock, logger: logger)
        } catch {
            // Off Google Cloud the host does not answer at all: say so rather than "transport failed".
            if error == .transportFailed { throw GoogleAuthError.metadataServerUnavailable.with(error.detail) }
            throw error
        }
    }

    /// Whether a metadata server answers at `host`: its root replies with `Metadata-Flavor: Google`.
    /// A short timeout, because off Google Cloud the name simply does not resolve or connect.
    public func isAvailable(timeout: Duration = .milliseconds(500), logger: Logger) async -> Bool {
        var request = HTTPClientRequest(url: "http://\(host)/")
        request.headers.add(name: "Metadata-Flavor", value: "Google")
        do {
            let response = try await httpClient.execute(request, timeout: TimeAmount(timeout), logger: logger)
            _ = try? await response.body.collect(upTo: 64 * 1024)
            return response.headers.first(name: "Metadata-Flavor") == "Google"
        } catch {
            return false
        }
    }

    /// Nothing is cached here (see `CachingCredentialProvider`).
    public func invalidate() async {}

    public var description: String { "MetadataServerCredentialProvider(\(host))" }
}
