import Testing
import WireJSON

/// NUMERIC and BIGNUMERIC through `jobs.query` over HTTP: stored, summed, compared and returned exactly.
@Suite("Exact NUMERIC queries")
struct NumericQueryRouteTests {
    static let queries = "/bigquery/v2/projects/\(Fixture.project)/queries"

    static func createLedger(_ client: EmulatorClient) async throws {
        try await Fixture.createDataset(client)
        let reply = try await client.post(
            Fixture.tables("analytics"),
            [
                "tableReference": ["tableId": "ledger"],
                "schema": [
                    "fields": [
                        ["name": "id", "type": "INT64"], ["name": "amount", "type": "NUMERIC"],
                        ["name": "tiny", "type": "BIGNUMERIC"],
                    ]
                ],
            ])
        precondition(reply.status == 200, "table create failed: \(reply.json)")
    }

    @Test func sumsComparesAndReturnsNumericExactly() async throws {
        try await withEmulator { client in
            try await Self.createLedger(client)
            var rows: [JSONValue] = (1...300).map { id in
                ["id": .int(Int64(id)), "amount": "0.1", "tiny": "0.00000000000000000000000000000000000001"]
            }
            rows.append(["id": 1000, "amount": "12345678901234567890.123456789", "tiny": "1"])
            rows.append(["id": 1001, "amount": "12345678901234567890.123456788", "tiny": "1"])
            let insert = try await Fixture.insert(client, rows, table: "ledger")
            #expect(insert.status == 200 && insert.json["insertErrors"] == nil, "\(insert.json)")

            let reply = try await client.post(
                Self.queries,
                [
                    "query": "SELECT SUM(amount), SUM(tiny), MAX(amount), AVG(amount) FROM analytics.ledger WHERE id < 1000",
                    "useLegacySql": false,
                ])
            #expect(reply.status == 200, "\(reply.json)")
            let cells = reply.json["rows"]?[0]?["f"]?.arrayValue?.map { $0["v"]?.stringValue }
            #expect(cells == ["30", "0.000000000000000000000000000000000003", "0.1", "0.1"])
            let types = reply.json["schema"]?["fields"]?.arrayValue?.compactMap { $0["type"]?.stringValue }
            #expect(types == ["NUMERIC", "BIGNUMERIC", "NUMERIC", "NUMERIC"])

            let compared = try await client.post(
                Self.queries,
                [
                    "query": "SELECT id, amount + @delta AS shifted FROM analytics.ledger WHERE amount > @floor ORDER BY amount DESC",
                    "useLegacySql": false,
                    "queryParameters": [
                        ["name": "delta", "parameterType": ["type": "NUMERIC"], "parameterValue": ["value": "0.000000001"]],
                        ["name": "floor", "parameterType": ["type": "NUMERIC"], "parameterValue": ["value": "12345678901234567890.123456788"]],
                    ],
                ])
            #expect(compared.status == 200, "\(compared.json)")
            let found = compared.json["rows"]?.arrayValue?.map { row in row["f"]?.arrayValue?.map { $0["v"]?.stringValue } }
            #expect(found == [["1000", "12345678901234567890.12345679"]])
        }
    }

    @Test func numericOverflowIsAnInvalidQuery() async throws {
        try await withEmulator { client in
            let reply = try await client.post(
                Self.queries,
                [
                    "query": "SELECT NUMERIC '99999999999999999999999999999.999999999' + NUMERIC '0.000000001'",
                    "useLegacySql": false,
                ])
            #expect(reply.status == 400, "\(reply.json)")
            #expect(reply.json["error"]?["errors"]?[0]?["reason"] == "invalidQuery")
            #expect(
                reply.json["error"]?["message"]?.stringValue
                    == "numeric overflow: 99999999999999999999999999999.999999999 + 0.000000001")
        }
    }
}
