import Foundation

/// The claims of a service-account JWT: a token-exchange assertion or a self-signed access token.
public struct JWTClaims: Codable, Sendable, Equatable {
    /// Issuer: the service account's email.
    public var iss: String
    /// Subject: the service account's email for self-signed JWTs; absent in exchange assertions.
    public var sub: String?
    /// Space-separated OAuth2 scopes.
    public var scope: String?
    /// Audience: the token URI (exchange) or the API's URL (self-signed).
    public var aud: String
    /// Issued at, seconds since 1970.
    public var iat: Int64
    /// Expiry, seconds since 1970; Google allows at most one hour after `iat`.
    public var exp: Int64

    public init(iss: String, sub: String? = nil, scope: String? = nil, aud: String, iat: Int64, exp: Int64) {
        self.iss = iss
        self.sub = sub
        self.scope = scope
        self.aud = aud
        self.iat = iat
        self.exp = exp
    }
}

/// The JOSE header: always RS256, naming the signing key so the verifier can find it.
public struct JWTHeader: Codable, Sendable, Equatable {
    public var alg: String
    public var typ: String
    public var kid: String?

    public init(kid: String?) {
        alg = "RS256"
        typ = "JWT"
        self.kid = kid
    }
}

/// Compact-serialized RS256 JWTs: `base64url(header).base64url(claims).base64url(signature)`.
public enum JSONWebToken {
    /// The longest lifetime Google accepts for an assertion or self-signed JWT.
    public static let maximumLifetime: Int64 = 3600

    public static func sign(header: JWTHeader, claims: JWTClaims, key: RSASigningKey) throws(GoogleAuthError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let headerJSON: Data
        let claimsJSON: Data
        do {
            headerJSON = try encoder.encode(header)
            claimsJSON = try encoder.encode(claims)
        } catch {
            throw GoogleAuthError.signingFailed.with("cannot encode JWT: \(error)")
        }
        let signingInput = Base64URL.encode(headerJSON) + "." + Base64URL.encode(claimsJSON)
        let signature = try key.sign(Array(signingInput.utf8))
        return signingInput + "." + Base64URL.encode(signature)
    }
}
