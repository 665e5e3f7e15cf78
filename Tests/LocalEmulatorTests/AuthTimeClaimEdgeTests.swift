import Foundation
import GoogleAuth
import Hummingbird
import HummingbirdTesting
import Testing

@testable import LocalEmulator

/// Validly signed assertions whose `iat`/`exp` sit at the ends of Int64: refused like any other bad
/// timeframe, at the token endpoint and as a self-signed bearer token, never an arithmetic trap.
@Suite struct AuthTimeClaimEdgeTests {
    typealias S = AuthTestSupport

    /// (name, iat, exp) relative to `now`; every one is outside Google's one-hour window.
    static func extremes(now: Int64) -> [(String, Int64, Int64)] {
        [
            ("iat min", .min, now + 600), ("iat min, exp max", .min, .max), ("exp max", now, .max),
            ("both max", .max - 1, .max), ("exp min", now, .min), ("both min", .min, .min + 1),
            ("iat far future", .max - 3600, .max - 1),
        ]
    }

    @Test func tokenEndpointRefusesExtremeTimeClaims() async throws {
        try await S.makeApplication(LocalEmulator()).test(.live) { client in
            let key = try await S.createKey(client, accountID: "edge-writer", role: "writer")
            let now = Int64(Date().timeIntervalSince1970)
            for (name, iat, exp) in Self.extremes(now: now) {
                let response = try await S.exchange(client, assertion: S.assertion(key: key, iat: iat, exp: exp))
                #expect(response.status == .badRequest, "\(name)")
                #expect(try S.parse(response)["error"] == "invalid_grant", "\(name)")
            }
            // The window itself still works.
            let fine = try await S.exchange(client, assertion: S.assertion(key: key, iat: now, exp: now + 3600))
            #expect(fine.status == .ok)
        }
    }

    @Test func selfSignedBearerWithExtremeTimeClaimsIs401() async throws {
        try await S.makeApplication(LocalEmulator(configuration: S.authConfiguration))
            .test(.live) { client in
                let key = try await S.createKey(client, accountID: "edge-writer", role: "writer")
                let now = Int64(Date().timeIntervalSince1970)
                for (name, iat, exp) in Self.extremes(now: now) {
                    let jwt = try S.assertion(key: key, iat: iat, exp: exp, aud: "https://bigquery.googleapis.com/")
                    let response = try await client.execute(uri: S.probePath, method: .get, headers: S.bearer(jwt))
                    #expect(response.status == .unauthorized, "\(name)")
                }
                let fine = try S.assertion(key: key, iat: now, exp: now + 3600, aud: "https://bigquery.googleapis.com/")
                #expect(try await client.execute(uri: S.probePath, method: .get, headers: S.bearer(fine)).status == .ok)
            }
    }
}
