import Foundation
import GoogleAuth
import HummingbirdTesting
import Synchronization
import Testing

@testable import LocalEmulator

/// Token and assertion expiry in the emulator, under an injected clock (no sleeping).
@Suite struct AuthServiceClockTests {
    final class Clock: Sendable {
        let current = Mutex(Date(timeIntervalSince1970: 1_767_225_600))
        var now: Date { current.withLock { $0 } }
        func advance(_ seconds: TimeInterval) { current.withLock { $0 += seconds } }
    }

    static let tokenURL = "http://emulator.test/token"

    static func service(clock: Clock) throws -> AuthService {
        let database = try EmulatorDatabase(path: nil, migrations: AuthStore.migrations)
        return AuthService(store: AuthStore(database: database), now: { clock.now })
    }

    static func keyFile(_ service: AuthService, role: ServiceAccountRole) async throws -> ServiceAccountKey {
        let json = try await service.createKey(project: "p", accountID: "clock-test", role: role, tokenURI: tokenURL)
        return try ServiceAccountKey(json: json.encodedBytes())
    }

    static func form(_ assertion: String) -> [String: String] {
        ["grant_type": ServiceAccountCredentialProvider.jwtBearerGrantType, "assertion": assertion]
    }

    @Test func accessTokensExpireAfterAnHour() async throws {
        let clock = Clock()
        let service = try Self.service(clock: clock)
        let key = try await Self.keyFile(service, role: .writer)
        let assertion = try AuthTestSupport.assertion(key: key, now: clock.now)
        let reply = try await service.exchange(form: Self.form(assertion), audiences: [Self.tokenURL])
        let token = try #require(reply["access_token"]?.stringValue)
        let check = { await service.authenticate(authorization: "Bearer \(token)", apiAudiences: []) }
        guard case .authenticated(let account) = await check() else {
            Issue.record("fresh token rejected")
            return
        }
        #expect(account.role == .writer)
        clock.advance(3599)
        guard case .authenticated = await check() else {
            Issue.record("token rejected before expiry")
            return
        }
        clock.advance(2)
        guard case .invalid = await check() else {
            Issue.record("expired token accepted")
            return
        }
    }

    @Test func assertionsExpireWithTheClock() async throws {
        let clock = Clock()
        let service = try Self.service(clock: clock)
        let key = try await Self.keyFile(service, role: .reader)
        let assertion = try AuthTestSupport.assertion(key: key, now: clock.now)
        clock.advance(3601)
        await #expect(throws: OAuthError.self) {
            try await service.exchange(form: Self.form(assertion), audiences: [Self.tokenURL])
        }
        clock.advance(-3601 + 3599)
        _ = try await service.exchange(form: Self.form(assertion), audiences: [Self.tokenURL])
    }

    @Test func tokensSurviveARestartOfTheStore() async throws {
        // A new AuthStore over the same database (as after an emulator restart) still knows the token.
        let clock = Clock()
        let database = try EmulatorDatabase(path: nil, migrations: AuthStore.migrations)
        let first = AuthService(store: AuthStore(database: database), now: { clock.now })
        let json = try await first.createKey(project: "p", accountID: "restart", role: .reader, tokenURI: Self.tokenURL)
        let key = try ServiceAccountKey(json: json.encodedBytes())
        let reply = try await first.exchange(form: Self.form(try AuthTestSupport.assertion(key: key, now: clock.now)), audiences: [Self.tokenURL])
        let token = try #require(reply["access_token"]?.stringValue)
        let second = AuthService(store: AuthStore(database: database), now: { clock.now })
        guard case .authenticated = await second.authenticate(authorization: "Bearer \(token)", apiAudiences: []) else {
            Issue.record("token lost")
            return
        }
        // The database holds only a hash of the token.
        let stored = try await database.writer.read { db in try String.fetchAll(db, sql: "SELECT token_sha256 FROM auth_access_tokens") }
        #expect(stored.count == 1)
        #expect(stored.first != token)
    }

    @Test(arguments: [
        ("GET", "/bigquery/v2/projects/p/datasets", true),
        ("POST", "/bigquery/v2/projects/p/queries", true),
        ("GET", "/bigquery/v2/projects/p/queries/job1", true),
        ("POST", "/bigquery/v2/projects/p/jobs", true),
        ("POST", "/bigquery/v2/projects/p/jobs/j1/cancel", false),
        ("POST", "/bigquery/v2/projects/p/datasets", false),
        ("POST", "/bigquery/v2/projects/p/datasets/d/tables/t/insertAll", false),
        ("PATCH", "/bigquery/v2/projects/p/datasets/d/tables/t", false),
        ("PUT", "/bigquery/v2/projects/p/datasets/d", false),
        ("DELETE", "/bigquery/v2/projects/p/datasets/d", false),
        ("POST", "/v1/projects/p/subscriptions/s:pull", true),
        ("POST", "/v1/projects/p/subscriptions/s:acknowledge", true),
        ("POST", "/v1/projects/p/topics/t:publish", false),
        ("PUT", "/v1/projects/p/topics/t", false),
    ])
    func readerPolicy(method: String, path: String, allowed: Bool) {
        #expect(ServiceAccountRole.reader.allows(method: method, path: path) == allowed)
        #expect(ServiceAccountRole.writer.allows(method: method, path: path))
    }
}

/// The programmatic form of the admin call, for embedders.
@Suite struct AuthEmbeddingTests {
    @Test func createServiceAccountKeyIssuesAUsableKeyFile() async throws {
        let emulator = try LocalEmulator(configuration: .init(requireAuth: true))
        let json = try await emulator.createServiceAccountKey(
            project: "p", accountID: "embedded-sink", role: .writer,
            tokenURI: "http://127.0.0.1:0/token")
        let key = try ServiceAccountKey(json: Array(json.utf8))
        #expect(key.clientEmail == "embedded-sink@p.iam.gserviceaccount.com")
        #expect(key.tokenURI == "http://127.0.0.1:0/token")
        await #expect(throws: GoogleAPIError.self) {
            try await emulator.createServiceAccountKey(project: "p", accountID: "x", role: .reader, tokenURI: "http://h/token")
        }
        // The key works against the same emulator's token endpoint.
        try await AuthTestSupport.makeApplication(emulator).test(.router) { client in
            let token = try await AuthTestSupport.accessToken(client, key: key)
            let write = try await client.execute(uri: AuthTestSupport.probePath, method: .post, headers: AuthTestSupport.bearer(token))
            #expect(write.status == .ok)
        }
    }
}
