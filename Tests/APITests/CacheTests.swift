import Foundation
import TestSupport
import Testing
import WireJSON

@Suite("The read cache")
struct CacheTests {
    @Test func aRepeatedReadIsServedWithoutABigQueryCall() async throws {
        let clock = RecordingClock()
        try await withAPI(clock: clock) { (api: APIHarness) async throws in
            try await api.insert((0..<3).map { Events.event($0) })
            try await api.countCalls(method: "POST", path: "/queries$")
            let first = try await api.read(Events.window)
            #expect(first.json["stats"]?["cacheHit"] == false)
            let second = try await api.read(Events.window)
            #expect(second.json["stats"]?["cacheHit"] == true)
            #expect(second.json["rows"] == first.json["rows"])
            #expect(try await api.matchedCalls() == 1)
            // Another read is another query; the same read after the TTL is one too.
            _ = try await api.read(Events.window + "&limit=2")
            #expect(try await api.matchedCalls() == 2)
            clock.advance(by: .seconds(3))
            let later = try await api.read(Events.window)
            #expect(later.json["stats"]?["cacheHit"] == false)
            #expect(try await api.matchedCalls() == 3)
        }
    }

    @Test func concurrentIdenticalReadsShareOneQuery() async throws {
        try await withAPI(clock: RecordingClock()) { (api: APIHarness) async throws in
            try await api.insert((0..<3).map { Events.event($0) })
            // Each query waits 300 ms in the emulator, so the reads overlap.
            try await api.admin(.POST, "/emulator/v1/faults", ["method": "POST", "path": "/queries$", "latencyMs": 300])
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 { group.addTask { try await api.read(Events.window).status } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 8))
            #expect(try await api.matchedCalls() == 1)
        }
    }

    @Test func theCacheHoldsNoMoreThanItsBounds() async throws {
        try await withAPI(clock: RecordingClock(), configure: { $0.cache = .init(ttl: .seconds(60), maxEntries: 2, maxBytes: 1 << 20) }) {
            (api: APIHarness) async throws in
            try await api.insert((0..<3).map { Events.event($0) })
            try await api.countCalls(method: "POST", path: "/queries$")
            for limit in 1...3 { _ = try await api.read(Events.window + "&limit=\(limit)") }
            // limit=1 was the oldest of three entries in a cache of two: it is asked again.
            _ = try await api.read(Events.window + "&limit=3")
            #expect(try await api.matchedCalls() == 3)
            _ = try await api.read(Events.window + "&limit=1")
            #expect(try await api.matchedCalls() == 4)
        }
    }
}
