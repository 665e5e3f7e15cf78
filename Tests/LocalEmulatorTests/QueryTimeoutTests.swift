import Foundation
import GoogleAuth
import Synchronization
import Testing
import WireJSON

@testable import LocalEmulator

/// `timeoutMs` (how long a call waits), `jobTimeoutMs` (how long a job may run) and the emulator's own
/// ceiling per query. Running time is measured with the configured clock; these tests use a clock that
/// moves one second each time it is read, so a query is "slow" without anyone waiting.
@Suite("Query time limits")
struct QueryTimeoutTests {
    static let queries = "/bigquery/v2/projects/\(Fixture.project)/queries"
    static let jobs = "/bigquery/v2/projects/\(Fixture.project)/jobs"
    /// Work per row (a regular expression on every event id) over 300 rows: thousands of SQLite steps.
    static let busyQuery = "SELECT COUNT(*) AS n FROM analytics.events WHERE REGEXP_CONTAINS(event_id, r'^d[0-9]+-[0-9]$')"

    /// An emulator clock that advances a second at every reading.
    static func tickingClock() -> some WallClock { TickingWallClock() }

    /// Advances a second at every reading.
    final class TickingWallClock: WallClock {
        private let seconds = Mutex<Double>(1_767_225_600)
        var now: Date {
            Date(
                timeIntervalSince1970: seconds.withLock {
                    $0 += 1
                    return $0
                })
        }
    }

    static func withTicking(
        maxQueryDuration: Duration = .seconds(300),
        _ body: @Sendable (EmulatorClient) async throws -> Void
    ) async throws {
        var configuration = EmulatorConfiguration(clock: tickingClock())
        configuration.maxQueryDuration = maxQueryDuration
        try await withEmulator(configuration) { client in
            try await QueryRouteTests.seedThirtyDays(client)
            try await body(client)
        }
    }

    @Test func jobTimeoutStopsTheQueryWithBigQuerysError() async throws {
        try await Self.withTicking { client in
            let reply = try await client.post(
                Self.queries,
                [
                    "query": .string(Self.busyQuery), "useLegacySql": false,
                    "jobTimeoutMs": "2000",
                ])
            #expect(reply.status == 499, "\(reply.json)")
            #expect(reply.errorReason == "stopped")
            #expect(reply.errorMessage == "Job execution was cancelled: Job timed out after 2 sec")
            #expect(reply.json["error"]?["status"] == "CANCELLED")
            try await QueryLimitRouteTests.expectServing(client)
        }
    }

    @Test func jobTimeoutInAJobConfigurationFailsTheInsertedJob() async throws {
        try await Self.withTicking { client in
            let reply = try await client.post(
                Self.jobs,
                [
                    "configuration": [
                        "jobTimeoutMs": "1500",
                        "query": ["query": .string(Self.busyQuery), "useLegacySql": false],
                    ]
                ])
            #expect(reply.errorReason == "stopped", "\(reply.json)")
            #expect(reply.errorMessage == "Job execution was cancelled: Job timed out after 1.5 sec")
        }
    }

    @Test func emulatorCeilingStopsAQueryWithoutItsOwnLimit() async throws {
        try await Self.withTicking(maxQueryDuration: .seconds(5)) { client in
            let reply = try await client.post(Self.queries, ["query": .string(Self.busyQuery), "useLegacySql": false])
            #expect(reply.status == 400, "\(reply.json)")
            #expect(reply.errorReason == "timeout")
            #expect(reply.errorMessage?.hasPrefix("Operation timed out after 5.0 seconds.") == true)
            try await QueryLimitRouteTests.expectServing(client)
        }
    }

    /// Scripts ran without any limit: a script's long statement held the emulator's one writer for as
    /// long as it took. The limit covers the whole script, and no exception handler catches it.
    @Test func jobTimeoutAndTheCeilingStopAScript() async throws {
        try await Self.withTicking(maxQueryDuration: .seconds(5)) { client in
            let timed = try await client.post(
                Self.queries,
                [
                    "query": .string("DECLARE n INT64; SET n = (\(Self.busyQuery)); SELECT n"), "useLegacySql": false,
                    "jobTimeoutMs": "2000",
                ])
            #expect(timed.status == 499, "\(timed.json)")
            #expect(timed.errorMessage == "Job execution was cancelled: Job timed out after 2 sec")
            let handled = try await client.post(
                Self.queries,
                [
                    "query": .string(
                        "BEGIN CREATE TEMP TABLE n AS \(Self.busyQuery); EXCEPTION WHEN ERROR THEN SELECT 'caught'; END"),
                    "useLegacySql": false,
                ])
            #expect(handled.status == 400, "\(handled.json)")
            #expect(handled.errorReason == "timeout")
            let inserted = try await client.post(
                Self.queries,
                [
                    "query": .string(
                        "BEGIN TRANSACTION; INSERT analytics.events (event_id) SELECT event_id FROM analytics.events WHERE REGEXP_CONTAINS(event_id, r'^d[0-9]+-[0-9]$'); COMMIT"
                    ),
                    "useLegacySql": false,
                ])
            #expect(inserted.errorReason == "timeout", "\(inserted.json)")
            try await QueryLimitRouteTests.expectServing(client)
        }
    }

    @Test func queryUnderTheLimitsIsUntouched() async throws {
        try await withEmulator { client in
            try await QueryRouteTests.seedThirtyDays(client)
            let reply = try await client.post(
                Self.queries,
                [
                    "query": .string(Self.busyQuery), "useLegacySql": false,
                    "jobTimeoutMs": "60000",
                ])
            #expect(reply.json["rows"]?[0]?["f"]?[0]?["v"] == "300", "\(reply.json)")
        }
    }

    @Test func zeroTimeoutAnswersIncompleteAndTheJobFinishesAnyway() async throws {
        try await withEmulator { client in
            try await QueryRouteTests.seedThirtyDays(client)
            let reply = try await client.post(
                Self.queries,
                [
                    "query": .string(Self.busyQuery), "useLegacySql": false,
                    "timeoutMs": 0,
                ])
            #expect(reply.status == 200, "\(reply.json)")
            let jobId = try #require(reply.json["jobReference"]?["jobId"]?.stringValue)
            if reply.json["jobComplete"] == false {
                #expect(reply.json["rows"] == nil)
            }
            let page = try await client.get("\(Self.queries)/\(jobId)?timeoutMs=60000")
            #expect(page.json["jobComplete"] == true, "\(page.json)")
            #expect(page.json["rows"]?[0]?["f"]?[0]?["v"] == "300")
            let job = try await client.get("\(Self.jobs)/\(jobId)")
            #expect(job.json["status"]?["state"] == "DONE")
        }
    }

    @Test func waitEndsAtTheTimeoutWhileTheRunGoesOn() async throws {
        let request = try QueryRequest(["query": "SELECT 1"], project: "p", dryRun: false)
        let run = QueryRun(project: "p", jobId: "j", request: request, created: .now)
        #expect(await run.wait(upTo: .zero) == nil)
        #expect(await run.wait(upTo: .milliseconds(20)) == nil)
        #expect(run.resource()?["status"]?["state"] == "RUNNING")
        run.finish(.failure(.badRequest("boom", reason: "invalidQuery")))
        guard case .failure(let error) = await run.wait(upTo: .seconds(60)) else {
            Issue.record("expected the failure")
            return
        }
        #expect(error.message == "boom")
        #expect(run.resource()?["status"]?["errorResult"]?["reason"] == "invalidQuery")
    }
}
