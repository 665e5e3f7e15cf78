import Foundation
import GoogleAuth
import WireJSON

/// The emulator's identity provider: issues service-account keys, trades signed assertions for
/// access tokens, and says who a bearer token belongs to. HTTP lives in `AuthAPI`/`AuthMiddleware`.
struct AuthService: Sendable {
    static let accessTokenLifetime: TimeInterval = 3600

    /// The credential store could not answer (SQLite busy, an I/O error, a damaged file): the
    /// emulator's failure, so 503, which clients retry, and never a 401 or `invalid_grant` that
    /// would make them throw away credentials that are fine.
    static let storeUnavailable = GoogleAPIError(
        .serviceUnavailable, reason: "backendError",
        message: "The emulator's credential store is unavailable; retry the request.")

    let store: AuthStore
    /// Injected so tests can expire tokens and assertions without sleeping.
    let now: @Sendable () -> Date

    // MARK: Keys

    /// Creates (or reuses) the account and gives it a new RSA-2048 key; returns the key file JSON
    /// IAM's keys.create would, with `token_uri` pointing at this emulator.
    func createKey(project: String, accountID: String, role: ServiceAccountRole?, tokenURI: String) async throws -> JSONValue {
        let (account, _) = try await store.ensureAccount(project: project, accountID: accountID, role: role, now: now())
        let pair = try RSAKeyPair.generate()
        // IAM's private_key_id: 40 lowercase hex digits.
        let keyID = AuthCrypto.hex(AuthCrypto.randomBytes(20))
        try await store.addKey(keyID: keyID, email: account.email, publicKeyPEM: pair.publicKeyPEM, now: now())
        let encodedEmail = account.email.replacingOccurrences(of: "@", with: "%40")
        return [
            "type": "service_account",
            "project_id": .string(project),
            "private_key_id": .string(keyID),
            "private_key": .string(pair.privateKeyPEM),
            "client_email": .string(account.email),
            "client_id": .string(account.clientID),
            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": .string(tokenURI),
            "auth_provider_x509_cert_url": "https://www.googleapis.com/oauth2/v1/certs",
            "client_x509_cert_url": .string("https://www.googleapis.com/robot/v1/metadata/x509/\(encodedEmail)"),
            "universe_domain": "googleapis.com",
        ]
    }

    // MARK: Token endpoint

    /// RFC 7523 jwt-bearer grant: verifies the assertion and issues an opaque access token.
    /// `audiences` are the token URLs this emulator answers to.
    func exchange(form: [String: String], audiences: Set<String>) async throws -> JSONValue {
        guard let grantType = form["grant_type"], !grantType.isEmpty else {
            throw OAuthError.invalidRequest("Missing required parameter: grant_type")
        }
        guard grantType == ServiceAccountCredentialProvider.jwtBearerGrantType else {
            throw OAuthError(error: "unsupported_grant_type", description: "Invalid grant_type: \(grantType)")
        }
        guard let assertion = form["assertion"], !assertion.isEmpty else {
            throw OAuthError.invalidRequest("Missing required parameter: assertion")
        }
        guard let jwt = SignedJWT(assertion) else {
            throw OAuthError.invalidGrant("Invalid JWT: the assertion is not a compact RS256 JWT.")
        }
        let account = try await storeCall { try await verifiedAccount(jwt) }
        guard let audience = jwt.audience, audiences.contains(audience) else {
            throw OAuthError.invalidGrant(
                "Invalid JWT: Failed audience check. The expected value was \(audiences.sorted().first ?? "this emulator's token URL").")
        }
        guard jwt.hasValidTimeframe(now: nowSeconds) else { throw OAuthError.badTimeframe }
        guard let scope = jwt.scope, !scope.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw OAuthError(error: "invalid_scope", description: "Invalid OAuth scope or ID token audience provided.")
        }
        let token = "ya29.emulator." + Base64URL.encode(AuthCrypto.randomBytes(32))
        let issuedAt = now()
        try await storeCall {
            try await store.storeToken(token, account: account, expiresAt: issuedAt.addingTimeInterval(Self.accessTokenLifetime), now: issuedAt)
        }
        return ["access_token": .string(token), "expires_in": .int(Int64(Self.accessTokenLifetime)), "token_type": "Bearer"]
    }

    /// The account whose registered key signed `jwt` (`kid` names it; without one, any key of `iss`).
    private func verifiedAccount(_ jwt: SignedJWT) async throws -> AuthStore.Account {
        guard let issuer = jwt.issuer, !issuer.isEmpty else { throw OAuthError.invalidGrant("Invalid JWT: missing iss claim.") }
        guard let account = try await store.account(email: issuer) else {
            throw OAuthError.invalidGrant("Invalid grant: account not found")
        }
        let keys = try await store.keys(keyID: jwt.keyID, email: issuer).filter { $0.email == issuer }
        guard keys.contains(where: { $0.publicKey.verify(signature: jwt.signature, message: jwt.signingInput) }) else {
            throw OAuthError.invalidSignature
        }
        return account
    }

    /// Runs a store operation, passing OAuth verdicts through and turning any other failure into
    /// `storeUnavailable`.
    private func storeCall<T: Sendable>(_ operation: () async throws -> T) async throws -> T {
        do {
            return try await operation()
        } catch let error as OAuthError {
            throw error
        } catch {
            throw Self.storeUnavailable
        }
    }

    private var nowSeconds: Int64 { Int64(now().timeIntervalSince1970.rounded(.down)) }

    // MARK: Bearer tokens

    enum Authentication: Sendable {
        case authenticated(AuthStore.Account)
        case missing
        case invalid
        /// The store failed while checking: answer 503, not 401.
        case unavailable
    }

    /// Who `authorization` (the header value) belongs to: an access token this emulator issued, or
    /// a self-signed JWT from a registered key whose `aud` is one of `apiAudiences` (or that
    /// carries a `scope` instead, as Google also accepts).
    func authenticate(authorization: String?, apiAudiences: Set<String>) async -> Authentication {
        guard let authorization else { return .missing }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return .missing }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty else { return .missing }
        if let jwt = SignedJWT(token) {
            let account: AuthStore.Account
            do {
                account = try await verifiedAccount(jwt)
            } catch is OAuthError {
                return .invalid
            } catch {
                return .unavailable
            }
            guard jwt.hasValidTimeframe(now: nowSeconds, skew: 60) else { return .invalid }
            if let audience = jwt.audience {
                return apiAudiences.contains(audience) ? .authenticated(account) : .invalid
            }
            return jwt.scope?.isEmpty == false ? .authenticated(account) : .invalid
        }
        do {
            guard let issued = try await store.token(token, now: now()) else { return .invalid }
            return .authenticated(issued.account)
        } catch {
            return .unavailable
        }
    }
}
