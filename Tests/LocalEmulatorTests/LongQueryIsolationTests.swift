import Foundation
import Synchronization
import Testing
import WireJSON

@testable import LocalEmulator

/// A query that runs for minutes (BigQuery lets one run for hours) holds up only itself: the rest of
/// the emulator, Pub/Sub included, keeps answering meanwhile. The emulator's in-memory database was
/// one SQLite connection, so a cross join of two 100,000-element arrays made a topic creation wait
/// until the query's time limit, five minutes.
@Suite struct LongQueryIsolationTests {
    static let longQuery =
        "SELECT COUNT(*) AS n FROM UNNEST(GENERATE_ARRAY(1, 100000)) AS a, UNNEST(GENERATE_ARRAY(1, 100000)) AS b"

    @Test(arguments: [false, true])
    func otherCallsAnswerWhileAQueryRuns(onFile: Bool) async throws {
        // A clock nobody moves: the long query never reaches its time limit during the test; the
        // emulator's shutdown stops it.
        var configuration = EmulatorConfiguration(clock: ManualClock())
        let path = onFile ? temporaryDatabasePath() : nil
        configuration.databasePath = path
        defer { if let path { removeDatabase(at: path) } }
        try await withEmulator(configuration) { client in
            let queries = "/bigquery/v2/projects/\(Fixture.project)/queries"
            let started = try await client.post(
                queries, ["query": .string(Self.longQuery), "useLegacySql": false, "timeoutMs": 100])
            #expect(started.status == 200 && started.json["jobComplete"] == false, "\(started.json)")

            // Each answers at once; a minute's bound only turns a wait behind the query into a failure.
            try await withTimeLimit(.seconds(60), "createTopic") {
                let topic = try await client.call(.put, "/v1/projects/\(Fixture.project)/topics/orders", [:])
                #expect(topic.status == 200, "\(topic.json)")
            }
            try await withTimeLimit(.seconds(60), "another query") {
                let reply = try await client.post(queries, ["query": "SELECT 1 AS one", "useLegacySql": false, "timeoutMs": 50_000])
                #expect(reply.json["rows"]?[0]?["f"]?[0]?["v"] == "1", "\(reply.json)")
            }
            try await withTimeLimit(.seconds(60), "dataset creation") {
                let dataset = try await client.post(
                    Fixture.datasets, ["datasetReference": ["projectId": .string(Fixture.project), "datasetId": "side"]])
                #expect(dataset.status == 200, "\(dataset.json)")
            }
        }
    }

    struct TimedOut: Error, CustomStringConvertible {
        let what: String
        var description: String { "\(what) did not answer while the long query ran" }
    }

    /// Runs `body`, failing with `TimedOut` if it takes longer than `limit`. The call is left running
    /// then (a request stuck in the server does not end when its client stops waiting), so the test
    /// fails instead of waiting with it.
    func withTimeLimit(_ limit: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> Void) async throws {
        let outcome = Mutex<CheckedContinuation<Void, any Error>?>(nil)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            outcome.withLock { $0 = continuation }
            let finish: @Sendable (Result<Void, any Error>) -> Void = { result in
                outcome.withLock { $0.take() }?.resume(with: result)
            }
            let timer = Task {
                try await Task.sleep(for: limit)
                finish(.failure(TimedOut(what: what)))
            }
            Task {
                do {
                    try await body()
                    finish(.success(()))
                } catch {
                    finish(.failure(error))
                }
                timer.cancel()
            }
        }
    }
}
