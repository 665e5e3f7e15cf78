import AsyncHTTPClient
import Foundation
import GRDB
import GoogleAuth
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import Testing
import WireJSON

@testable import LocalEmulator

/// The emulator's application in a `ServiceGroup`: a graceful shutdown ends what the emulator started
/// before the group returns, and loses nothing it acknowledged.
@Suite struct EmulatorShutdownTests {
    /// A query job still running when the group shuts down is stopped (it ends with BigQuery's `stopped`
    /// error) before the group returns, instead of running on in a task nobody waits for.
    @Test func aGracefulShutdownEndsARunningQueryJobBeforeTheGroupReturns() async throws {
        var configuration = EmulatorConfiguration(port: 0)
        configuration.clock = SlowReadingClock()
        configuration.maxQueryDuration = .seconds(600)
        let emulator = try LocalEmulator(configuration: configuration)
        let clock = try #require(configuration.clock as? SlowReadingClock)
        let jobs = try #require(emulator.apis.compactMap { $0 as? BigQueryAPI }.first).jobs
        let runSeen = LockedBox<QueryRun?>(nil)
        try await Self.runInServiceGroup(emulator) { port, group in
            let client = HTTPCaller(port: port)
            try await client.seedEvents()
            clock.slow.withLock { $0 = true }
            // jobs.query answers `jobComplete: false` at once and the job goes on running.
            let query = try await client.post(
                "/bigquery/v2/projects/\(Fixture.project)/queries",
                ["query": .string(QueryTimeoutTests.busyQuery), "useLegacySql": false, "timeoutMs": 0])
            #expect(query.status == 200 && query.json["jobComplete"] == false, "\(query.json)")
            let jobId = try #require(query.json["jobReference"]?["jobId"]?.stringValue)
            let run = try #require(jobs.run(project: Fixture.project, jobId: jobId))
            #expect(run.outcome == nil)
            runSeen.withLock { $0 = run }
            await group.triggerGracefulShutdown()
        }
        // The group has returned: the job has ended, and if the shutdown stopped it, as stopped.
        let run = try #require(runSeen.withLock { $0 })
        switch run.outcome {
        case nil: Issue.record("the query job was still running after the group returned")
        case .failure(let error): #expect(error.reason == "stopped", "\(error)")
        case .success: break
        }
    }

    /// Publishes in flight when the shutdown starts are either answered 200 and stored, or not answered
    /// with a messageId at all; once the group has returned, nothing more is written.
    @Test func aGracefulShutdownLosesNoAcknowledgedPublishAndWritesNothingAfter() async throws {
        let path = temporaryDatabasePath()
        defer { removeDatabase(at: path) }
        let emulator = try LocalEmulator(configuration: EmulatorConfiguration(port: 0, databasePath: path))
        let acknowledged = LockedBox<Set<String>>([])
        try await Self.runInServiceGroup(emulator) { port, group in
            let client = HTTPCaller(port: port)
            #expect(try await client.put("/v1/projects/\(Fixture.project)/topics/orders", [:]).status == 200)
            #expect(
                try await client.put(
                    "/v1/projects/\(Fixture.project)/subscriptions/orders-sub",
                    ["topic": .string("projects/\(Fixture.project)/topics/orders")]
                ).status == 200)
            let published = LockedBox(0)
            // Publishers stop once the shutdown has begun (a keep-alive connection is still served).
            let stopping = LockedBox(false)
            try await withThrowingTaskGroup(of: Void.self) { publishers in
                for publisher in 0..<8 {
                    publishers.addTask {
                        for index in 0..<10_000 where !stopping.withLock({ $0 }) {
                            let data = Data("p\(publisher)-\(index)".utf8).base64EncodedString()
                            guard
                                let reply = try? await client.post(
                                    "/v1/projects/\(Fixture.project)/topics/orders:publish", ["messages": [["data": .string(data)]]]),
                                reply.status == 200
                            else { return }
                            let ids = reply.json["messageIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
                            acknowledged.withLock { $0.formUnion(ids) }
                            published.withLock { $0 += 1 }
                        }
                    }
                }
                // Shut down in the middle of the publishing.
                while published.withLock({ $0 }) < 200 { try await Task.sleep(for: .milliseconds(5)) }
                stopping.withLock { $0 = true }
                await group.triggerGracefulShutdown()
                try await publishers.waitForAll()
            }
        }
        let stored = try await Self.storedMessageIds(path)
        #expect(acknowledged.withLock { $0 }.isSubset(of: stored), "acknowledged messages are missing")
        #expect(acknowledged.withLock { $0.count } >= 200)
        // Nothing still writes once the group has returned.
        try await Task.sleep(for: .milliseconds(300))
        #expect(try await Self.storedMessageIds(path) == stored)
    }

