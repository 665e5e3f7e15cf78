import GoogleAuth
import WireJSON

/// A compact RS256 JWT taken apart, before its signature is trusted.
struct SignedJWT: Sendable {
    let keyID: String?
    let claims: JSONObject
    /// `base64url(header) "." base64url(claims)`: the bytes the signature covers.
    let signingInput: [UInt8]
    let signature: [UInt8]

    /// nil unless `text` is three base64url segments with JSON-object header and claims and
    /// `alg` RS256: anything else is not a JWT this emulator could have a key for.
    init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3,
            let headerBytes = Base64URL.decode(parts[0]), let claimBytes = Base64URL.decode(parts[1]),
            let signature = Base64URL.decode(parts[2]), !signature.isEmpty,
            case .object(let header)? = try? JSONValue(parsing: headerBytes),
            case .object(let claims)? = try? JSONValue(parsing: claimBytes),
            header["alg"]?.stringValue == "RS256"
        else { return nil }
        keyID = header["kid"]?.stringValue
        self.claims = claims
        signingInput = Array(parts[0].utf8) + [UInt8(ascii: ".")] + Array(parts[1].utf8)
        self.signature = signature
    }

    var issuer: String? { claims["iss"]?.stringValue }
    var audience: String? { claims["aud"]?.stringValue }
    var scope: String? { claims["scope"]?.stringValue }
    var issuedAt: Int64? { claims["iat"]?.int64Value }
    var expiresAt: Int64? { claims["exp"]?.int64Value }

    /// Google's rule: exp after iat by at most an hour, not expired, not issued in the future
    /// (beyond `skew` seconds of clock difference).
    ///
    /// The claims are whatever the caller signed, Int64.min and Int64.max included, so every
    /// difference and sum is computed with overflow reported: an overflowing lifetime is too long,
    /// and a deadline past Int64.max is Int64.max.
    func hasValidTimeframe(now: Int64, skew: Int64 = 300) -> Bool {
        guard let issuedAt, let expiresAt, expiresAt > issuedAt, expiresAt > now else { return false }
        let lifetime = expiresAt.subtractingReportingOverflow(issuedAt)
        guard !lifetime.overflow, lifetime.partialValue <= JSONWebToken.maximumLifetime else { return false }
        let latestIssue = now.addingReportingOverflow(skew)
        return latestIssue.overflow || issuedAt <= latestIssue.partialValue
    }
}
