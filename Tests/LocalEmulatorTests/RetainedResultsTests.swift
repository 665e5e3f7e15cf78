import Testing
import WarehouseSchema
import WireJSON

@testable import LocalEmulator

/// Finished queries' rows are kept for paging within a byte budget, oldest dropped first; a page of a
/// dropped result runs the query again.
@Suite("Retained query results")
struct RetainedResultsTests {
    static let queries = "/bigquery/v2/projects/\(Fixture.project)/queries"

    /// Runs `body` against an emulator whose result budget is `budget` bytes, with its job registry.
    static func withBudget(_ budget: Int, _ body: @Sendable (EmulatorClient, JobRegistry) async throws -> Void) async throws {
        var configuration = EmulatorConfiguration()
        configuration.maxRetainedResultBytes = budget
        let emulator = try LocalEmulator(configuration: configuration)
        let registries = emulator.apis.compactMap { ($0 as? BigQueryAPI)?.jobs }
        let registry = try #require(registries.first)
        try await emulator.makeApplication().test(.live) { client in try await body(EmulatorClient(client: client), registry) }
    }

    /// 1,000 rows of ~100 characters each: about 0.2 MB as retained values.
    static func seed(_ client: EmulatorClient) async throws {
        try await Fixture.createEventsTable(client)
        let rows = (0..<1000).map { index in
            Fixture.event("event-\(index)-" + String(repeating: "x", count: 80), user: "u\(index % 7)", amount: Int64(index))
        }
        let reply = try await Fixture.insert(client, rows)
        precondition(reply.json["insertErrors"] == nil, "\(reply.json)")
    }

    static let everything = "SELECT event_id, amount FROM analytics.events ORDER BY amount"

    @Test func retainedBytesStayWithinTheBudgetAcrossManyLargeQueries() async throws {
        let budget = 1_000_000
        try await Self.withBudget(budget) { client, registry in
            try await Self.seed(client)
            var jobIds: [String] = []
            for _ in 0..<20 {
                let reply = try await client.post(Self.queries, ["query": .string(Self.everything), "useLegacySql": false, "maxResults": 1])
                #expect(reply.json["totalRows"] == "1000")
                jobIds.append(try #require(reply.json["jobReference"]?["jobId"]?.stringValue))
                #expect(registry.retainedBytes <= budget)
            }
            // Each result is ~0.2 MB: the budget holds the newest few, not all 20 (~4 MB).
            #expect(registry.retainedBytes > budget / 2)
            #expect(registry.rows(project: Fixture.project, jobId: jobIds[0]) == nil)
            #expect(registry.rows(project: Fixture.project, jobId: jobIds[19])?.count == 1000)
        }
    }

    @Test func pageOfADroppedResultRunsTheQueryAgain() async throws {
        try await Self.withBudget(300_000) { client, registry in
            try await Self.seed(client)
            let first = try await client.post(Self.queries, ["query": .string(Self.everything), "useLegacySql": false, "maxResults": 2])
            let jobId = try #require(first.json["jobReference"]?["jobId"]?.stringValue)
            for _ in 0..<3 {
                _ = try await client.post(Self.queries, ["query": .string(Self.everything), "useLegacySql": false, "maxResults": 1])
            }
            #expect(registry.rows(project: Fixture.project, jobId: jobId) == nil, "dropped to fit the budget")
            let page = try await client.get("\(Self.queries)/\(jobId)?maxResults=2&pageToken=998")
            #expect(page.status == 200, "\(page.json)")
            #expect(page.json["totalRows"] == "1000")
            #expect(page.json["rows"]?[1]?["f"]?[1]?["v"] == "999")
            #expect(page.json["pageToken"] == nil)
        }
    }

    @Test func resultLargerThanTheWholeBudgetIsAnsweredButNotKept() async throws {
        try await Self.withBudget(10_000) { client, registry in
            try await Self.seed(client)
            let reply = try await client.post(Self.queries, ["query": .string(Self.everything), "useLegacySql": false, "maxResults": 3])
            #expect(Self.amounts(reply) == ["0", "1", "2"])
            let jobId = try #require(reply.json["jobReference"]?["jobId"]?.stringValue)
            #expect(registry.retainedBytes == 0)
            let next = try await client.get("\(Self.queries)/\(jobId)?maxResults=3&pageToken=3")
            #expect(Self.amounts(next) == ["3", "4", "5"])
            #expect(registry.retainedBytes == 0)
        }
    }

    static func amounts(_ reply: JSONReply) -> [String?] {
        reply.json["rows"]?.arrayValue?.map { $0["f"]?[1]?["v"]?.stringValue } ?? []
    }

    @Test func estimateGrowsWithTheValues() {
        let short = ResultSize.bytes(of: [[.string("a"), .int64(1)]])
        let long = ResultSize.bytes(of: [[.string(String(repeating: "a", count: 1000)), .int64(1)]])
        #expect(long - short >= 1000)
        #expect(ResultSize.bytes(of: Array(repeating: [.int64(1)], count: 100)) > 50 * ResultSize.bytes(of: [[.int64(1)]]))
    }
}
