import AsyncHTTPClient
import Foundation
import GoogleAuth
import Testing

/// The header and claims of the JWTs a service-account key produces, and their time window.
@Suite struct JWTClaimsTests {
    static func decodeSegment(_ segment: Substring) throws -> [String: Any] {
        let bytes = try #require(Base64URL.decode(segment))
        return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
    }

    static func makeKey(tokenURI: String = "https://oauth2.googleapis.com/token") throws -> ServiceAccountKey {
        ServiceAccountKey(
            projectID: "proj", privateKeyID: "0123456789abcdef", privateKey: try TestKeys.shared().privatePEM,
            clientEmail: "loader@proj.iam.gserviceaccount.com", tokenURI: tokenURI)
    }

    @Test func assertionClaimsAndHeader() throws {
        let clock = ManualWallClock(Date(timeIntervalSince1970: 1_767_225_600.75))
        let key = try Self.makeKey(tokenURI: "http://127.0.0.1:9/token")
        let provider = try ServiceAccountCredentialProvider(
            key: key, scopes: [GoogleScopes.bigQuery, GoogleScopes.pubSub], httpClient: .shared, clock: clock)
        let (jwt, _) = try provider.signedJWT()
        let parts = jwt.split(separator: ".", omittingEmptySubsequences: false)
        #expect(parts.count == 3)
        #expect(!jwt.contains("="))
        let header = try Self.decodeSegment(parts[0])
        #expect(header["alg"] as? String == "RS256")
        #expect(header["typ"] as? String == "JWT")
        #expect(header["kid"] as? String == "0123456789abcdef")
        let claims = try Self.decodeSegment(parts[1])
        #expect(claims["iss"] as? String == "loader@proj.iam.gserviceaccount.com")
        #expect(claims["aud"] as? String == "http://127.0.0.1:9/token")
        #expect(claims["scope"] as? String == "https://www.googleapis.com/auth/bigquery https://www.googleapis.com/auth/pubsub")
        #expect(claims["sub"] == nil)
        let iat = try #require(claims["iat"] as? Int)
        let exp = try #require(claims["exp"] as? Int)
        #expect(iat == 1_767_225_600)
        #expect(exp - iat == 3600)
    }

    @Test func lifetimeIsCappedAtOneHour() throws {
        let clock = ManualWallClock()
        let provider = try ServiceAccountCredentialProvider(
            key: Self.makeKey(), scopes: ["s"], httpClient: .shared,
            clock: clock, lifetime: 7200)
        let claims = try provider.signedJWT().claims
        #expect(claims.exp - claims.iat == 3600)
        let short = try ServiceAccountCredentialProvider(
            key: Self.makeKey(), scopes: ["s"], httpClient: .shared,
            clock: clock, lifetime: 600)
        let shortClaims = try short.signedJWT().claims
        #expect(shortClaims.exp - shortClaims.iat == 600)
    }

    @Test func windowFollowsTheClock() throws {
        let clock = ManualWallClock(Date(timeIntervalSince1970: 2_000_000_000))
        let provider = try ServiceAccountCredentialProvider(key: Self.makeKey(), scopes: ["s"], httpClient: .shared, clock: clock)
        let first = try provider.signedJWT().claims
        clock.advance(by: .seconds(1234))
        let second = try provider.signedJWT().claims
        #expect(second.iat - first.iat == 1234)
        #expect(second.exp - first.exp == 1234)
    }

    @Test func selfSignedJWTIsTheTokenItself() async throws {
        let clock = ManualWallClock(Date(timeIntervalSince1970: 1_800_000_000))
        let provider = try ServiceAccountCredentialProvider(
            key: Self.makeKey(), scopes: [GoogleScopes.bigQuery],
            mode: .selfSignedJWT(audience: "https://bigquery.googleapis.com/"), httpClient: .shared, clock: clock)
        // No HTTP at all: the token URI is unreachable and must not matter.
        let token = try #require(try await provider.accessToken(logger: .init(label: "test")))
        #expect(token.expiresAt == Date(timeIntervalSince1970: 1_800_003_600))
        let parts = token.value.split(separator: ".")
        #expect(parts.count == 3)
        let claims = try Self.decodeSegment(parts[1])
        #expect(claims["aud"] as? String == "https://bigquery.googleapis.com/")
        #expect(claims["iss"] as? String == "loader@proj.iam.gserviceaccount.com")
        #expect(claims["sub"] as? String == "loader@proj.iam.gserviceaccount.com")
        #expect(claims["scope"] == nil)
    }
}
