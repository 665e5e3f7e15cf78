import Foundation
import GoogleAuth
import GoogleREST
import Logging
import TestSupport
import Testing
import WarehouseClient

@Suite struct BigQueryErrorTests {
    @Test func aMissingTableIsNotFoundAndNotRetried() async throws {
        try await withBigQuery { harness in
            _ = try await harness.client.ensureDataset("ds")
            let error = await #expect(throws: BigQueryError.self) {
                try await harness.client.query("SELECT 1 FROM ds.nope")
            }
            #expect(error?.isNotFound == true)
            #expect(error?.reason == "notFound")
            #expect(error?.isRetryable == false)
        }
    }

    @Test func invalidSQLIsABadRequestWithItsReason() async throws {
        try await withBigQuery { harness in
            let error = await #expect(throws: BigQueryError.self) { try await harness.client.query("SELEC 1") }
            #expect(error?.httpStatus == 400)
            #expect(error?.reason == "invalidQuery")
            #expect(error?.isRetryable == false)
        }
    }

    @Test func transientFailuresAreRetriedWithBackoffOnTheInjectedClock() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            let clock = RecordingClock()
            let writer = try await harness.serviceAccount("retry-writer", role: "writer")
            let client = harness.client(credentials: writer, retry: RetryPolicy(maxAttempts: 4, clock: clock, random: { 1 }))
            try await harness.injectFault(path: "insertAll$", status: 503, times: 1)
            try await harness.injectFault(path: "insertAll$", status: 403, reason: "rateLimitExceeded", times: 1)
            let result = try await client.insertAll(dataset: "ds", table: "events", rows: [Fixtures.event(1)])
            #expect(result.insertedCount == 1)
            #expect(clock.recorded == [.milliseconds(100), .milliseconds(200)])
            #expect(try await harness.count("events") == 1)
        }
    }

    @Test func retriesEndWithTheLastRetryableError() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            let clock = RecordingClock()
            let writer = try await harness.serviceAccount("retry-writer", role: "writer")
            let client = harness.client(credentials: writer, retry: RetryPolicy(maxAttempts: 3, clock: clock))
            try await harness.injectFault(path: "insertAll$", status: 500, reason: "backendError", times: 10)
            let error = await #expect(throws: BigQueryError.self) {
                try await client.insertAll(dataset: "ds", table: "events", rows: [Fixtures.event(1)])
            }
            #expect(error?.httpStatus == 500)
            #expect(error?.isRetryable == true)
            #expect(clock.recorded.count == 2)
        }
    }

    @Test func theEmulatorHostVariableChoosesTheEndpoint() {
        let endpoint = RESTEndpoint.bigQuery(environment: ["BIGQUERY_EMULATOR_HOST": "127.0.0.1:9050"])
        #expect(endpoint == RESTEndpoint(baseURL: "http://127.0.0.1:9050", isEmulator: true))
        #expect(RESTEndpoint.bigQuery(environment: [:]) == .bigQuery)
    }
}

@Suite struct BigQueryAuthTests {
    @Test func withoutCredentialsTheEmulatorAnswers401() async throws {
        try await withBigQuery { harness in
            let anonymous = harness.client(credentials: NoCredentialProvider())
            let error = await #expect(throws: BigQueryError.self) { try await anonymous.ensureDataset("ds") }
            #expect(error?.isUnauthenticated == true)
            #expect(error?.isRetryable == false)
        }
    }

    @Test func aReaderMayQueryButNotInsert() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            let reader = harness.client(credentials: try await harness.serviceAccount("test-reader", role: "reader"))
            let result = try await reader.query("SELECT COUNT(*) FROM ds.events")
            #expect(result.rows == [[.int64(0)]])
            let error = await #expect(throws: BigQueryError.self) {
                try await reader.insertAll(dataset: "ds", table: "events", rows: [Fixtures.event(1)])
            }
            #expect(error?.httpStatus == 403)
            #expect(error?.isPermissionDenied == true)
        }
    }

    /// The Sink on Cloud Run holds dataEditor on its dataset and no `bigquery.datasets.create` on the
    /// project: finding the dataset must not need the right to create one.
    @Test func anAccountThatMayNotCreateDatasetsStillFindsAnExistingOne() async throws {
        try await withBigQuery { harness in
            try await Fixtures.prepare(harness)
            let reader = harness.client(credentials: try await harness.serviceAccount("test-reader", role: "reader"))
            #expect(try await reader.ensureDataset("ds") == .unchanged)
            let error = await #expect(throws: BigQueryError.self) { try await reader.ensureDataset("other") }
            #expect(error?.isPermissionDenied == true)
        }
    }

    @Test func aRejectedCachedTokenIsReplacedOnceAndTheCallSucceeds() async throws {
        try await withBigQuery { harness in
            let real = try await harness.serviceAccount("stale-writer", role: "writer")
            let stale = StaleFirstCredentials(wrapping: real)
            let client = harness.client(credentials: stale)
            #expect(try await client.ensureDataset("ds") == .created)
            #expect(stale.invalidations.value == 1)
        }
    }

    @Test func aSecond401IsReturnedNotLooped() async throws {
        try await withBigQuery { harness in
            let stale = StaleFirstCredentials(wrapping: NoCredentialProvider(), staleForever: true)
            let error = await #expect(throws: BigQueryError.self) { try await harness.client(credentials: stale).ensureDataset("ds") }
            #expect(error?.isUnauthenticated == true)
            #expect(stale.invalidations.value == 1)
        }
    }
}

/// Hands out a token the emulator never issued (as a revoked or rotated one would look) until it is
/// invalidated, then the real provider's tokens: what a cache holds when the server stops honouring it.
final class StaleFirstCredentials: CredentialProvider {
    let real: any CredentialProvider
    let staleForever: Bool
    let invalidations = Counter()

    init(wrapping real: any CredentialProvider, staleForever: Bool = false) {
        self.real = real
        self.staleForever = staleForever
    }

    func accessToken(logger: Logger) async throws -> AccessToken? {
        if staleForever || invalidations.value == 0 { return AccessToken(value: "revoked-token", expiresAt: nil) }
        return try await real.accessToken(logger: logger)
    }

    func invalidate() async {
        invalidations.increment()
        await real.invalidate()
    }
}
