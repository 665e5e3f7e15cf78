import Foundation
import GoogleAuth
import Testing

/// RS256 signatures made by `RSASigningKey` must verify with implementations that share no code
/// with it: the openssl CLI and Python's `cryptography`.
@Suite struct SigningTests {
    @Test func signatureVerifiesWithOpensslCLI() async throws {
        let pair = try await ExternalTools.generateRSAKeyPair()
        let key = try RSASigningKey(pem: pair.privatePEM)
        #expect(key.bits == 2048)
        let message = Data("header.claims with some text".utf8)
        let signature = try key.sign(Array(message))
        #expect(signature.count == 256)
        #expect(try await ExternalTools.opensslVerifies(message: message, signature: Data(signature), publicPEM: pair.publicPEM))
        // The check can fail: a changed message must not verify.
        #expect(
            try await !ExternalTools.opensslVerifies(
                message: Data("header.claimz with some text".utf8),
                signature: Data(signature), publicPEM: pair.publicPEM))
    }

    @Test func signedJWTVerifiesWithPythonCryptography() async throws {
        let pair = try await ExternalTools.generateRSAKeyPair()
        let other = try await ExternalTools.generateRSAKeyPair()
        let key = try RSASigningKey(pem: pair.privatePEM)
        let claims = JWTClaims(
            iss: "sa@p.iam.gserviceaccount.com", scope: "a b", aud: "https://oauth2.googleapis.com/token",
            iat: 1_767_225_600, exp: 1_767_229_200)
        let jwt = try JSONWebToken.sign(header: JWTHeader(kid: "abc"), claims: claims, key: key)
        #expect(try await ExternalTools.pythonVerifiesJWT(jwt, publicPEM: pair.publicPEM))
        #expect(try await !ExternalTools.pythonVerifiesJWT(jwt, publicPEM: other.publicPEM))
    }

    @Test func signingIsDeterministicAndThreadSafe() async throws {
        // PKCS#1 v1.5 is deterministic: concurrent signers sharing one key must all agree.
        let key = try RSASigningKey(pem: await ExternalTools.generateRSAKeyPair().privatePEM)
        let expected = try key.sign(Array("same input".utf8))
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<32 { group.addTask { try key.sign(Array("same input".utf8)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 32)
        #expect(results.allSatisfy { $0 == expected })
    }

    @Test func pkcs1PrivateKeysAreAcceptedToo() async throws {
        let pkcs8 = try await ExternalTools.generateRSAKeyPair().privatePEM
        let (status, pkcs1, _) = try await ExternalTools.run("openssl", ["rsa", "-traditional"], input: Data(pkcs8.utf8))
        #expect(status == 0)
        #expect(pkcs1.contains("BEGIN RSA PRIVATE KEY"))
        let signature = try RSASigningKey(pem: pkcs1).sign(Array("x".utf8))
        #expect(signature == (try RSASigningKey(pem: pkcs8).sign(Array("x".utf8))))
    }

    @Test(arguments: ["", "not a pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"])
    func unreadableKeysAreTypedErrors(pem: String) {
        #expect(throws: GoogleAuthError.invalidPrivateKey) { try RSASigningKey(pem: pem) }
    }

    @Test func encryptedKeysAreRefusedWithoutPrompting() async throws {
        let pkcs8 = try await ExternalTools.generateRSAKeyPair().privatePEM
        let (status, encrypted, _) = try await ExternalTools.run(
            "openssl", ["pkcs8", "-topk8", "-v2", "aes-256-cbc", "-passout", "pass:secret"], input: Data(pkcs8.utf8))
        #expect(status == 0)
        #expect(throws: GoogleAuthError.invalidPrivateKey) { try RSASigningKey(pem: encrypted) }
    }

    @Test func nonRSAKeysAreRefused() async throws {
        let (status, ecKey, _) = try await ExternalTools.run("openssl", ["genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"])
        #expect(status == 0)
        #expect(throws: GoogleAuthError.invalidPrivateKey) { try RSASigningKey(pem: ecKey) }
    }

    @Test func base64URLRoundTripsWithoutPadding() {
        for length in 0..<40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 251) }
            let text = Base64URL.encode(bytes)
            #expect(!text.contains("=") && !text.contains("+") && !text.contains("/"))
            #expect(Base64URL.decode(text) == bytes)
        }
        #expect(Base64URL.decode("a+b/") == nil)
        #expect(Base64URL.decode("abcde") == nil)
    }
}
