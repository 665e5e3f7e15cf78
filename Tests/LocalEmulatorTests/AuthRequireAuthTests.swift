import AsyncHTTPClient
import Foundation
import GoogleAuth
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WireJSON

@testable import LocalEmulator

/// `requireAuth`: 401 without a valid token, 403 beyond the account's role, open admin paths.
@Suite struct AuthRequireAuthTests {
    typealias S = AuthTestSupport

    static func emulator(requireAuth: Bool = true) throws -> LocalEmulator {
        try LocalEmulator(configuration: requireAuth ? S.authConfiguration : .init())
    }

    @Test func noTokenIs401WithGoogleBodyAndChallenge() async throws {
        try await S.makeApplication(Self.emulator()).test(.router) { client in
            for (method, uri) in [
                (HTTPRequest.Method.get, S.probePath), (.post, "/bigquery/v2/projects/p/datasets"),
                (.get, "/bigquery/v2/projects/p/datasets/d/tables/t/data"), (.post, "/v1/projects/p/topics/t:publish"),
                (.post, "/upload/bigquery/v2/projects/p/jobs?uploadType=resumable"),
                (.put, "/upload/bigquery/v2/projects/p/jobs?uploadType=resumable&upload_id=x"),
            ] {
                let response = try await client.execute(uri: uri, method: method)
                #expect(response.status == .unauthorized, "\(method) \(uri)")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true)
                let error = try S.parse(response)["error"]
                #expect(error?["code"] == 401)
                #expect(error?["status"] == "UNAUTHENTICATED")
                #expect(error?["errors"]?.arrayValue?.first?["reason"] == "authError")
            }
        }
    }

    @Test func invalidTokensAre401() async throws {
        try await S.makeApplication(Self.emulator()).test(.router) { client in
            let key = try await S.createKey(client, accountID: "writer-sa", role: "writer")
            let other = try RSAKeyPair.generate()
            let forged = try S.assertion(key: key, aud: "https://bigquery.googleapis.com/", signWith: other.privateKeyPEM)
            for header in ["Bearer ya29.made-up", "Basic dXNlcjpwYXNz", "Bearer ", "Bearer \(forged)"] {
                let response = try await client.execute(uri: S.probePath, method: .get, headers: [.authorization: header])
                #expect(response.status == .unauthorized, "\(header.prefix(20))")
            }
        }
    }

    @Test func readerMayReadAndQueryButNotWrite() async throws {
        try await S.makeApplication(Self.emulator()).test(.router) { client in
            let key = try await S.createKey(client, accountID: "api-reader", role: "reader")
            let token = try await S.accessToken(client, key: key)
            let read = try await client.execute(uri: S.probePath, method: .get, headers: S.bearer(token))
            #expect(read.status == .ok)
            let query = try await client.execute(uri: "/bigquery/v2/projects/p/queries", method: .post, headers: S.bearer(token))
            #expect(query.status == .ok)
            for (method, uri) in [
                (HTTPRequest.Method.post, S.probePath),
                (.post, "/bigquery/v2/projects/p/datasets/d/tables/t/insertAll"),
                (.delete, "/bigquery/v2/projects/p/datasets/d"),
                (.post, "/v1/projects/p/topics/t:publish"),
                (.post, "/upload/bigquery/v2/projects/p/jobs?uploadType=multipart"),
                (.put, "/upload/bigquery/v2/projects/p/jobs?uploadType=resumable&upload_id=x"),
            ] {
                let response = try await client.execute(uri: uri, method: method, headers: S.bearer(token))
                #expect(response.status == .forbidden, "\(method) \(uri)")
                let error = try S.parse(response)["error"]
                #expect(error?["status"] == "PERMISSION_DENIED")
                #expect(error?["errors"]?.arrayValue?.first?["reason"] == "accessDenied")
            }
            let insertAll = try await client.execute(
                uri: "/bigquery/v2/projects/p/datasets/d/tables/t/insertAll", method: .post,
                headers: S.bearer(token))
            #expect(String(buffer: insertAll.body).contains("bigquery.tables.updateData"))
        }
    }

    @Test func writerMayWrite() async throws {
        try await S.makeApplication(Self.emulator()).test(.router) { client in
            let key = try await S.createKey(client, accountID: "sink-writer", role: "writer")
            let token = try await S.accessToken(client, key: key)
            let write = try await client.execute(uri: S.probePath, method: .post, headers: S.bearer(token))
            #expect(write.status == .ok)
            #expect(String(buffer: write.body) == "write ok")
            // Real API paths get past auth (to whatever the API answers, but never 401/403).
            let create = try await client.execute(
                uri: "/bigquery/v2/projects/p/datasets", method: .post, headers: S.bearer(token),
                body: S.json(["datasetReference": ["projectId": "p", "datasetId": "d"]]))
            #expect(create.status != .unauthorized && create.status != .forbidden)
        }
    }

