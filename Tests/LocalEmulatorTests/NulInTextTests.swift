import Foundation
import Testing
import WireJSON

/// A NUL is an ordinary character in BigQuery and Pub/Sub strings: it must be stored, bound and
/// read back whole, not taken as the end of a C string.
@Suite("NUL inside strings")
struct NulInTextTests {
    static let text = "ab\u{0}cd"
    static let queries = "/bigquery/v2/projects/\(Fixture.project)/queries"

    /// `analytics.texts`: a STRING, a JSON, a BYTES, a RECORD and a REPEATED column.
    static func createTextsTable(_ client: EmulatorClient) async throws {
        try await Fixture.createDataset(client)
        let reply = try await client.post(
            Fixture.tables("analytics"),
            [
                "tableReference": ["tableId": "texts"],
                "schema": [
                    "fields": [
                        ["name": "s", "type": "STRING"], ["name": "j", "type": "JSON"], ["name": "b", "type": "BYTES"],
                        ["name": "r", "type": "RECORD", "fields": [["name": "s", "type": "STRING"]]],
                        ["name": "a", "type": "STRING", "mode": "REPEATED"],
                    ]
                ],
            ])
        precondition(reply.status == 200, "\(reply.json)")
    }

    static func query(_ client: EmulatorClient, _ sql: String, _ parameters: [JSONValue] = []) async throws -> JSONReply {
        try await client.post(queries, ["query": .string(sql), "useLegacySql": false, "queryParameters": .array(parameters)])
    }

    static func stringParameter(_ name: String, _ value: String, type: String = "STRING") -> JSONValue {
        ["name": .string(name), "parameterType": ["type": .string(type)], "parameterValue": ["value": .string(value)]]
    }

    static let bytesWithNul = Data([0x61, 0x00, 0x62]).base64EncodedString()

    /// The row as tabledata.list and `SELECT *` both return it.
    static let expectedCells: JSONValue = [
        ["v": .string(text)], ["v": "{\"k\":\"ab\\u0000cd\"}"], ["v": .string(bytesWithNul)],
        ["v": ["f": [["v": .string(text)]]]], ["v": [["v": .string(text)]]],
    ]

    @Test func rowsKeepTheirNulInTableDataListAndQueries() async throws {
        try await withEmulator { client in
            try await Self.createTextsTable(client)
            let row: JSONValue = [
                "s": .string(Self.text), "j": ["k": .string(Self.text)], "b": .string(Self.bytesWithNul),
                "r": ["s": .string(Self.text)], "a": [.string(Self.text)],
            ]
            let inserted = try await Fixture.insert(client, [row], table: "texts")
            #expect(inserted.status == 200 && inserted.json["insertErrors"] == nil, "\(inserted.json)")

            let listed = try await client.get("\(Fixture.table("analytics", "texts"))/data")
            #expect(listed.json["rows"]?[0]?["f"] == Self.expectedCells)

            let selected = try await Self.query(client, "SELECT * FROM analytics.texts")
            #expect(selected.json["rows"]?[0]?["f"] == Self.expectedCells, "\(selected.json)")
        }
    }

    @Test func stringParameterWithNulIsBoundWhole() async throws {
        try await withEmulator { client in
            try await Self.createTextsTable(client)
            _ = try await Fixture.insert(client, [["s": .string(Self.text)], ["s": "ab"]], table: "texts")

            let echoed = try await Self.query(client, "SELECT @s AS s", [Self.stringParameter("s", Self.text)])
            #expect(echoed.json["rows"]?[0]?["f"]?[0]?["v"] == .string(Self.text), "\(echoed.json)")

            let matched = try await Self.query(
                client, "SELECT COUNT(*) AS n FROM analytics.texts WHERE s = @s",
                [Self.stringParameter("s", Self.text)])
            #expect(matched.json["rows"]?[0]?["f"]?[0]?["v"] == "1", "\(matched.json)")
            let prefix = try await Self.query(
                client, "SELECT COUNT(*) AS n FROM analytics.texts WHERE s = @s",
                [Self.stringParameter("s", "ab")])
            #expect(prefix.json["rows"]?[0]?["f"]?[0]?["v"] == "1")
        }
    }

    @Test func bytesParameterWithNulIsBoundWhole() async throws {
        try await withEmulator { client in
            let echoed = try await Self.query(client, "SELECT @b AS b", [Self.stringParameter("b", Self.bytesWithNul, type: "BYTES")])
            #expect(echoed.json["rows"]?[0]?["f"]?[0]?["v"] == .string(Self.bytesWithNul), "\(echoed.json)")
        }
    }

    @Test func pubSubDataAndAttributesKeepTheirNul() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("topic-nul")
            try await pubsub.createSubscription("sub-nul", topic: "topic-nul")
            let published = try await pubsub.publish("topic-nul", [Self.text], attributes: ["k": .string(Self.text)])
            #expect(published.status == 200, "\(published.json)")
            let pulled = try await pubsub.pull("sub-nul")
            #expect(pulled.dataTexts == [Self.text])
            #expect(pulled.received.first?["message"]?["attributes"] == ["k": .string(Self.text)])
        }
    }

    @Test func pubSubFilterOnAValueWithNulMatchesOnlyThatValue() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("topic-nul")
            let created = try await pubsub.createSubscription("sub-nul", topic: "topic-nul", ["filter": .string("attributes.k = \"\(Self.text)\"")])
            #expect(created.status == 200, "\(created.json)")
            try await pubsub.publish("topic-nul", ["whole"], attributes: ["k": .string(Self.text)])
            try await pubsub.publish("topic-nul", ["prefix"], attributes: ["k": "ab"])
            #expect(try await pubsub.pull("sub-nul").dataTexts == ["whole"])
        }
    }
}
