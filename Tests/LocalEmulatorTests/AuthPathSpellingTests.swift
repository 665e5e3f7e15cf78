import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WireJSON

@testable import LocalEmulator

/// `requireAuth` holds however a path is spelled: extra slashes, dot segments and encoded slashes
/// either reach no route or are checked like the canonical path, over real HTTP.
@Suite struct AuthPathSpellingTests {
    typealias S = AuthTestSupport
    static let bq = "/bigquery/v2/projects/path-project/datasets/d/tables/t"

    /// Calls that would change or consume data if they got through without a token.
    static let unauthenticatedCalls: [(HTTPRequest.Method, String)] = [
        (.post, "//bigquery/v2/projects/path-project/datasets/d/tables/t/insertAll"),
        (.post, "/bigquery//v2/projects/path-project/datasets/d/tables/t/insertAll"),
        (.post, "/bigquery/v2//projects/path-project/datasets/d/tables/t/insertAll"),
        (.post, "/bigquery/v2/projects/path-project/datasets/d/tables/t//insertAll"),
        (.post, "/bigquery/v2/projects/path-project/datasets/d/tables/t/insertAll/"),
        (.post, "/bigquery/./v2/projects/path-project/datasets/d/tables/t/insertAll"),
        (.post, "/x/../bigquery/v2/projects/path-project/datasets/d/tables/t/insertAll"),
        (.post, "/bigquery/v2/projects/path-project/datasets/d/tables/t/data/../insertAll"),
        (.post, "/bigquery%2Fv2/projects/path-project/datasets/d/tables/t/insertAll"),
        (.post, "/bigquery%2fv2%2fprojects%2fp%2fdatasets%2fd%2ftables%2ft%2finsertAll"),
        (.post, "//bigquery/v2/projects/path-project/datasets/d/tables"),
        (.delete, "//bigquery/v2/projects/path-project/datasets/d/tables/t"),
        (.delete, "/bigquery//v2/projects/path-project/datasets/d?deleteContents=true"),
        (.delete, "/bigquery/v2/projects/path-project/datasets/./d?deleteContents=true"),
        (.put, "//v1/projects/path-project/topics/other"),
        (.post, "//v1/projects/path-project/topics/topic-a:publish"),
        (.post, "/v1//projects/path-project/topics/topic-a:publish"),
        (.post, "/v1/projects//path-project/subscriptions/sub-a:pull"),
        (.post, "//v1/projects/path-project/subscriptions/sub-a:pull"),
        (.post, "/v1/./projects/path-project/subscriptions/sub-a:pull"),
        (.post, "/v1%2Fprojects/path-project/subscriptions/sub-a:pull"),
        (.delete, "//v1/projects/path-project/subscriptions/sub-a"),
        (.get, "//bigquery/v2/projects/path-project/datasets/d/tables/t/data"),
    ]

    @Test func noSpellingOfAPathSkipsTheTokenCheck() async throws {
        let emulator = try LocalEmulator(configuration: S.authConfiguration)
        try await S.makeApplication(emulator).test(.live) { client in
            let key = try await S.createKey(client, accountID: "path-writer", role: "writer", project: "path-project")
            let auth = S.bearer(try await S.accessToken(client, key: key))
            try await Self.seed(client, auth)

            for (method, uri) in Self.unauthenticatedCalls {
                let response = try await client.execute(
                    uri: uri, method: method,
                    body: S.json([
                        "rows": [["json": ["x": 9]]], "maxMessages": 10,
                        "messages": [["data": "aGk="]],
                    ]))
                #expect([400, 401, 404, 405].contains(Int(response.status.code)), "\(method) \(uri): \(response.status)")
            }

            // Nothing changed: the table still has its one row, the subscription still holds the message.
            let rows = try await client.execute(uri: Self.bq + "/data", method: .get, headers: auth)
            #expect(try S.parse(rows)["totalRows"] == "1")
            let pulled = try await client.execute(
                uri: "/v1/projects/path-project/subscriptions/sub-a:pull", method: .post, headers: auth,
                body: S.json(["maxMessages": 10, "returnImmediately": true]))
            #expect(try S.parse(pulled)["receivedMessages"]?.arrayValue?.count == 1)
            let topics = try await client.execute(uri: "/v1/projects/path-project/topics", method: .get, headers: auth)
            #expect(try S.parse(topics)["topics"]?.arrayValue?.count == 1)
        }
    }

    /// A reader's role is judged on the route reached, not on the spelling of the path.
    @Test func aReaderCannotWriteThroughAnOddSpelling() async throws {
        let emulator = try LocalEmulator(configuration: S.authConfiguration)
        try await S.makeApplication(emulator).test(.live) { client in
            let writer = S.bearer(
                try await S.accessToken(client, key: try await S.createKey(client, accountID: "path-writer", role: "writer", project: "path-project"))
            )
            try await Self.seed(client, writer)
            let reader = S.bearer(
                try await S.accessToken(client, key: try await S.createKey(client, accountID: "path-reader", role: "reader", project: "path-project"))
            )
            for (method, uri) in Self.unauthenticatedCalls where method != .get && !uri.hasSuffix(":pull") {
                let response = try await client.execute(
                    uri: uri, method: method, headers: reader,
                    body: S.json(["rows": [["json": ["x": 9]]], "messages": [["data": "aGk="]]]))
                #expect([400, 403, 404, 405].contains(Int(response.status.code)), "\(method) \(uri): \(response.status)")
            }
            let rows = try await client.execute(uri: Self.bq + "/data", method: .get, headers: writer)
            #expect(try S.parse(rows)["totalRows"] == "1")
        }
    }

    /// Dataset d with table t holding one row; topic-a with subscription sub-a holding one message.
    static func seed(_ client: some TestClientProtocol, _ auth: HTTPFields) async throws {
        let steps: [(HTTPRequest.Method, String, JSONValue)] = [
            (.post, "/bigquery/v2/projects/path-project/datasets", ["datasetReference": ["datasetId": "d"]]),
            (
                .post, "/bigquery/v2/projects/path-project/datasets/d/tables",
                ["tableReference": ["tableId": "t"], "schema": ["fields": [["name": "x", "type": "INT64"]]]]
            ),
            (.post, bq + "/insertAll", ["rows": [["json": ["x": 1]]]]),
            (.put, "/v1/projects/path-project/topics/topic-a", [:]),
            (.put, "/v1/projects/path-project/subscriptions/sub-a", ["topic": "projects/path-project/topics/topic-a"]),
            (.post, "/v1/projects/path-project/topics/topic-a:publish", ["messages": [["data": "aGk="]]]),
        ]
        for (method, uri, body) in steps {
            let response = try await client.execute(uri: uri, method: method, headers: auth, body: S.json(body))
            guard response.status == .ok else { throw TestFailure("seed \(uri): \(response.status) \(String(buffer: response.body))") }
        }
    }
}