    @Test func selfSignedJWTsAreAcceptedForTheirAPI() async throws {
        try await S.makeApplication(Self.emulator()).test(.router) { client in
            let key = try await S.createKey(client, accountID: "self-signer", role: "writer")
            let jwt = try S.assertion(key: key, aud: "https://bigquery.googleapis.com/", scope: nil)
            #expect(try await client.execute(uri: S.probePath, method: .post, headers: S.bearer(jwt)).status == .ok)
            // Pub/Sub's audience does not open BigQuery.
            let pubsubJWT = try S.assertion(key: key, aud: "https://pubsub.googleapis.com/", scope: nil)
            #expect(try await client.execute(uri: S.probePath, method: .get, headers: S.bearer(pubsubJWT)).status == .unauthorized)
            let now = Int64(Date().timeIntervalSince1970)
            let expired = try S.assertion(key: key, iat: now - 4000, exp: now - 400, aud: "https://bigquery.googleapis.com/")
            #expect(try await client.execute(uri: S.probePath, method: .get, headers: S.bearer(expired)).status == .unauthorized)
        }
    }

    @Test func credentialEndpointsStayOpen() async throws {
        try await S.makeApplication(Self.emulator()).test(.router) { client in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            // Admin calls are not credential endpoints: they take the admin token (AuthAdminTokenTests).
            let admin = try await client.execute(uri: "/emulator/v1/projects/p/serviceAccounts", method: .get, headers: S.adminHeaders)
            #expect(admin.status == .ok)
            // /token answers with an OAuth2 error, not a 401 challenge.
            let token = try await S.exchange(client, assertion: "x")
            #expect(token.status == .badRequest)
        }
    }

    @Test func withoutRequireAuthNothingIsChecked() async throws {
        try await S.makeApplication(Self.emulator(requireAuth: false)).test(.router) { client in
            let write = try await client.execute(uri: S.probePath, method: .post)
            #expect(write.status == .ok)
            let junk = try await client.execute(uri: S.probePath, method: .get, headers: [.authorization: "Bearer junk"])
            #expect(junk.status == .ok)
        }
    }

    /// The whole path over real HTTP: admin call → key file → GoogleAuth's token exchange at the
    /// key file's `token_uri` → bearer token accepted by the middleware.
    @Test func googleAuthTalksToTheEmulatorOverHTTP() async throws {
        let app = S.makeApplication(try Self.emulator())
        try await app.test(.live) { client in
            let port = try #require(client.port)
            var create = HTTPClientRequest(url: "http://127.0.0.1:\(port)/emulator/v1/projects/p/serviceAccounts")
            create.method = .POST
            create.headers.add(name: "Authorization", value: "Bearer \(S.adminToken)")
            create.body = .bytes(ByteBuffer(string: #"{"accountId":"live-writer","role":"writer"}"#))
            let created = try await HTTPClient.shared.execute(create, timeout: .seconds(30))
            #expect(created.status == .ok)
            let key = try ServiceAccountKey(json: Array(try await created.body.collect(upTo: 1 << 20).readableBytesView))
            #expect(key.tokenURI == "http://127.0.0.1:\(port)/token")

            let credentials = CachingCredentialProvider(
                wrapping: try ServiceAccountCredentialProvider(
                    key: key, scopes: [GoogleScopes.bigQuery], httpClient: .shared))
            let token = try #require(try await credentials.accessToken(logger: Logger(label: "test")))
            #expect(token.value.hasPrefix("ya29."))

            var probe = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(S.probePath)")
            probe.method = .POST
            probe.headers.add(name: "Authorization", value: token.authorizationHeader)
            #expect(try await HTTPClient.shared.execute(probe, timeout: .seconds(30)).status == .ok)

            // Self-signed mode needs no token endpoint at all.
            let selfSigned = try ServiceAccountCredentialProvider(
                key: key, scopes: [], mode: .selfSignedJWT(audience: "https://bigquery.googleapis.com/"), httpClient: .shared)
            var probe2 = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(S.probePath)")
            probe2.headers.add(
                name: "Authorization", value: try #require(try await selfSigned.accessToken(logger: Logger(label: "t"))).authorizationHeader)
            #expect(try await HTTPClient.shared.execute(probe2, timeout: .seconds(30)).status == .ok)
        }
    }
}
