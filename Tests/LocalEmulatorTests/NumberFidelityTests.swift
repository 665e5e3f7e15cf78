import Foundation
import Hummingbird
import NIOCore
import Testing
import WireJSON

/// Numbers are stored as sent, or refused: never rounded through a Double on the way in.
@Suite("Numbers stored as sent")
struct NumberFidelityTests {
    static let queries = "/bigquery/v2/projects/\(Fixture.project)/queries"

    /// `analytics.numbers`: one column of each numeric type, and a STRING.
    static func createNumbersTable(_ client: EmulatorClient) async throws {
        try await Fixture.createDataset(client)
        let reply = try await client.post(
            Fixture.tables("analytics"),
            [
                "tableReference": ["tableId": "numbers"],
                "schema": [
                    "fields": [
                        ["name": "i", "type": "INT64"], ["name": "n", "type": "NUMERIC"], ["name": "bn", "type": "BIGNUMERIC"],
                        ["name": "f", "type": "FLOAT64"], ["name": "s", "type": "STRING"],
                    ]
                ],
            ])
        precondition(reply.status == 200, "\(reply.json)")
    }

    /// Inserts one row given as raw JSON text, so that number literals reach the emulator exactly as written.
    static func insertRaw(_ client: EmulatorClient, _ rowJSON: String) async throws -> JSONReply {
        let body = "{\"rows\":[{\"json\":\(rowJSON)}]}"
        return try await client.call(.post, "\(Fixture.table("analytics", "numbers"))/insertAll", rawBody: ByteBuffer(string: body))
    }

    static func listedCells(_ client: EmulatorClient) async throws -> [JSONValue] {
        let listed = try await client.get("\(Fixture.table("analytics", "numbers"))/data")
        return listed.json["rows"]?.arrayValue?.compactMap { $0["f"]?.arrayValue?.map { $0["v"] ?? .null } }.first ?? []
    }

    static func queriedCells(_ client: EmulatorClient) async throws -> [JSONValue] {
        let reply = try await client.post(queries, ["query": "SELECT i, n, bn, f, s FROM analytics.numbers", "useLegacySql": false])
        return reply.json["rows"]?[0]?["f"]?.arrayValue?.map { $0["v"] ?? .null } ?? []
    }

    static func rejectedLocation(_ reply: JSONReply) -> String? {
        guard reply.status == 200, let error = reply.json["insertErrors"]?[0]?["errors"]?[0] else { return nil }
        return error["reason"] == "invalid" ? error["location"]?.stringValue : nil
    }

    @Test(arguments: [
        "-9223372036854775809", "9223372036854775808", "\"-9223372036854775809\"", "\"9223372036854775808\"",
        "-9223372036854775809.0", "-1e19",
    ])
    func int64OutOfRangeIsInvalid(literal: String) async throws {
        try await withEmulator { client in
            try await Self.createNumbersTable(client)
            let reply = try await Self.insertRaw(client, "{\"i\": \(literal)}")
            #expect(Self.rejectedLocation(reply) == "i", "\(reply.json)")
        }
    }

    @Test func int64LimitsAreStoredExactly() async throws {
        try await withEmulator { client in
            try await Self.createNumbersTable(client)
            _ = try await Self.insertRaw(client, "{\"i\": -9223372036854775808}")
            #expect(try await Self.listedCells(client).first == "-9223372036854775808")
        }
    }

    @Test func int64ParameterOutOfRangeIsRefused() async throws {
        try await withEmulator { client in
            for value in ["\"-9223372036854775809\"", "-9223372036854775809", "9223372036854775808"] {
                let body =
                    "{\"query\":\"SELECT @x\",\"useLegacySql\":false,\"queryParameters\":[{\"name\":\"x\","
                    + "\"parameterType\":{\"type\":\"INT64\"},\"parameterValue\":{\"value\":\(value)}}]}"
                let reply = try await client.call(.post, Self.queries, rawBody: ByteBuffer(string: body))
                #expect(reply.status == 400, "\(value): \(reply.json)")
            }
        }
    }

