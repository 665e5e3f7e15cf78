import Foundation
import Hummingbird
import Testing
import WireJSON

/// Project, dataset and table ids checked as Google checks them: bad ones are 400 `invalid` with
/// Google's error body; everything BigQuery allows (Unicode table ids among them) works end to end.
@Suite("BigQuery and Pub/Sub resource ids")
struct ResourceIdValidationTests {
    static let badProjects = [
        "p", "abcde", String(repeating: "x", count: 10_000), "x;DROP%20TABLE%20t", "*", "Upper-case",
        "ends-with-dash-", "1starts-with-digit", "under_score", "example.com:", ":my-project",
        "a%2Fbcdefg", "%C3%BCmlaut-project", "xn--" + String(repeating: "a", count: 60),
    ]
    static let goodProjects = [
        "my-project", "a23456", "example.com:my-project", "google.com:x-y-z-1",
        "a" + String(repeating: "b", count: 62),
    ]

    @Test func badProjectIdsAre400OnEveryBigQueryRoute() async throws {
        try await withEmulator { client in
            for project in Self.badProjects {
                let base = "/bigquery/v2/projects/\(project)"
                for (method, path, body) in [
                    (HTTPRequest.Method.get, base + "/datasets", JSONValue.null),
                    (.post, base + "/datasets", ["datasetReference": ["datasetId": "d"]]),
                    (.get, base + "/datasets/d/tables/t/data", .null),
                    (.post, base + "/queries", ["query": "SELECT 1", "useLegacySql": false]),
                    (.get, base + "/jobs", .null),
                ] {
                    let reply = try await client.call(method, path, body.isNull ? nil : body)
                    #expect(reply.status == 400, "\(method) \(path.prefix(80)): \(reply.status)")
                    #expect(reply.errorReason == "invalid", "\(path.prefix(80))")
                    #expect(reply.errorMessage?.hasPrefix("Invalid project ID") == true, "\(path.prefix(80))")
                }
            }
        }
    }

    @Test func projectIdsGoogleAllowsWork() async throws {
        try await withEmulator { client in
            for project in Self.goodProjects {
                let reply = try await client.post("/bigquery/v2/projects/\(project)/datasets", ["datasetReference": ["datasetId": "d"]])
                #expect(reply.status == 200, "\(project): \(reply.json)")
                #expect(try await client.get("/bigquery/v2/projects/\(project)/datasets/d").status == 200, "\(project)")
            }
        }
    }

    @Test func datasetIdsAreLettersDigitsAndUnderscores() async throws {
        try await withEmulator { client in
            for bad in ["bad-dash", "Straße", "a b", String(repeating: "d", count: 1025), "", "a.b"] {
                let reply = try await client.post(Fixture.datasets, ["datasetReference": ["datasetId": .string(bad)]])
                #expect(reply.status == 400, "\(bad.prefix(20))")
                #expect(reply.errorReason == "invalid", "\(bad.prefix(20))")
            }
            for bad in ["bad-dash", "a%20b", "%C3%9F"] {
                #expect(try await client.get(Fixture.datasets + "/" + bad).status == 400, "\(bad)")
            }
            #expect(
                try await client.post(Fixture.datasets, ["datasetReference": ["datasetId": .string(String(repeating: "d", count: 1024))]]).status
                    == 200)
        }
    }

    @Test(arguments: ["Straße_事件-1 x", "données", "таблица", "a\u{0301}ccent", "日本語テーブル", "x‿y"])
    func unicodeTableIdsWorkEndToEnd(tableId: String) async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client)
            let created = try await client.post(
                Fixture.tables("analytics"),
                [
                    "tableReference": ["tableId": .string(tableId)],
                    "schema": ["fields": [["name": "n", "type": "INT64"]]],
                ])
            #expect(created.status == 200, "\(created.json)")
            #expect(created.json["tableReference"]?["tableId"]?.stringValue == tableId)
            let path = Fixture.table(
                "analytics", tableId.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(.init(charactersIn: "/")))!)
            let inserted = try await client.post(path + "/insertAll", ["rows": [["json": ["n": 7]]]])
            #expect(inserted.status == 200)
            #expect(inserted.json["insertErrors"] == nil)
            let listed = try await client.get(path + "/data")
            #expect(listed.json["rows"] == [["f": [["v": "7"]]]])
            let got = try await client.get(path)
            #expect(got.json["tableReference"]?["tableId"]?.stringValue == tableId)
            let query = try await client.post(
                "/bigquery/v2/projects/\(Fixture.project)/queries",
                ["query": .string("SELECT n FROM `analytics.\(tableId)`"), "useLegacySql": false])
            #expect(query.status == 200, "\(query.json)")
            #expect(query.json["rows"] == [["f": [["v": "7"]]]])
            let tables = try await client.get(Fixture.tables("analytics"))
            #expect(tables.json["tables"]?[0]?["tableReference"]?["tableId"]?.stringValue == tableId)
        }
    }

    @Test func tableIdsBigQueryRefusesAre400() async throws {
        try await withEmulator { client in
            try await Fixture.createDataset(client)
            for bad in ["a.b", "a$b", "a/b", "a*b", "emoji😀", "", String(repeating: "é", count: 513), "tab\there", "semi;colon"] {
                let reply = try await client.post(Fixture.tables("analytics"), ["tableReference": ["tableId": .string(bad)]])
                #expect(reply.status == 400, "\(bad.prefix(20))")
                #expect(reply.errorReason == "invalid", "\(bad.prefix(20))")
            }
            // 1024 bytes is the limit, counted in UTF-8.
            let longest = String(repeating: "é", count: 512)
            let reply = try await client.post(
                Fixture.tables("analytics"),
                [
                    "tableReference": ["tableId": .string(longest)],
                    "schema": ["fields": [["name": "n", "type": "INT64"]]],
                ])
            #expect(reply.status == 200)
        }
    }

    @Test func pubSubProjectIdsAreCheckedToo() async throws {
        try await withEmulator { client in
            for project in ["p", "x;DROP", "*", "Upper-case", String(repeating: "x", count: 10_000)] {
                let reply = try await client.call(.put, "/v1/projects/\(project)/topics/topic-1", [:])
                #expect(reply.status == 400, "\(project.prefix(20))")
            }
            #expect(try await client.call(.put, "/v1/projects/my-project/topics/topic-1", [:]).status == 200)
            let subscription = try await client.call(
                .put, "/v1/projects/my-project/subscriptions/sub-1",
                ["topic": "projects/x;DROP/topics/topic-1"])
            #expect(subscription.status == 400)
        }
    }
}
