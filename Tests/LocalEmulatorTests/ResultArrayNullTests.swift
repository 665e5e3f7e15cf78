import Testing
import WireJSON

/// BigQuery's rule for arrays in a query's result (data-types#array_nulls): an array may hold NULLs
/// inside the query, but a result that carries one fails the job; a NULL array goes out as empty.
@Suite("Arrays in query results")
struct ResultArrayNullTests {
    static let queries = QueryLimitRouteTests.queries

    static func run(_ client: EmulatorClient, _ sql: String) async throws -> JSONReply {
        try await client.post(queries, QueryLimitRouteTests.query(sql))
    }

    @Test(arguments: [
        ("SELECT [1, NULL, 3] AS a", "a"),
        ("SELECT STRUCT(['x', NULL] AS names) AS s", "s.names"),
        ("SELECT [STRUCT([1.5, NULL] AS xs)] AS items", "items.xs"),
        ("SELECT 1 AS n UNION ALL SELECT 2 ORDER BY n LIMIT 1; SELECT [NULL] AS late", "late"),
    ])
    func aResultArrayWithANullElementFailsNamingTheField(sql: String, field: String) async throws {
        try await withEmulator { client in
            let reply = try await Self.run(client, sql)
            #expect(reply.status == 400, "\(reply.json)")
            #expect(reply.errorReason == "invalidQuery")
            #expect(reply.errorMessage == "Array cannot have a null element; error in writing field \(field)", "\(reply.json)")
        }
    }

    @Test func nullElementsInsideTheQueryAreFine() async throws {
        try await withEmulator { client in
            let plain = try await Self.run(
                client, "SELECT ARRAY_LENGTH([1, NULL, 3]) AS n, (SELECT COUNT(*) FROM UNNEST([1, NULL]) x WHERE x IS NULL) AS null_count")
            #expect(plain.status == 200, "\(plain.json)")
            #expect(plain.json["rows"]?[0]?["f"]?[0]?["v"] == "3")
            #expect(plain.json["rows"]?[0]?["f"]?[1]?["v"] == "1")
        }
    }

    @Test func aNullArrayGoesOutAsAnEmptyOne() async throws {
        try await withEmulator { client in
            let reply = try await Self.run(client, "SELECT CAST(NULL AS ARRAY<INT64>) AS a, [7] AS b")
            #expect(reply.status == 200, "\(reply.json)")
            #expect(reply.json["rows"]?[0]?["f"]?[0]?["v"] == .array([]))
            #expect(reply.json["rows"]?[0]?["f"]?[1]?["v"] == .array([["v": "7"]]))
        }
    }
}
