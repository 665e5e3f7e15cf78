import Foundation
import MetricsTestKit
import Sink
import Testing

extension DeadlineAndBacklogTests {
    @Suite struct InsertConcurrencyTests {
        @Test func noMoreThanMaxConcurrentInsertsAreInFlightAtOnce() async throws {
            try await withSinkHarness { harness in
                let count = 400
                try await harness.publish((0..<count).map { SinkFixtures.event($0) })
                // Slow inserts and small batches: many batches are ready while each insert is in flight.
                try await harness.injectFault(path: "/insertAll$", latencyMs: 300)
                let metrics = TestMetrics()
                let sink = harness.makeSink(
                    SinkFixtures.testConfiguration {
                        $0.maxBatchRows = 20
                        $0.maxConcurrentInserts = 2
                    }, metrics: metrics)
                try await harness.running(sink) {
                    try await harness.waitUntil("every message is acked", timeout: .seconds(30)) {
                        metrics.counterTotal(label: SinkMetricNames.messagesAcked) >= count
                    }
                }
                #expect(sink.peakConcurrentInserts <= 2)
                #expect(sink.peakConcurrentInserts == 2, "the bound was reached, so it was tested")
                let counts = try await harness.counts()
                #expect(counts.rows == count && counts.distinct == count)
            }
        }
    }
}
