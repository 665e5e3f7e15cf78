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
