import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing

@testable import LocalEmulator

/// A credential store that cannot answer is the emulator's failure, not the caller's: 503
/// UNAVAILABLE (which clients retry), never a 401 that sends them to fetch a new token, nor a 500.
@Suite struct AuthStoreFailureTests {
    typealias S = AuthTestSupport

    @Test func aBrokenCredentialStoreIs503() async throws {
        let emulator = try LocalEmulator(configuration: S.authConfiguration)
        try await S.makeApplication(emulator).test(.live) { client in
            let key = try await S.createKey(client, accountID: "store-writer", role: "writer")
            let assertion = try S.assertion(key: key)
            let selfSigned = try S.assertion(key: key, aud: "https://bigquery.googleapis.com/")
            // Lose the tables behind the store's back: every lookup that reaches SQLite now fails.
            try await emulator.database.writer.write { db in
                try db.execute(sql: "DROP TABLE auth_access_tokens; DROP TABLE auth_keys")
            }
            let unknownToken = try await client.execute(uri: S.probePath, method: .get, headers: S.bearer("ya29.never-issued"))
            #expect(unknownToken.status == .serviceUnavailable)
            #expect(try S.parse(unknownToken)["error"]?["status"] == "UNAVAILABLE")
            let jwt = try await client.execute(uri: S.probePath, method: .get, headers: S.bearer(selfSigned))
            #expect(jwt.status == .serviceUnavailable)
            let exchange = try await S.exchange(client, assertion: assertion)
            #expect(exchange.status == .serviceUnavailable)
        }
    }
}
