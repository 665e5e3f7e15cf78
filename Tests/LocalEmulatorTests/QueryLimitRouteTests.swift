import Testing
import WireJSON

/// Queries built to exhaust the emulator (deep, long, slow) answer BigQuery's 400s and leave it serving.
@Suite("Query limits over HTTP")
struct QueryLimitRouteTests {
    static let queries = "/bigquery/v2/projects/\(Fixture.project)/queries"

    /// A jobs.query body that waits for the outcome however loaded the machine (default: 10 s, then
    /// `jobComplete: false`).
    static func query(_ sql: String) -> JSONValue { ["query": .string(sql), "useLegacySql": false, "timeoutMs": 120_000] }

    /// The emulator still answers a trivial query: the previous request did not take it down.
    static func expectServing(_ client: EmulatorClient) async throws {
        let reply = try await client.post(queries, query("SELECT 1 AS one"))
        #expect(reply.status == 200, "\(reply.json)")
        #expect(reply.json["rows"]?[0]?["f"]?[0]?["v"] == "1")
    }

    // One at a time: four 90,000-term queries at once on a loaded 2-core machine outlast the test client's read timeout.
    @Test(.serialized, arguments: [" + ", " || ", " * ", " = "])
    func operatorChainOfNinetyThousandTermsIsInvalidQuery(separator: String) async throws {
        try await withEmulator { client in
            let sql = "SELECT " + Array(repeating: "1", count: 90_000).joined(separator: separator)
            let reply = try await client.post(Self.queries, Self.query(sql))
            #expect(reply.status == 400)
            #expect(reply.errorReason == "invalidQuery")
            #expect(
                reply.errorMessage?.hasPrefix("Unsupported: expressions nested more than 64 levels deep") == true,
                "\(reply.json)")
            try await Self.expectServing(client)
        }
    }

    @Test func queryTextOverOneMegaCharacterIsInvalid() async throws {
        try await withEmulator { client in
            let sql = "SELECT 1 --" + String(repeating: "x", count: 1024 * 1024)
            let reply = try await client.post(Self.queries, Self.query(sql))
            #expect(reply.status == 400)
            #expect(reply.errorReason == "invalid")
            #expect(
                reply.errorMessage?.hasPrefix("The query is too large (1024.01K characters, 11 characters over the limit).") == true,
                "\(reply.json)")
            let job = try await client.post(
                "/bigquery/v2/projects/\(Fixture.project)/jobs",
                ["configuration": ["query": Self.query(sql)]])
            #expect(job.status == 400)
            #expect(job.errorReason == "invalid")
            try await Self.expectServing(client)
        }
    }

    @Test func nestingSQLiteCannotParseIsAClearInvalidQuery() async throws {
        try await withEmulator { client in
            let sql = "SELECT " + String(repeating: "CASE WHEN TRUE THEN ", count: 40) + "1" + String(repeating: " END", count: 40)
            let reply = try await client.post(Self.queries, Self.query(sql))
            #expect(reply.status == 400)
            #expect(reply.errorReason == "invalidQuery")
            #expect(
                reply.errorMessage?.hasPrefix("Unsupported: function calls or CASE expressions nested this deeply") == true,
                "\(reply.json)")
        }
    }
}