    // MARK: - Support

    /// Runs the emulator's application alone in a `ServiceGroup`, hands `body` the bound port and the
    /// group, and returns once the group's `run()` has returned.
    static func runInServiceGroup(
        _ emulator: LocalEmulator, _ body: @escaping @Sendable (Int, ServiceGroup) async throws -> Void
    ) async throws {
        let (serverUp, serverIsUp) = AsyncStream.makeStream(of: Int.self)
        let app = emulator.makeApplication(logger: Logger(label: "test"), onServerRunning: { serverIsUp.yield($0) })
        let group = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            var port = 0
            for await bound in serverUp {
                port = bound
                break
            }
            try await body(port, group)
            try await tasks.waitForAll()
        }
    }

    static func storedMessageIds(_ path: String) async throws -> Set<String> {
        let database = try EmulatorDatabase(path: path, migrations: [], prepare: { _ in })
        return try await database.writer.read { db in
            Set(try Int64.fetchAll(db, sql: "SELECT DISTINCT message_id FROM pubsub_messages").map(String.init))
        }
    }

    /// An emulator clock whose every reading takes 200 ms once `slow` is set, so a query of a few
    /// thousand SQLite steps (which reads the clock every 100 steps for its time limit) runs for seconds.
    final class SlowReadingClock: WallClock, Sendable {
        let slow = Mutex(false)
        var now: Date {
            if slow.withLock({ $0 }) { usleep(200_000) }
            return Date()
        }
    }

    /// JSON over a real loopback connection, for an emulator run outside HummingbirdTesting.
    struct HTTPCaller: Sendable {
        let port: Int

        func call(put: Bool, _ path: String, _ body: JSONValue?) async throws -> JSONReply {
            var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
            request.method = put ? .PUT : .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            if let body { request.body = .bytes(ByteBuffer(bytes: body.encodedBytes())) }
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
            let bytes = Array(try await response.body.collect(upTo: 64 * 1024 * 1024).readableBytesView)
            return JSONReply(status: Int(response.status.code), json: bytes.isEmpty ? .null : try JSONValue(parsing: bytes))
        }

        func post(_ path: String, _ body: JSONValue) async throws -> JSONReply { try await call(put: false, path, body) }
        func put(_ path: String, _ body: JSONValue) async throws -> JSONReply { try await call(put: true, path, body) }

        /// The events table of `QueryRouteTests.seedThirtyDays`, 300 rows.
        func seedEvents() async throws {
            #expect(try await post(Fixture.datasets, ["datasetReference": ["datasetId": "analytics"]]).status == 200)
            let table = try await post(
                Fixture.tables("analytics"),
                ["tableReference": ["tableId": "events"], "schema": Fixture.eventsSchema])
            #expect(table.status == 200, "\(table.json)")
            var rows: [JSONValue] = []
            for day in 1...30 {
                for index in 0..<10 {
                    let date = "2026-01-\(day < 10 ? "0" : "")\(day)T0\(index):00:00Z"
                    rows.append(["json": Fixture.event("d\(day)-\(index)", type: "click", user: "u\(index % 3)", amount: Int64(index), at: date)])
                }
            }
            let insert = try await post(Fixture.table("analytics", "events") + "/insertAll", ["rows": .array(rows)])
            #expect(insert.status == 200 && insert.json["insertErrors"] == nil, "\(insert.json)")
        }
    }
}

/// A value shared between tasks, behind a lock.
final class LockedBox<Value: Sendable>: Sendable {
    private let value: Mutex<Value>

    init(_ value: Value) { self.value = Mutex(value) }

    func withLock<Result: Sendable>(_ body: (inout Value) -> Result) -> Result { value.withLock { body(&$0) } }
}
