import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WireJSON

@testable import LocalEmulator

/// A service account acts in its own project only: its role says what it may do, its project
/// where. Calls naming another project in the path or in the body are 403.
@Suite struct AuthProjectBindingTests {
    typealias S = AuthTestSupport
    static let bqA = "/bigquery/v2/projects/project-a"
    static let bqB = "/bigquery/v2/projects/project-b"

    static func expectDenied(_ response: TestResponse, _ what: String) throws {
        #expect(response.status == .forbidden, "\(what): \(response.status) \(String(buffer: response.body))")
        let error = try S.parse(response)["error"]
        #expect(error?["status"] == "PERMISSION_DENIED", "\(what)")
        #expect(error?["errors"]?[0]?["reason"] == "accessDenied", "\(what)")
    }

    @Test func aWriterOfOneProjectCannotTouchAnother() async throws {
        try await S.makeApplication(try LocalEmulator(configuration: S.authConfiguration)).test(.live) { client in
            let ownerB = S.bearer(
                try await S.accessToken(client, key: try await S.createKey(client, accountID: "owner-b", role: "writer", project: "project-b")))
            let writerA = S.bearer(
                try await S.accessToken(client, key: try await S.createKey(client, accountID: "writer-a", role: "writer", project: "project-a")))
            for (method, uri, body) in [
                (HTTPRequest.Method.post, Self.bqB + "/datasets", ["datasetReference": ["datasetId": "d"]] as JSONValue),
                (
                    .post, Self.bqB + "/datasets/d/tables",
                    ["tableReference": ["tableId": "t"], "schema": ["fields": [["name": "x", "type": "INT64"]]]]
                ),
                (.put, "/v1/projects/project-b/topics/topic-b", [:]),
                (.put, "/v1/projects/project-b/subscriptions/sub-b", ["topic": "projects/project-b/topics/topic-b"]),
            ] {
                let response = try await client.execute(uri: uri, method: method, headers: ownerB, body: S.json(body))
                #expect(response.status == .ok, "seed \(uri)")
            }
            let calls: [(HTTPRequest.Method, String, JSONValue)] = [
                (.post, Self.bqB + "/datasets", ["datasetReference": ["datasetId": "mine"]]),
                (.post, Self.bqB + "/datasets/d/tables", ["tableReference": ["tableId": "t2"]]),
                (.post, Self.bqB + "/datasets/d/tables/t/insertAll", ["rows": [["json": ["x": 1]]]]),
                (.get, Self.bqB + "/datasets/d/tables/t/data", .null),
                (.delete, Self.bqB + "/datasets/d/tables/t", .null),
                (.post, Self.bqB + "/queries", ["query": "SELECT 1", "useLegacySql": false]),
                (.post, "/v1/projects/project-b/topics/topic-b:publish", ["messages": [["data": "aGk="]]]),
                (.post, "/v1/projects/project-b/subscriptions/sub-b:pull", ["maxMessages": 1, "returnImmediately": true]),
                (.put, "/v1/projects/project-b/topics/topic-a2", [:]),
            ]
            for (method, uri, body) in calls {
                try Self.expectDenied(
                    try await client.execute(
                        uri: uri, method: method, headers: writerA,
                        body: body.isNull ? nil : S.json(body)), "\(method) \(uri)")
            }
            // In its own project the same writer is fine.
            let own = try await client.execute(
                uri: Self.bqA + "/datasets", method: .post, headers: writerA,
                body: S.json(["datasetReference": ["datasetId": "d"]]))
            #expect(own.status == .ok)
        }
    }

