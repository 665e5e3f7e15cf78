import GoogleAuth
import WireJSON

@testable import LocalEmulator

/// The assertion parser of `POST /token` and of bearer JWTs. The first byte of an input picks what
/// the rest is:
/// - even: a whole assertion string, as a client could send it (also read as a form body);
/// - odd: the claims JSON of a JWT that the harness signs with a registered key, so that inputs
///   get past the signature to the claim checks (issuer, audience, scope, the time window).
enum JWTFuzz {
    static let target = FuzzTarget(name: "jwt", prepare: { _ = keys }) { bytes in
        guard let mode = bytes.first else { return }
        let rest = UnsafeBufferPointer(rebasing: bytes.dropFirst())
        if mode % 2 == 0 { checkAssertion(String(decoding: rest, as: UTF8.self)) } else { checkSignedClaims(rest) }
    }

    static func checkAssertion(_ text: String) {
        let form = FormDecoding.decode(text)
        if let assertion = form["assertion"] { inspect(SignedJWT(assertion)) }
        let jwt = SignedJWT(text)
        inspect(jwt)
        if let jwt {
            require(!jwt.signature.isEmpty, "an assertion with an empty signature parsed: \(text.debugDescription)")
            _ = keys.publicKey.verify(signature: jwt.signature, message: jwt.signingInput)
        }
    }

    static func checkSignedClaims(_ claims: UnsafeBufferPointer<UInt8>) {
        let header = Base64URL.encode(#"{"alg":"RS256","typ":"JWT","kid":"fuzz-key"}"#.utf8)
        let signingInput = Array((header + "." + Base64URL.encode(claims)).utf8)
        guard let signature = try? keys.signingKey.sign(signingInput) else {
            fatalError("FUZZ SETUP: signing failed")
        }
        let assertion = String(decoding: signingInput, as: UTF8.self) + "." + Base64URL.encode(signature)
        let jwt = SignedJWT(assertion)
        let isObject = if case .object? = try? JSONValue(parsing: claims) { true } else { false }
        require(
            (jwt != nil) == isObject,
            "a signed JWT whose claims are \(isObject ? "" : "not ")an object "
                + "\(jwt == nil ? "did not parse" : "parsed"): \(String(decoding: claims, as: UTF8.self).debugDescription)")
        guard let jwt else { return }
        require(jwt.keyID == "fuzz-key", "kid read as \(String(describing: jwt.keyID))")
        require(
            keys.publicKey.verify(signature: jwt.signature, message: jwt.signingInput),
            "the signature of a harness-signed JWT does not verify")
        inspect(jwt)
    }

    /// What the token endpoint and the bearer check read from a parsed JWT, at several clocks.
    private static func inspect(_ jwt: SignedJWT?) {
        guard let jwt else { return }
        _ = (jwt.issuer, jwt.audience, jwt.scope, jwt.keyID)
        for now in [0, 1_700_000_000, Int64.max / 2, -1_700_000_000] as [Int64] {
            _ = jwt.hasValidTimeframe(now: now)
            _ = jwt.hasValidTimeframe(now: now, skew: 60)
        }
    }

    struct Keys: Sendable {
        let signingKey: RSASigningKey
        let publicKey: RSAPublicKey
    }

    /// One key pair for the whole run: generating RSA keys per input would be all the run did.
    static let keys: Keys = {
        do {
            let pair = try RSAKeyPair.generate()
            guard let publicKey = RSAPublicKey(pem: pair.publicKeyPEM) else { fatalError("FUZZ SETUP: public key") }
            return Keys(signingKey: try RSASigningKey(pem: pair.privateKeyPEM), publicKey: publicKey)
        } catch {
            fatalError("FUZZ SETUP: \(error)")
        }
    }()
}
