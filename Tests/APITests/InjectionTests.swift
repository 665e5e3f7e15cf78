import Testing
import WireJSON

/// Strings that would change a query built by pasting text into SQL. Through the API each is a value:
/// the answer is a 200 (no match) or a 400 (not a valid value), and the table is as it was.
@Suite("SQL injection through /getData parameters")
struct InjectionTests {
    static let corpus = [
        "' OR '1'='1", "click' OR 1=1 --", "\"; DROP TABLE events; --", "x`; DELETE FROM `warehouse.events` WHERE true; --",
        "') UNION ALL SELECT 'a','b','c',CURRENT_TIMESTAMP(),JSON '{}' --", "@event_type", "NULL", "\\' OR 1=1 #",
        "2026-11-30T00:00:00Z' OR '1'='1", "1; SELECT 1", "1 OR 1=1", "10 --", "*/ OR /*", "\u{0}", "é' OR 'é'='é",
    ]

    @Test(arguments: ["event_type", "user_id", "from", "to", "limit", "pageToken"])
    func everyValueIsDataInParameter(_ name: String) async throws {
        try await withAPI { (api: APIHarness) async throws in
            try await api.insert((0..<6).map { Events.event($0) })
            for value in Self.corpus {
                var query = Events.window
                if name == "from" || name == "to" {
                    query = (name == "from" ? "to=2026-12-01T00:00:00Z" : "from=2026-11-30T00:00:00Z")
                }
                query += "&\(name)=" + encoded(value)
                let answer = try await api.read(query)
                #expect(answer.status == 200 || answer.status == 400, "\(name)=\(value): \(answer.status) \(answer.text)")
                if answer.status == 200 { #expect(answer.json["rows"]?.arrayValue?.isEmpty == true, "\(name)=\(value) matched rows") }
            }
            #expect(try await api.tableRowCount() == 6)
            #expect(try await api.readAllPages(Events.window + "&limit=2").count == 6)
        }
    }
}