    @Test func bodiesNamingAnotherProjectAreRefused() async throws {
        try await S.makeApplication(try LocalEmulator(configuration: S.authConfiguration)).test(.live) { client in
            let ownerB = S.bearer(
                try await S.accessToken(client, key: try await S.createKey(client, accountID: "owner-b", role: "writer", project: "project-b")))
            let writerA = S.bearer(
                try await S.accessToken(client, key: try await S.createKey(client, accountID: "writer-a", role: "writer", project: "project-a")))
            for (method, uri, body) in [
                (HTTPRequest.Method.post, Self.bqB + "/datasets", ["datasetReference": ["datasetId": "d"]] as JSONValue),
                (
                    .post, Self.bqB + "/datasets/d/tables",
                    ["tableReference": ["tableId": "t"], "schema": ["fields": [["name": "x", "type": "INT64"]]]]
                ),
                (.post, Self.bqB + "/datasets/d/tables/t/insertAll", ["rows": [["json": ["x": 42]]]]),
                (.put, "/v1/projects/project-b/topics/topic-b", [:]),
                (.put, "/v1/projects/project-a/topics/topic-a", [:]),
                (.post, Self.bqA + "/datasets", ["datasetReference": ["datasetId": "d"]]),
            ] {
                let auth = uri.contains("project-b") ? ownerB : writerA
                let response = try await client.execute(uri: uri, method: method, headers: auth, body: S.json(body))
                #expect(response.status == .ok, "seed \(uri): \(String(buffer: response.body))")
            }
            let calls: [(HTTPRequest.Method, String, JSONValue)] = [
                (.put, "/v1/projects/project-a/subscriptions/steal", ["topic": "projects/project-b/topics/topic-b"]),
                (
                    .put, "/v1/projects/project-a/subscriptions/dead",
                    [
                        "topic": "projects/project-a/topics/topic-a",
                        "deadLetterPolicy": ["deadLetterTopic": "projects/project-b/topics/topic-b"],
                    ]
                ),
                (.post, Self.bqA + "/queries", ["query": "SELECT x FROM `project-b.d.t`", "useLegacySql": false]),
                (
                    .post, Self.bqA + "/queries",
                    [
                        "query": "SELECT x FROM t", "useLegacySql": false,
                        "defaultDataset": ["projectId": "project-b", "datasetId": "d"],
                    ]
                ),
                (.post, Self.bqA + "/jobs", ["configuration": ["query": ["query": "SELECT x FROM `project-b.d.t`", "useLegacySql": false]]]),
            ]
            for (method, uri, body) in calls {
                let response = try await client.execute(uri: uri, method: method, headers: writerA, body: S.json(body))
                try Self.expectDenied(response, "\(method) \(uri) \(body)")
                #expect(!String(buffer: response.body).contains("42"))
            }
            let patch = try await client.execute(
                uri: "/v1/projects/project-a/subscriptions/own", method: .put, headers: writerA,
                body: S.json(["topic": "projects/project-a/topics/topic-a"]))
            #expect(patch.status == .ok)
            let patched = try await client.execute(
                uri: "/v1/projects/project-a/subscriptions/own", method: .patch, headers: writerA,
                body: S.json([
                    "subscription": ["deadLetterPolicy": ["deadLetterTopic": "projects/project-b/topics/topic-b"]],
                    "updateMask": "deadLetterPolicy",
                ]))
            try Self.expectDenied(patched, "patch dead letter")
            // Its own project's table by full name is fine.
            let own = try await client.execute(
                uri: Self.bqA + "/queries", method: .post, headers: writerA,
                body: S.json(["query": "SELECT 1 AS one", "useLegacySql": false]))
            #expect(own.status == .ok)
        }
    }

    /// A query naming another project's table answers 403 whether the table (or its dataset, or the
    /// project) exists or not: a 404 for a missing one would tell a caller what the other project holds.
    @Test func aQueryNamingAMissingTableOfAnotherProjectIsDeniedLikeAnExistingOne() async throws {
        let emulator = try LocalEmulator(configuration: S.authConfiguration)
        try await S.makeApplication(emulator).test(.live) { client in
            let ownerB = S.bearer(
                try await S.accessToken(client, key: try await S.createKey(client, accountID: "owner-b", role: "writer", project: "project-b")))
            let writerA = S.bearer(
                try await S.accessToken(client, key: try await S.createKey(client, accountID: "writer-a", role: "writer", project: "project-a")))
            for (uri, body) in [
                (Self.bqB + "/datasets", ["datasetReference": ["datasetId": "d"]] as JSONValue),
                (Self.bqB + "/datasets/d/tables", ["tableReference": ["tableId": "t"], "schema": ["fields": [["name": "x", "type": "INT64"]]]]),
            ] {
                let response = try await client.execute(uri: uri, method: .post, headers: ownerB, body: S.json(body))
                #expect(response.status == .ok, "seed \(uri)")
            }
            for table in ["`project-b.d.t`", "`project-b.d.missing`", "`project-b.nowhere.t`", "`project-none.d.t`"] {
                for (path, body) in [
                    ("/queries", ["query": .string("SELECT x FROM \(table)"), "useLegacySql": false] as JSONValue),
                    ("/jobs", ["configuration": ["query": ["query": .string("SELECT x FROM \(table)"), "useLegacySql": false]]]),
                    ("/queries", ["query": .string("SELECT x FROM \(table)"), "useLegacySql": false, "dryRun": true]),
                ] {
                    let response = try await client.execute(uri: Self.bqA + path, method: .post, headers: writerA, body: S.json(body))
                    try Self.expectDenied(response, "\(path) \(table)")
                }
            }
            // The same through a default dataset of the other project.
            let viaDefault = try await client.execute(
                uri: Self.bqA + "/queries", method: .post, headers: writerA,
                body: S.json([
                    "query": "SELECT x FROM missing", "useLegacySql": false,
                    "defaultDataset": ["projectId": "project-b", "datasetId": "nowhere"],
                ]))
            try Self.expectDenied(viaDefault, "default dataset")
        }
    }
}
