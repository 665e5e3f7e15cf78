import Foundation
import GoogleAuth
import Hummingbird
import HummingbirdTesting
import WireJSON

@testable import LocalEmulator

/// Shared pieces of the emulator auth tests: an emulator app, key files, signed assertions.
enum AuthTestSupport {
    /// Routes that stand in for BigQuery/Pub/Sub calls, so "allowed" shows as a 200 from a route
    /// that surely exists, whatever the real APIs implement yet. They sit behind the same
    /// middleware as everything else.
    static let probePath = "/bigquery/v2/projects/p/authProbe"

    static func makeApplication(_ emulator: LocalEmulator) -> some ApplicationProtocol {
        let router = emulator.makeRouter()
        router.get(RouterPath(probePath)) { _, _ in "read ok" }
        router.post(RouterPath(probePath)) { _, _ in "write ok" }
        router.post("/bigquery/v2/projects/p/queries") { _, _ in "query ok" }
        // The emulator's background work runs its query jobs, as in `LocalEmulator.makeApplication`.
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), services: [emulator.background])
    }

    /// The admin token the auth tests configure; key issuing needs it when `requireAuth` is on.
    static let adminToken = "test-admin-token"
    static var authConfiguration: EmulatorConfiguration { EmulatorConfiguration(requireAuth: true, adminToken: adminToken) }
    static var adminHeaders: HTTPFields { [.contentType: "application/json", .authorization: "Bearer \(adminToken)"] }

    static func json(_ body: JSONValue) -> ByteBuffer { ByteBuffer(bytes: body.encodedBytes()) }

    static func parse(_ response: TestResponse) throws -> JSONValue {
        try JSONValue(parsing: Array(response.body.readableBytesView))
    }

    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let text = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed)!)" }.joined(separator: "&")
        return ByteBuffer(string: text)
    }

    static let formHeaders: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]

    /// Creates a service account through the admin call and returns its key file.
    static func createKey(_ client: some TestClientProtocol, accountID: String, role: String, project: String = "p") async throws -> ServiceAccountKey
    {
        let response = try await client.execute(
            uri: "/emulator/v1/projects/\(project)/serviceAccounts", method: .post,
            headers: adminHeaders,
            body: json(["accountId": .string(accountID), "role": .string(role)]))
        guard response.status == .ok else { throw TestFailure("create key: \(response.status) \(String(buffer: response.body))") }
        return try ServiceAccountKey(json: Array(response.body.readableBytesView))
    }

    /// A signed assertion for `key` with the given claims overrides (defaults: a valid one at `now`).
    static func assertion(
        key: ServiceAccountKey, now: Date = Date(), iat: Int64? = nil, exp: Int64? = nil,
        aud: String? = nil, iss: String? = nil, kid: String?? = nil, scope: String? = "https://www.googleapis.com/auth/bigquery",
        signWith privateKeyPEM: String? = nil
    ) throws -> String {
        let issuedAt = iat ?? Int64(now.timeIntervalSince1970)
        let claims = JWTClaims(
            iss: iss ?? key.clientEmail, scope: scope, aud: aud ?? key.tokenURI,
            iat: issuedAt, exp: exp ?? issuedAt + 3600)
        return try JSONWebToken.sign(
            header: JWTHeader(kid: kid ?? key.privateKeyID), claims: claims,
            key: RSASigningKey(pem: privateKeyPEM ?? key.privateKey))
    }

    /// Trades an assertion at `/token`; returns the response.
    static func exchange(
        _ client: some TestClientProtocol, assertion: String,
        grantType: String = "urn:ietf:params:oauth:grant-type:jwt-bearer"
    ) async throws -> TestResponse {
        try await client.execute(
            uri: "/token", method: .post, headers: formHeaders,
            body: form([("grant_type", grantType), ("assertion", assertion)]))
    }

    static func accessToken(_ client: some TestClientProtocol, key: ServiceAccountKey) async throws -> String {
        let response = try await exchange(client, assertion: assertion(key: key))
        guard response.status == .ok, let token = try parse(response)["access_token"]?.stringValue else {
            throw TestFailure("token: \(response.status) \(String(buffer: response.body))")
        }
        return token
    }

    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
