import Foundation
import GRDB
import Testing
import WireJSON

@testable import LocalEmulator

@Suite struct PubSubWriteBatcherTests {
    struct Refused: Error, Equatable { let value: Int }

    /// Many writers at once share transactions; the ones that throw fail alone and leave no trace,
    /// every other one is committed exactly once.
    @Test func aFailingWriteFailsAloneWhenItsTransactionIsShared() async throws {
        let database = try DatabaseQueue()
        try await database.write { db in try db.execute(sql: "CREATE TABLE t (value INTEGER NOT NULL)") }
        let batcher = PubSubWriteBatcher(writer: database)
        let outcomes = await withTaskGroup(of: (Int, Result<Int, Refused>).self) { group in
            for value in 0..<200 {
                group.addTask {
                    do {
                        let id = try await batcher.write { db -> Int in
                            try db.execute(sql: "INSERT INTO t(value) VALUES (?)", arguments: [value])
                            if value % 7 == 3 { throw Refused(value: value) }
                            return Int(db.lastInsertedRowID)
                        }
                        return (value, .success(id))
                    } catch {
                        return (value, .failure(error as? Refused ?? Refused(value: -1)))
                    }
                }
            }
            var outcomes: [Int: Result<Int, Refused>] = [:]
            for await (value, outcome) in group { outcomes[value] = outcome }
            return outcomes
        }
        let stored = try await database.read { db in try Int.fetchAll(db, sql: "SELECT value FROM t ORDER BY value") }
        #expect(stored == (0..<200).filter { $0 % 7 != 3 })
        for value in 0..<200 {
            if value % 7 == 3 {
                #expect(outcomes[value] == .failure(Refused(value: value)))
            } else {
                guard case .success = outcomes[value] else {
                    Issue.record("\(value): \(String(describing: outcomes[value]))")
                    continue
                }
            }
        }
    }

    /// The writes run in their callers' tasks: when every caller is cancelled, the queued writes end
    /// with them (nothing is committed for a caller that is gone, nothing runs on once they returned),
    /// instead of a detached drain committing them one batch after another.
    @Test func cancelledWritersEndWithTheirTasksAndNothingIsWrittenAfter() async throws {
        let database = try DatabaseQueue()
        try await database.write { db in try db.execute(sql: "CREATE TABLE t (value INTEGER NOT NULL)") }
        let batcher = PubSubWriteBatcher(writer: database)
        let started = LockedBox(0)
        let writers = Task {
            await withTaskGroup(of: Void.self) { group in
                for value in 0..<200 {
                    group.addTask {
                        _ = try? await batcher.write { db in
                            started.withLock { $0 += 1 }
                            // 20 ms a write: 200 of them take four seconds in all.
                            usleep(20_000)
                            try db.execute(sql: "INSERT INTO t(value) VALUES (?)", arguments: [value])
                        }
                    }
                }
            }
        }
        while started.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(1)) }
        writers.cancel()
        await writers.value
        // The transaction running at the cancellation may commit; the queued ones must not (a detached
        // drain would go on to commit all 200).
        let count = try #require(try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") })
        #expect(count < 200, "the queued writes of cancelled callers were committed")
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") } == count)
    }

    /// Concurrent publishes, acks and pulls through the emulator: every message is delivered once and
    /// acked once, whatever transactions they shared.
    @Test func concurrentPublishesAndAcksLoseNothing() async throws {
        try await withPubSubEmulator { pubsub in
            try await pubsub.createTopic("orders")
            try await pubsub.createSubscription("orders-sub", topic: "orders", ["ackDeadlineSeconds": 600])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for batch in 0..<20 {
                    group.addTask {
                        let texts = (0..<25).map { "m\(batch)-\($0)" }
                        let status = try await pubsub.publish("orders", texts).status
                        #expect(status == 200)
                    }
                }
                // A publish to a missing topic in the middle of the others fails alone.
                group.addTask {
                    let status = try await pubsub.publish("missing", ["x"]).status
                    #expect(status == 404)
                }
                try await group.waitForAll()
            }
            var seen: [String] = []
            while true {
                let reply = try await pubsub.pull("orders-sub", max: 1000)
                if reply.received.isEmpty { break }
                seen += reply.dataTexts
                // Each ackId twice: the second is stale and ignored.
                #expect(try await pubsub.ack("orders-sub", reply.ackIds + reply.ackIds).status == 200)
            }
            #expect(seen.sorted() == (0..<20).flatMap { batch in (0..<25).map { "m\(batch)-\($0)" } }.sorted())
        }
    }
}
