import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WireJSON

@testable import LocalEmulator

/// Under `requireAuth`, issuing keys and fault injection need the admin token; without it they
/// stay open for local development.
@Suite struct AuthAdminTokenTests {
    typealias S = AuthTestSupport

    static let adminCalls: [(HTTPRequest.Method, String, JSONValue?)] = [
        (.post, "/emulator/v1/projects/project-a/serviceAccounts", ["accountId": "sneaky-writer", "role": "writer"]),
        (.get, "/emulator/v1/projects/project-a/serviceAccounts", nil),
        (.post, "/emulator/v1/faults", ["path": ".*", "status": 503]),
        (.get, "/emulator/v1/faults", nil),
        (.delete, "/emulator/v1/faults", nil),
        (.post, "//emulator/v1/faults", ["path": ".*", "status": 503]),
        (.post, "/emulator//v1/projects/project-a/serviceAccounts", ["accountId": "sneaky-writer", "role": "writer"]),
    ]

    @Test func adminCallsNeedTheAdminTokenUnderRequireAuth() async throws {
        try await S.makeApplication(try LocalEmulator(configuration: S.authConfiguration)).test(.live) { client in
            let writer = try await S.createKey(client, accountID: "real-writer", role: "writer", project: "project-a")
            let writerToken = try await S.accessToken(client, key: writer)
            for (method, uri, body) in Self.adminCalls {
                for headers: HTTPFields in [[:], S.bearer("wrong"), S.bearer(writerToken)] {
                    let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map(S.json))
                    #expect([401, 404].contains(Int(response.status.code)), "\(method) \(uri) \(headers): \(response.status)")
                }
            }
            // No fault was installed, no key was handed out.
            let faults = try await client.execute(uri: "/emulator/v1/faults", method: .get, headers: S.adminHeaders)
            #expect(try S.parse(faults)["faults"] == [])
            let accounts = try await client.execute(uri: "/emulator/v1/projects/project-a/serviceAccounts", method: .get, headers: S.adminHeaders)
            #expect(try S.parse(accounts)["accounts"]?.arrayValue?.count == 1)
        }
    }

    @Test func withoutRequireAuthAdminCallsStayOpen() async throws {
        try await S.makeApplication(try LocalEmulator()).test(.live) { client in
            for (method, uri, body) in Self.adminCalls.prefix(5) {
                let response = try await client.execute(uri: uri, method: method, body: body.map(S.json))
                #expect(response.status == .ok, "\(method) \(uri)")
            }
        }
    }
}

/// Where the admin token comes from: the configuration, else a random one per instance.
@Suite struct AuthAdminTokenSourceTests {
    typealias S = AuthTestSupport

    @Test func theConfiguredTokenOpensAdminCalls() async throws {
        let emulator = try LocalEmulator(configuration: S.authConfiguration)
        #expect(emulator.adminToken == S.adminToken)
        try await S.makeApplication(emulator).test(.live) { client in
            let fault = try await client.execute(
                uri: "/emulator/v1/faults", method: .post, headers: S.adminHeaders,
                body: S.json(["path": "^/nothing$", "status": 503]))
            #expect(fault.status == .ok)
            _ = try await S.createKey(client, accountID: "admin-made", role: "writer", project: "project-a")
        }
    }

    @Test func withoutAConfiguredTokenARandomOneIsGenerated() async throws {
        let first = try LocalEmulator(configuration: .init(requireAuth: true))
        let second = try LocalEmulator(configuration: .init(requireAuth: true, adminToken: ""))
        let token = try #require(first.adminToken)
        #expect(token.count >= 40)
        #expect(token != second.adminToken)
        #expect(second.adminToken?.isEmpty == false)
        #expect(try LocalEmulator().adminToken == nil)
        try await S.makeApplication(first).test(.live) { client in
            let response = try await client.execute(uri: "/emulator/v1/faults", method: .get, headers: S.bearer(token))
            #expect(response.status == .ok)
            let refused = try await client.execute(uri: "/emulator/v1/faults", method: .get, headers: S.adminHeaders)
            #expect(refused.status == .unauthorized)
        }
    }
}
