import AsyncHTTPClient
import Foundation
import GoogleAuth
import Logging
import Testing

/// Key-file credentials against a fake token endpoint on loopback.
@Suite struct TokenExchangeTests {
    let logger = Logger(label: "test")

    static func key(port: Int) throws -> ServiceAccountKey {
        ServiceAccountKey(
            projectID: "proj", privateKeyID: "kid-1", privateKey: try TestKeys.shared().privatePEM,
            clientEmail: "sink@proj.iam.gserviceaccount.com", tokenURI: "http://127.0.0.1:\(port)/token")
    }

    @Test func exchangesASignedAssertionForAToken() async throws {
        let server = FakeGoogleServer()
        let clock = ManualWallClock(Date(timeIntervalSince1970: 1_767_225_600))
        try await server.run { port in
            let provider = try ServiceAccountCredentialProvider(
                key: Self.key(port: port), scopes: [GoogleScopes.bigQuery],
                httpClient: .shared, clock: clock)
            let token = try #require(try await provider.accessToken(logger: logger))
            #expect(token.value == "exchanged-token")
            #expect(token.expiresAt == clock.now.addingTimeInterval(3599))
        }
        let form = server.recorded.withLock { $0.lastForm }
        #expect(form["grant_type"] == "urn:ietf:params:oauth:grant-type:jwt-bearer")
        let assertion = try #require(form["assertion"])
        // What arrived is the JWT we signed, with the token URI as audience, and it verifies.
        #expect(try await ExternalTools.pythonVerifiesJWT(assertion, publicPEM: TestKeys.shared().publicPEM))
        let claims = try JWTClaimsTests.decodeSegment(assertion.split(separator: ".")[1])
        #expect((claims["aud"] as? String)?.hasSuffix("/token") == true)
        #expect(claims["scope"] as? String == GoogleScopes.bigQuery)
    }

    @Test func oauthErrorsBecomeTypedErrors() async throws {
        let server = FakeGoogleServer()
        server.tokenReply.withLock { $0 = (400, #"{"error":"invalid_grant","error_description":"Invalid JWT Signature."}"#) }
        try await server.run { port in
            let provider = try ServiceAccountCredentialProvider(key: Self.key(port: port), scopes: ["s"], httpClient: .shared)
            let error = await #expect(throws: GoogleAuthError.tokenRequestRejected) { try await provider.accessToken(logger: logger) }
            #expect(error?.httpStatus == 400)
            #expect(error?.detail.contains("invalid_grant: Invalid JWT Signature.") == true)
            #expect(error?.isRetryable == false)
        }
    }

    @Test func serverErrorsAreRetryableAndGarbageIsInvalid() async throws {
        let server = FakeGoogleServer()
        try await server.run { port in
            let provider = try ServiceAccountCredentialProvider(key: Self.key(port: port), scopes: ["s"], httpClient: .shared)
            server.tokenReply.withLock { $0 = (503, "unavailable") }
            let error = await #expect(throws: GoogleAuthError.tokenRequestRejected) { try await provider.accessToken(logger: logger) }
            #expect(error?.isRetryable == true)
            server.tokenReply.withLock { $0 = (200, #"{"nope":1}"#) }
            await #expect(throws: GoogleAuthError.invalidTokenResponse) { try await provider.accessToken(logger: logger) }
        }
    }

    @Test func unreachableTokenEndpointIsATransportError() async throws {
        // Port 9 (discard) on loopback: nothing listens there.
        let provider = try ServiceAccountCredentialProvider(
            key: Self.key(port: 9), scopes: ["s"], httpClient: .shared,
            timeout: .seconds(2))
        let error = await #expect(throws: GoogleAuthError.transportFailed) { try await provider.accessToken(logger: logger) }
        #expect(error?.isRetryable == true)
    }

    @Test func oneTokenRequestForAHundredConcurrentCallers() async throws {
        let server = FakeGoogleServer(tokenDelay: .milliseconds(200))
        try await server.run { port in
            let provider = try ServiceAccountCredentialProvider(key: Self.key(port: port), scopes: ["s"], httpClient: .shared)
            let cache = CachingCredentialProvider(wrapping: provider)
            let tokens = try await withThrowingTaskGroup(of: String?.self) { group in
                for _ in 0..<100 { group.addTask { try await cache.accessToken(logger: logger)?.value } }
                return try await group.reduce(into: [String?]()) { $0.append($1) }
            }
            #expect(tokens.count == 100)
            #expect(Set(tokens) == ["exchanged-token"])
        }
        #expect(server.tokenHits == 1)
    }
}
