import Foundation
import GoogleAuth
import Hummingbird
import HummingbirdTesting
import Testing
import WireJSON

@testable import LocalEmulator

/// `POST /token` and the service-account admin call.
@Suite struct AuthTokenEndpointTests {
    typealias S = AuthTestSupport

    @Test func adminCallReturnsAKeyFileLikeIAM() async throws {
        let app = S.makeApplication(try LocalEmulator())
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/emulator/v1/projects/my-proj/serviceAccounts", method: .post,
                body: S.json(["accountId": "api-reader", "role": "reader"]))
            #expect(response.status == .ok)
            let file = try S.parse(response)
            #expect(file["type"] == "service_account")
            #expect(file["project_id"] == "my-proj")
            #expect(file["client_email"] == "api-reader@my-proj.iam.gserviceaccount.com")
            #expect(file["private_key_id"]?.stringValue?.count == 40)
            #expect(file["client_id"]?.stringValue?.count == 21)
            #expect(file["token_uri"]?.stringValue?.hasSuffix("/token") == true)
            let pem = try #require(file["private_key"]?.stringValue)
            #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----"))
            #expect(try RSASigningKey(pem: pem).bits == 2048)
            // Parses as a key file GoogleAuth accepts.
            _ = try ServiceAccountKey(json: Array(response.body.readableBytesView))

