import Testing
import WireJSON

/// maxResults, startIndex and pageToken at their edges (0, negative, huge, not a number) on every
/// BigQuery list route: a page or a 400, never a trap.
@Suite("BigQuery list paging edge values")
struct ListPagingEdgeTests {
    static let data = "\(Fixture.table("analytics", "events"))/data"

    static func eventIds(_ reply: JSONReply) -> [String] {
        reply.json["rows"]?.arrayValue?.compactMap { $0["f"]?[0]?["v"]?.stringValue } ?? []
    }

    @Test func maxResultsZeroAnswersNoRowsWithATokenToTheFirstRow() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            _ = try await Fixture.insert(client, (0..<5).map { Fixture.event("e\($0)") })
            let empty = try await client.get(Self.data + "?maxResults=0")
            #expect(empty.status == 200)
            #expect(Self.eventIds(empty) == [])
            #expect(empty.json["totalRows"] == "5")
            let token = try #require(empty.json["pageToken"]?.stringValue)
            let next = try await client.get(Self.data + "?maxResults=2&pageToken=\(token)")
            #expect(Self.eventIds(next) == ["e0", "e1"])

            let fromThird = try await client.get(Self.data + "?maxResults=0&startIndex=2")
            let thirdToken = try #require(fromThird.json["pageToken"]?.stringValue)
            #expect(Self.eventIds(try await client.get(Self.data + "?maxResults=1&pageToken=\(thirdToken)")) == ["e2"])

            let afterSecond = try await client.get(Self.data + "?maxResults=0&pageToken=\(thirdToken)")
            #expect(afterSecond.json["pageToken"]?.stringValue == thirdToken)
        }
    }

    @Test func tableDataListEdgeValuesAreAPageOrA400() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            _ = try await Fixture.insert(client, (0..<3).map { Fixture.event("e\($0)") })
            for query in [
                "maxResults=-1", "maxResults=abc", "maxResults=99999999999999999999", "startIndex=-1",
                "startIndex=x", "pageToken=abc",
            ] {
                let reply = try await client.get(Self.data + "?" + query)
                #expect(reply.status == 400, "\(query)")
                #expect(reply.errorReason == "invalid", "\(query)")
            }
            for query in [
                "maxResults=9223372036854775807", "maxResults=9223372036854775807&startIndex=1",
                "maxResults=9223372036854775807&pageToken=1",
            ] {
                let reply = try await client.get(Self.data + "?" + query)
                #expect(reply.status == 200, "\(query)")
                #expect(reply.json["pageToken"] == nil, "\(query)")
            }
            #expect(Self.eventIds(try await client.get(Self.data + "?maxResults=9223372036854775807")) == ["e0", "e1", "e2"])
            let beyond = try await client.get(Self.data + "?startIndex=9223372036854775807")
            #expect(beyond.status == 200)
            #expect(Self.eventIds(beyond) == [])
        }
    }

    @Test func datasetTableAndJobListsTakeEdgeValues() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            let query = try await client.post(
                "/bigquery/v2/projects/\(Fixture.project)/queries",
                ["query": "SELECT 1 AS x", "useLegacySql": false])
            #expect(query.status == 200)
            let lists = [Fixture.datasets, Fixture.tables("analytics"), "/bigquery/v2/projects/\(Fixture.project)/jobs"]
            for list in lists {
                for bad in ["pageToken=-1", "pageToken=x", "maxResults=-3", "maxResults=99999999999999999999"] {
                    let reply = try await client.get(list + "?" + bad)
                    #expect(reply.status == 400, "\(list)?\(bad)")
                }
                for fine in [
                    "maxResults=0", "maxResults=9223372036854775807", "maxResults=9223372036854775807&pageToken=1",
                    "pageToken=9223372036854775807",
                ] {
                    let reply = try await client.get(list + "?" + fine)
                    #expect(reply.status == 200, "\(list)?\(fine)")
                }
            }
            let zero = try await client.get(Fixture.datasets + "?maxResults=0")
            #expect(zero.json["datasets"] == [])
            #expect(zero.json["nextPageToken"] == "0")
        }
    }

    @Test func queryResultPagingTakesEdgeValues() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            _ = try await Fixture.insert(client, (0..<3).map { Fixture.event("e\($0)") })
            let project = "/bigquery/v2/projects/\(Fixture.project)"
            let sql = "SELECT event_id FROM analytics.events"
            for bad in [-1, Int64.min] {
                let reply = try await client.post(
                    project + "/queries",
                    [
                        "query": .string(sql), "useLegacySql": false,
                        "maxResults": .int(bad),
                    ])
                #expect(reply.status == 400, "maxResults \(bad)")
            }
            // maxResults is a uint32 in BigQuery's request message: past that it is not a number BigQuery reads.
            let tooBig = try await client.post(
                project + "/queries",
                [
                    "query": .string(sql), "useLegacySql": false,
                    "maxResults": .int(Int64.max),
                ])
            #expect(tooBig.status == 400)
            let huge = try await client.post(
                project + "/queries",
                [
                    "query": .string(sql), "useLegacySql": false,
                    "maxResults": .int(Int64(UInt32.max)),
                ])
            #expect(huge.status == 200)
            let jobId = try #require(huge.json["jobReference"]?["jobId"]?.stringValue)
            let results = project + "/queries/\(jobId)"
            for bad in ["startIndex=-1", "startIndex=x", "pageToken=-2", "maxResults=-1"] {
                #expect(try await client.get(results + "?" + bad).status == 400, "\(bad)")
            }
            for fine in [
                "maxResults=0", "maxResults=9223372036854775807&pageToken=1",
                "maxResults=9223372036854775807&startIndex=2", "startIndex=9223372036854775807",
                "pageToken=9223372036854775807&maxResults=9223372036854775807",
            ] {
                #expect(try await client.get(results + "?" + fine).status == 200, "\(fine)")
            }
            let zero = try await client.get(results + "?maxResults=0")
            #expect(zero.json["rows"] == nil)
            #expect(zero.json["totalRows"] == "3")
            #expect(zero.json["pageToken"] == "0")
        }
    }
}

/// The same edges on Pub/Sub's list routes: a page or a 400.
@Suite("Pub/Sub list paging edge values")
struct PubSubListPagingEdgeTests {
    @Test func topicAndSubscriptionListsTakeEdgeValues() async throws {
        try await withEmulator { client in
            let created = try await client.call(.put, "/v1/projects/\(Fixture.project)/topics/topic-1", [:])
            #expect(created.status == 200)
            for list in [
                "/v1/projects/\(Fixture.project)/topics", "/v1/projects/\(Fixture.project)/subscriptions",
                "/v1/projects/\(Fixture.project)/topics/topic-1/subscriptions",
            ] {
                for bad in ["pageSize=-1", "pageSize=x", "pageSize=99999999999999999999", "pageToken=%%%"] {
                    let reply = try await client.get(list + "?" + bad)
                    #expect(reply.status == 400, "\(list)?\(bad)")
                }
                for fine in ["pageSize=0", "pageSize=9223372036854775807", "pageSize=1"] {
                    let reply = try await client.get(list + "?" + fine)
                    #expect(reply.status == 200, "\(list)?\(fine)")
                }
            }
        }
    }
}
