import Foundation
import GoogleAuth
import Testing
import WireJSON

func encoded(_ value: String) -> String {
    value.addingPercentEncoding(
        withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~"))!
}

extension APIHarness {
    /// Every row of a read, following nextPageToken to the end; fails on a page that is not a 200.
    func readAllPages(_ query: String, between: @Sendable (Int) async throws -> Void = { _ in }) async throws -> [JSONValue] {
        var rows: [JSONValue] = []
        var token: String?
        var page = 0
        repeat {
            let answer = try await read(query + (token.map { "&pageToken=" + encoded($0) } ?? ""))
            guard answer.status == 200 else { throw HarnessError("page \(page): \(answer.status) \(answer.text)") }
            rows += answer.json["rows"]?.arrayValue ?? []
            token = answer.json["nextPageToken"]?.stringValue
            page += 1
            try await between(page)
        } while token != nil
        return rows
    }
}

@Suite("GET /getData")
struct ReadTests {
    @Test func pagesReturnEveryRowOnceNewestFirstWithTypedValues() async throws {
        try await withAPI { (api: APIHarness) async throws in
            // Pairs of events share a time, so the event_id tiebreak is exercised.
            let events = (0..<57).map {
                Events.event($0, user: $0 % 3 == 0 ? nil : "user-\($0 % 4)", at: Events.baseMicros + Int64($0 / 2) * 1_000_000)
            }
            try await api.insert(events)
            let rows = try await api.readAllPages(Events.window + "&limit=10")
            let ids = rows.compactMap { $0["event_id"]?.stringValue }
            #expect(ids.count == 57)
            #expect(Set(ids).count == 57)
            let keys = rows.map { ($0["occurred_at"]?.stringValue ?? "", $0["event_id"]?.stringValue ?? "") }
            #expect(zip(keys, keys.dropFirst()).allSatisfy { $0.0 > $0.1 }, "not occurred_at DESC, event_id DESC")

            let first = try #require(rows.first(where: { $0["event_id"] == "event-4" }))
            #expect(first["occurred_at"] == "2026-11-30T10:00:02Z")
            #expect(first["event_type"] == "click")
            #expect(first["user_id"] == "user-0")
            #expect(first["payload"] == ["n": 4, "tags": ["a", "b"]])
            #expect(rows.first(where: { $0["event_id"] == "event-3" })?["user_id"] == .null)
        }
    }

    @Test func pagingWhileRowsArriveServesEveryEarlierRowExactlyOnce() async throws {
        try await withAPI { (api: APIHarness) async throws in
            try await api.insert((0..<40).map { Events.event($0) })
            let rows = try await api.readAllPages(Events.window + "&limit=7") { page in
                // Newer rows, rows between those already served, and rows not yet reached arrive mid-read.
                let arriving = (0..<3).map { Events.event(1000 + page * 10 + $0, at: Events.baseMicros + Int64(3 * page + $0) * 1_000_000 + 500_000) }
                try await api.insert(arriving)
            }
            let ids = rows.compactMap { $0["event_id"]?.stringValue }
            #expect(Set(ids).count == ids.count, "a row came twice")
            #expect(Set((0..<40).map { "event-\($0)" }).isSubset(of: Set(ids)), "an earlier row is missing")
        }
    }

    @Test func filtersOnEventTypeAndUserId() async throws {
        try await withAPI { (api: APIHarness) async throws in
            try await api.insert((0..<20).map { Events.event($0, type: $0 % 2 == 0 ? "click" : "view", user: "user-\($0 % 5)") })
            let clicks = try await api.readAllPages(Events.window + "&limit=100&event_type=click")
            #expect(clicks.count == 10)
            let userClicks = try await api.readAllPages(Events.window + "&event_type=click&user_id=user-2&limit=1")
            #expect(userClicks.compactMap { $0["event_id"]?.stringValue }.sorted() == ["event-12", "event-2"])
        }
    }

    @Test func theDefaultWindowIsTheLastDayOnTheWallClock() async throws {
        let wall = ManualWallClock(Date(timeIntervalSince1970: Double(Events.baseMicros) / 1e6 + 3600))
        try await withAPI(wallClock: wall) { (api: APIHarness) async throws in
            try await api.insert([Events.event(1, at: Events.baseMicros), Events.event(2, at: Events.baseMicros - 2 * 86_400_000_000)])
            let answer = try await api.read()
            #expect(answer.status == 200)
            #expect(answer.json["rows"]?.arrayValue?.compactMap { $0["event_id"]?.stringValue } == ["event-1"])
            #expect(answer.json["nextPageToken"] == .null)
            #expect(answer.json["stats"]?["cacheHit"] == false)
            wall.advance(by: .seconds(86_400))
            let dayLater = try await api.read()
            #expect(dayLater.json["rows"]?.arrayValue?.isEmpty == true)
        }
    }

    @Test(arguments: [
        ("limit=0", "limit"), ("limit=1001", "limit"), ("limit=ten", "limit"), ("limit=1&limit=2", "limit"),
        ("from=yesterday", "from"), ("from=2026-11-30", "from"), ("from=2026-11-30T10:00:00", "from"),
        ("from=2026-12-01T00:00:00Z&to=2026-11-30T00:00:00Z", "from"), ("from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z", "from"),
        ("to=2026-13-01T00:00:00Z", "to"), ("event_type=", "event_type"), ("colour=red", "colour"), ("pageToken=abc", "pageToken"),
        ("pageToken=" + "eyJ2IjoxfQ", "pageToken"),
    ])
    func badParametersAre400NamingTheParameter(query: String, field: String) async throws {
        try await withAPI { (api: APIHarness) async throws in
            let answer = try await api.read(query)
            #expect(answer.status == 400, "\(query): \(answer.text)")
            #expect(answer.json["error"]?["status"] == "INVALID_ARGUMENT")
            #expect(answer.errorDetails.first?["field"]?.stringValue == field)
        }
    }

    @Test func aPageTokenOnlyContinuesTheReadItCameFrom() async throws {
        try await withAPI { (api: APIHarness) async throws in
            try await api.insert((0..<5).map { Events.event($0) })
            let first = try await api.read(Events.window + "&limit=2")
            let token = try #require(first.json["nextPageToken"]?.stringValue)
            #expect(try await api.read(Events.window + "&limit=2&pageToken=" + token).status == 200)
            #expect(try await api.read("limit=2&pageToken=" + token).status == 200)
            #expect(try await api.read(Events.window + "&event_type=view&pageToken=" + token).status == 400)
            #expect(try await api.read("from=2026-11-29T00:00:00Z&pageToken=" + token).status == 400)
            // One character changed: not a token this API issued, or not one for this read.
            var garbled = Array(token)
            garbled[garbled.count / 2] = garbled[garbled.count / 2] == "A" ? "B" : "A"
            #expect(try await api.read(Events.window + "&pageToken=" + String(garbled)).status == 400)
        }
    }

    @Test func readsNeedAKeyWithTheReadScope() async throws {
        try await withAPI { (api: APIHarness) async throws in
            #expect(try await api.read(Events.window, key: nil).status == 401)
            #expect(try await api.read(Events.window, key: "nope-nope-nope-nope-nope").status == 401)
            #expect(try await api.read(Events.window, key: APIHarness.ingestKey).status == 403)
            #expect(try await api.read(Events.window, key: APIHarness.bothKey).status == 200)
        }
    }
}
