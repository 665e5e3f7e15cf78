import Testing
import WireJSON

@Suite("BigQuery tabledata.list")
struct TableDataListTests {
    @Test func pagesWithMaxResultsAndPageToken() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            _ = try await Fixture.insert(client, (0..<5).map { Fixture.event("e\($0)") })
            let path = "\(Fixture.table("analytics", "events"))/data"
            var seen: [String] = []
            var token: String?
            repeat {
                let page = try await client.get(path + "?maxResults=2" + (token.map { "&pageToken=\($0)" } ?? ""))
                #expect(page.json["totalRows"] == "5")
                seen += page.json["rows"]?.arrayValue?.compactMap { $0["f"]?[0]?["v"]?.stringValue } ?? []
                token = page.json["pageToken"]?.stringValue
            } while token != nil
            #expect(seen == ["e0", "e1", "e2", "e3", "e4"])
        }
    }

    @Test func startIndexAndSelectedFields() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            _ = try await Fixture.insert(client, (0..<5).map { Fixture.event("e\($0)", amount: Int64($0)) })
            let page = try await client.get("\(Fixture.table("analytics", "events"))/data?startIndex=3&selectedFields=amount,event_id")
            #expect(page.json["rows"] == [["f": [["v": "3"], ["v": "e3"]]], ["f": [["v": "4"], ["v": "e4"]]]])
            let unknown = try await client.get("\(Fixture.table("analytics", "events"))/data?selectedFields=nope")
            #expect(unknown.status == 400)
        }
    }

    @Test func timestampsAreFloatSecondsUnlessInt64IsRequested() async throws {
        try await withEmulator { client in
            try await Fixture.createEventsTable(client)
            _ = try await Fixture.insert(client, [Fixture.event("e1", at: "2026-01-01T00:00:00.5Z")])
            let path = "\(Fixture.table("analytics", "events"))/data?selectedFields=occurred_at"
            #expect(try await client.get(path).json["rows"]?[0]?["f"]?[0]?["v"] == "1.7672256005E9")
            let micros = try await client.get(path + "&formatOptions.useInt64Timestamp=true")
            #expect(micros.json["rows"]?[0]?["f"]?[0]?["v"] == "1767225600500000")
        }
    }
}