            let list = try await client.execute(uri: "/emulator/v1/projects/my-proj/serviceAccounts", method: .get)
            #expect(try S.parse(list)["accounts"]?.arrayValue?.first?["role"] == "reader")
        }
    }

    @Test(arguments: [
        #"{"accountId":"ab","role":"reader"}"#,
        #"{"accountId":"Upper-Case","role":"reader"}"#,
        #"{"accountId":"ends-with-dash-","role":"reader"}"#,
        #"{"role":"reader"}"#,
        #"{"accountId":"valid-name","role":"admin"}"#,
        #"{"accountId":"valid-name","role":7}"#,
        #"[1,2]"#,
        #"{"accountId":"#,
    ])
    func adminCallRejectsBadInput(body: String) async throws {
        let app = S.makeApplication(try LocalEmulator())
        try await app.test(.router) { client in
            let response = try await client.execute(
                uri: "/emulator/v1/projects/p/serviceAccounts", method: .post,
                body: ByteBuffer(string: body))
            #expect(response.status == .badRequest)
            #expect(try S.parse(response)["error"]?["status"] == "INVALID_ARGUMENT")
        }
    }

    @Test func aSecondKeyForTheSameAccountWorksButARoleChangeConflicts() async throws {
        let app = S.makeApplication(try LocalEmulator())
        try await app.test(.router) { client in
            let first = try await S.createKey(client, accountID: "loader", role: "writer")
            let second = try await S.createKey(client, accountID: "loader", role: "writer")
            #expect(first.clientEmail == second.clientEmail)
            #expect(first.privateKeyID != second.privateKeyID)
            // Both keys are valid.
            _ = try await S.accessToken(client, key: first)
            _ = try await S.accessToken(client, key: second)
            let conflict = try await client.execute(
                uri: "/emulator/v1/projects/p/serviceAccounts", method: .post,
                body: S.json(["accountId": "loader", "role": "reader"]))
            #expect(conflict.status == .conflict)
        }
    }

    @Test func validAssertionGetsAnAccessToken() async throws {
        let app = S.makeApplication(try LocalEmulator())
        try await app.test(.router) { client in
            let key = try await S.createKey(client, accountID: "loader", role: "writer")
            let response = try await S.exchange(client, assertion: S.assertion(key: key))
            #expect(response.status == .ok)
            #expect(response.headers[.cacheControl] == "no-store")
            let body = try S.parse(response)
            #expect(body["token_type"] == "Bearer")
            #expect(body["expires_in"] == 3600)
            #expect(body["access_token"]?.stringValue?.hasPrefix("ya29.") == true)
        }
    }

    /// Every way an assertion can be wrong, and the OAuth2 error Google gives for it.
    @Test func rejectedAssertions() async throws {
        let app = S.makeApplication(try LocalEmulator())
        try await app.test(.router) { client in
            let key = try await S.createKey(client, accountID: "loader", role: "writer")
            let other = try RSAKeyPair.generate()
            let now = Int64(Date().timeIntervalSince1970)
            let cases: [(String, String, String, String)] = [
                ("bad signature", try S.assertion(key: key, signWith: other.privateKeyPEM), "invalid_grant", "Invalid JWT Signature."),
                ("tampered", try Self.tamper(S.assertion(key: key)), "invalid_grant", "Invalid JWT Signature."),
                (
                    "unknown key", try S.assertion(key: key, kid: .some("0000000000000000000000000000000000000000")), "invalid_grant",
                    "Invalid JWT Signature."
                ),
                ("unknown issuer", try S.assertion(key: key, iss: "ghost@p.iam.gserviceaccount.com"), "invalid_grant", "account not found"),
                ("expired", try S.assertion(key: key, iat: now - 7200, exp: now - 3600), "invalid_grant", "short-lived"),
                ("longer than an hour", try S.assertion(key: key, iat: now, exp: now + 3601), "invalid_grant", "short-lived"),
                ("issued in the future", try S.assertion(key: key, iat: now + 3000, exp: now + 3600), "invalid_grant", "short-lived"),
                ("exp before iat", try S.assertion(key: key, iat: now, exp: now - 1), "invalid_grant", "short-lived"),
                ("wrong audience", try S.assertion(key: key, aud: "https://oauth2.example.com/token"), "invalid_grant", "audience"),
                ("no scope", try S.assertion(key: key, scope: nil), "invalid_scope", "scope"),
                ("not a JWT", "abc.def", "invalid_grant", "Invalid JWT"),
            ]
            for (name, assertion, error, description) in cases {
                let response = try await S.exchange(client, assertion: assertion)
                #expect(response.status == .badRequest, "\(name)")
                let body = try S.parse(response)
                #expect(body["error"]?.stringValue == error, "\(name): \(body)")
                #expect(body["error_description"]?.stringValue?.contains(description) == true, "\(name): \(body)")
            }
        }
    }

    @Test func malformedRequestsAreOAuthErrors() async throws {
        let app = S.makeApplication(try LocalEmulator())
        try await app.test(.router) { client in
            let unsupported = try await S.exchange(client, assertion: "x", grantType: "client_credentials")
            #expect(unsupported.status == .badRequest)
            #expect(try S.parse(unsupported)["error"] == "unsupported_grant_type")
            let missing = try await client.execute(
                uri: "/token", method: .post, headers: S.formHeaders,
                body: S.form([("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer")]))
            #expect(missing.status == .badRequest)
            #expect(try S.parse(missing)["error"] == "invalid_request")
            let empty = try await client.execute(uri: "/token", method: .post)
            #expect(empty.status == .badRequest)
            let binary = try await client.execute(uri: "/token", method: .post, body: ByteBuffer(bytes: [0xFF, 0xFE, 0x00, 0x41]))
            #expect(binary.status == .badRequest)
            let badEscape = try await client.execute(uri: "/token", method: .post, body: ByteBuffer(string: "grant_type=%ZZ&assertion=%"))
            #expect(badEscape.status == .badRequest)
            let huge = try await client.execute(
                uri: "/token", method: .post,
                body: ByteBuffer(string: "assertion=" + String(repeating: "a", count: 100_000)))
            #expect(huge.status == .contentTooLarge)
            #expect(try S.parse(huge)["error"] == "invalid_request")
        }
    }

    /// Changes the claims (the scope) but keeps the original signature.
    static func tamper(_ jwt: String) -> String {
        var parts = jwt.split(separator: ".").map(String.init)
        let claims = String(decoding: Base64URL.decode(parts[1]) ?? [], as: UTF8.self)
            .replacingOccurrences(of: "auth/bigquery", with: "auth/pubsub")
        parts[1] = Base64URL.encode(Array(claims.utf8))
        return parts.joined(separator: ".")
    }
}
