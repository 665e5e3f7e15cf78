import Foundation
import MetricsTestKit
import Sink
import Testing

extension DeadlineAndBacklogTests {
    @Suite struct RetryBudgetTests {
        @Test func insertsFailingPastTheRetryBudgetAreNackedThenStoredOnceWhenTheFaultClears() async throws {
            try await withSinkHarness { harness in
                let count = 50
                try await harness.publish((0..<count).map { SinkFixtures.event($0) })
                try await harness.injectFault(path: "/insertAll$", status: 503)
                let metrics = TestMetrics()
                let sink = harness.makeSink(
                    SinkFixtures.testConfiguration {
                        $0.maxRetryDuration = .milliseconds(500)
                        $0.maxBackoff = .milliseconds(50)
                    }, metrics: metrics)
                try await harness.running(sink) {
                    // Pulled again within seconds: only a nack does that. A message merely dropped would come
                    // back after the 10 s ack deadline, and one still held (its lease extended) never.
                    try await harness.waitUntil("the batch is nacked and redelivered", timeout: .seconds(8)) {
                        metrics.counterTotal(label: SinkMetricNames.messagesNacked) >= count
                            && metrics.counterTotal(label: SinkMetricNames.messagesPulled) >= 2 * count
                    }
                    #expect(metrics.counterTotal(label: SinkMetricNames.messagesAcked) == 0)
                    #expect(await harness.storedCount() == 0)
                    #expect(
                        metrics.counterTotal(label: SinkMetricNames.retries, dimensions: [("operation", "insert"), ("reason", "backendError")]) > 0)
                    try await harness.clearFaults()
                    try await harness.waitUntil("every message is acked", timeout: .seconds(20)) {
                        metrics.counterTotal(label: SinkMetricNames.messagesAcked) >= count
                    }
                }
                let counts = try await harness.counts()
                #expect(counts.rows == count && counts.distinct == count)
                #expect(try await harness.pubSub.pull(subscription: SinkHarness.subscription, maxMessages: 10, returnImmediately: true).isEmpty)
            }
        }
    }
}
