import Foundation
import GoogleAuth
import MetricsTestKit
import Sink
import Testing

@Suite struct FaultToleranceTests {
    @Test func withInsertAllAndAcknowledgeFailingEveryMessageIsStoredExactlyOnce() async throws {
        try await withSinkHarness { harness in
            let count = 3000
            try await harness.publish((0..<count).map { SinkFixtures.event($0) })
            // 30% of insertAll calls fail (20% with 503, then 1/8 of the rest with 429), 5% of acknowledges with 503.
            try await harness.injectFault(path: "/insertAll$", status: 503, fraction: 0.2)
            try await harness.injectFault(path: "/insertAll$", status: 429, fraction: 0.125)
            try await harness.injectFault(path: ":acknowledge$", status: 503, fraction: 0.05)
            let metrics = TestMetrics()
            let sink = harness.makeSink(SinkFixtures.testConfiguration { $0.maxBatchRows = 100 }, metrics: metrics)
            try await harness.running(sink) {
                try await harness.waitUntil("every message is acked", timeout: .seconds(30)) {
                    metrics.counterTotal(label: SinkMetricNames.messagesAcked) >= count
                }
            }
            let counts = try await harness.counts()
            #expect(counts.rows == count)
            #expect(counts.distinct == count)
            #expect(try await harness.injectedFaults() > 10)
            for reason in ["backendError", "rateLimitExceeded"] {
                #expect(metrics.counterTotal(label: SinkMetricNames.retries, dimensions: [("operation", "insert"), ("reason", reason)]) > 0)
            }
            #expect(metrics.counterTotal(label: SinkMetricNames.retries, dimensions: [("operation", "acknowledge")]) > 0)
            #expect(metrics.counterTotal(label: SinkMetricNames.messagesNacked) == 0)
            #expect(try await harness.pubSub.pull(subscription: SinkHarness.subscription, maxMessages: 10, returnImmediately: true).isEmpty)
        }
    }

    @Test func aSinkCancelledMidBatchThenRestartedStoresEveryMessageExactlyOnce() async throws {
        let wallClock = ManualWallClock(Date())
        try await withSinkHarness(wallClock: wallClock) { harness in
            let count = 1000
            try await harness.publish((0..<count).map { SinkFixtures.event($0) })
            // Slow inserts, so the cancellation lands with batches in flight: ten batches take 20 s, far
            // longer than the wait below may lag on a loaded machine (at 400 ms a batch, CI's polling
            // once saw all ten stored before it cancelled).
            try await harness.injectFault(path: "/insertAll$", latencyMs: 2000)
            let first = harness.makeSink(
                SinkFixtures.testConfiguration {
                    $0.maxBatchRows = 100
                    $0.maxConcurrentInserts = 1
                })
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await first.run() }
                try await harness.waitUntil("some rows are stored", timeout: .seconds(20)) { await harness.storedCount() >= 100 }
                group.cancelAll()
                _ = try? await group.waitForAll()
            }
            let stored = try await harness.counts().rows
            #expect(stored < count, "cancelled mid-way, not after everything")
            try await harness.clearFaults()
            try await harness.letAbandonedPullsEnd()
            // What the cancelled Sink held comes back once its leases run out.
            wallClock.advance(by: .seconds(61))
            let metrics = TestMetrics()
            try await harness.running(harness.makeSink(SinkFixtures.testConfiguration(), metrics: metrics)) {
                try await harness.waitUntil("every message is stored", timeout: .seconds(20)) { await harness.storedCount() >= count }
                try await harness.waitUntil("nothing is held") { sink(metrics) == 0 }
            }
            let counts = try await harness.counts()
            #expect(counts.rows == count && counts.distinct == count)
            #expect(try await harness.pubSub.pull(subscription: SinkHarness.subscription, maxMessages: 10, returnImmediately: true).isEmpty)
        }
    }

    private func sink(_ metrics: TestMetrics) -> Double {
        (try? metrics.expectGauge(SinkMetricNames.messagesInFlight).lastValue) ?? -1
    }
}