    @Test func numericAndBignumericNumbersKeepEveryDigit() async throws {
        try await withEmulator { client in
            try await Self.createNumbersTable(client)
            let reply = try await Self.insertRaw(
                client,
                """
                {"n": 18446744073709551616.123456789, "bn": 578960446186580977117854925043439539266.34992332820282019728792003956564819967}
                """)
            #expect(reply.json["insertErrors"] == nil, "\(reply.json)")
            let expected: [JSONValue] = [
                .null, "18446744073709551616.123456789",
                "578960446186580977117854925043439539266.34992332820282019728792003956564819967", .null, .null,
            ]
            #expect(try await Self.listedCells(client) == expected)
            #expect(try await Self.queriedCells(client) == expected)
        }
    }

    @Test(arguments: [
        ("n", "100000000000000000000000000000"),  // 30 integer digits
        ("n", "0.1234567891"),  // 10 fractional digits: BigQuery answers "Invalid NUMERIC value"
        ("bn", "578960446186580977117854925043439539266.34992332820282019728792003956564819968"),  // 2^255 × 10^-38
        ("bn", "0.123456789012345678901234567890123456789"),  // 39 fractional digits
    ])
    func decimalsBeyondTheirTypeAreInvalid(column: String, literal: String) async throws {
        try await withEmulator { client in
            try await Self.createNumbersTable(client)
            let reply = try await Self.insertRaw(client, "{\"\(column)\": \(literal)}")
            #expect(Self.rejectedLocation(reply) == column, "\(reply.json)")
        }
    }

    @Test func bignumericLowestValueIsAccepted() async throws {
        try await withEmulator { client in
            try await Self.createNumbersTable(client)
            let lowest = "-578960446186580977117854925043439539266.34992332820282019728792003956564819968"
            let reply = try await Self.insertRaw(client, "{\"bn\": \(lowest)}")
            #expect(reply.json["insertErrors"] == nil, "\(reply.json)")
            #expect(try await Self.listedCells(client).dropFirst(2).first == .string(lowest))
        }
    }

    @Test func numberBeyondADoubleIntoStringIsStoredAsWritten() async throws {
        try await withEmulator { client in
            try await Self.createNumbersTable(client)
            let reply = try await Self.insertRaw(client, "{\"s\": 1e400}")
            #expect(reply.json["insertErrors"] == nil, "\(reply.json)")
            #expect(try await Self.listedCells(client).dropFirst(4).first == "1e400")
        }
    }

    @Test func float64BeyondADoubleIsInvalid() async throws {
        try await withEmulator { client in
            try await Self.createNumbersTable(client)
            #expect(Self.rejectedLocation(try await Self.insertRaw(client, "{\"f\": 1e400}")) == "f")
        }
    }

    @Test func nonFiniteFloat64IsStoredAndReturned() async throws {
        try await withEmulator { client in
            try await Self.createNumbersTable(client)
            let body =
                "{\"rows\":[{\"json\":{\"i\":1,\"f\":\"NaN\"}},{\"json\":{\"i\":2,\"f\":\"Infinity\"}},{\"json\":{\"i\":3,\"f\":\"-Infinity\"}},{\"json\":{\"i\":4,\"f\":1.5}}]}"
            let reply = try await client.call(.post, "\(Fixture.table("analytics", "numbers"))/insertAll", rawBody: ByteBuffer(string: body))
            #expect(reply.json["insertErrors"] == nil, "\(reply.json)")
            let listed = try await client.get("\(Fixture.table("analytics", "numbers"))/data?selectedFields=f")
            let floats = listed.json["rows"]?.arrayValue?.map { $0["f"]?[0]?["v"] ?? .null }
            #expect(floats == ["NaN", "Infinity", "-Infinity", "1.5"])
            let queried = try await client.post(Self.queries, ["query": "SELECT f FROM analytics.numbers ORDER BY i", "useLegacySql": false])
            #expect(queried.json["rows"]?.arrayValue?.map { $0["f"]?[0]?["v"] ?? .null } == ["NaN", "Infinity", "-Infinity", "1.5"])
            let parameter = try await client.post(
                Self.queries,
                [
                    "query": "SELECT @f", "useLegacySql": false,
                    "queryParameters": [["name": "f", "parameterType": ["type": "FLOAT64"], "parameterValue": ["value": "NaN"]]],
                ])
            #expect(parameter.json["rows"]?[0]?["f"]?[0]?["v"] == "NaN", "\(parameter.json)")
        }
    }
}
