import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// Credentials of a service-account key file.
///
/// Two modes, as Google's libraries have:
/// - `.tokenExchange`: sign an assertion (aud = the key's `token_uri`) and trade it at `token_uri`
///   for an access token (`grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`);
/// - `.selfSignedJWT(audience:)`: the signed JWT *is* the bearer token (aud = the API's URL);
///   no network call at all.
///
/// Every call mints a fresh token: wrap it in `CachingCredentialProvider` (the default chain does).
public struct ServiceAccountCredentialProvider: CredentialProvider {
    public enum Mode: Sendable, Equatable {
        case tokenExchange
        case selfSignedJWT(audience: String)
    }

    public static let jwtBearerGrantType = "urn:ietf:params:oauth:grant-type:jwt-bearer"

    public let key: ServiceAccountKey
    public let scopes: [String]
    public let mode: Mode
    private let signingKey: RSASigningKey
    private let httpClient: HTTPClient
    private let clock: any WallClock
    private let lifetime: Int64
    private let timeout: Duration

    /// - Parameters:
    ///   - lifetime: seconds between `iat` and `exp`, capped at one hour as Google requires.
    public init(
        key: ServiceAccountKey, scopes: [String], mode: Mode = .tokenExchange, httpClient: HTTPClient,
        clock: any WallClock = SystemWallClock(), lifetime: Int64 = JSONWebToken.maximumLifetime,
        timeout: Duration = .seconds(30)
    ) throws(GoogleAuthError) {
        self.key = key
        self.scopes = scopes
        self.mode = mode
        self.signingKey = try RSASigningKey(pem: key.privateKey)
        self.httpClient = httpClient
        self.clock = clock
        self.lifetime = max(1, min(lifetime, JSONWebToken.maximumLifetime))
        self.timeout = timeout
    }

    /// The signed JWT for the current time: the assertion or, in self-signed mode, the token itself.
    public func signedJWT() throws(GoogleAuthError) -> (jwt: String, claims: JWTClaims) {
        let issuedAt = Int64(clock.now.timeIntervalSince1970.rounded(.down))
        let scope = scopes.isEmpty ? nil : scopes.joined(separator: " ")
        let claims: JWTClaims =
            switch mode {
            case .tokenExchange:
                JWTClaims(iss: key.clientEmail, scope: scope, aud: key.tokenURI, iat: issuedAt, exp: issuedAt + lifetime)
            case .selfSignedJWT(let audience):
                JWTClaims(iss: key.clientEmail, sub: key.clientEmail, aud: audience, iat: issuedAt, exp: issuedAt + lifetime)
            }
        let jwt = try JSONWebToken.sign(header: JWTHeader(kid: key.privateKeyID), claims: claims, key: signingKey)
        return (jwt, claims)
    }

    public func accessToken(logger: Logger) async throws -> AccessToken? {
        let (jwt, claims) = try signedJWT()
        switch mode {
        case .selfSignedJWT:
            return AccessToken(value: jwt, expiresAt: Date(timeIntervalSince1970: TimeInterval(claims.exp)))
        case .tokenExchange:
            logger.debug(
                "Exchanging service-account assertion",
                metadata: [
                    "client_email": .string(key.clientEmail), "token_uri": .string(TokenHTTP.redactedURL(key.tokenURI)),
                ])
            var request = HTTPClientRequest(url: key.tokenURI)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            request.headers.add(name: "Accept", value: "application/json")
            let form = TokenHTTP.formEncode([("grant_type", Self.jwtBearerGrantType), ("assertion", jwt)])
            request.body = .bytes(ByteBuffer(string: form))
            return try await TokenHTTP.fetchToken(request, httpClient: httpClient, timeout: timeout, clock: clock, logger: logger)
        }
    }

    /// Nothing is cached here (see `CachingCredentialProvider`).
    public func invalidate() async {}

    public var description: String {
        switch mode {
        case .tokenExchange: "ServiceAccountCredentialProvider(\(key.clientEmail), token exchange)"
        case .selfSignedJWT(let audience): "ServiceAccountCredentialProvider(\(key.clientEmail), self-signed for \(audience))"
        }
    }
}
