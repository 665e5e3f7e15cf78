import Foundation
import MetricsTestKit
import Sink
import Testing

extension DeadlineAndBacklogTests {
    @Suite struct FlowControlTests {
        @Test func theMessageBoundHoldsUnderALargeBacklog() async throws {
            try await withSinkHarness { harness in
                let count = 20_000
                try await harness.publish((0..<count).map { SinkFixtures.event($0) })
                let metrics = TestMetrics()
                let sink = harness.makeSink(
                    SinkFixtures.testConfiguration {
                        $0.maxOutstandingMessages = 700
                        $0.pullConcurrency = 3
                        $0.maxMessagesPerPull = 500
                    }, metrics: metrics)
                try await harness.running(sink) {
                    try await harness.waitUntil("every message is acked", timeout: .seconds(60)) {
                        metrics.counterTotal(label: SinkMetricNames.messagesAcked) >= count
                    }
                }
                #expect(sink.held.peakMessages <= 700)
                #expect(sink.held.peakMessages >= 500, "the bound was reached, so it was tested")
                let gauge = try metrics.expectGauge(SinkMetricNames.messagesInFlight)
                #expect((gauge.values.max() ?? 0) <= 700)
                // The peak gauge is what a scrape (and the benchmark's backlog mode) reads: it must
                // show the true high-water mark, however the in-flight gauge was sampled.
                let peak = try metrics.expectGauge(SinkMetricNames.messagesInFlightPeak)
                #expect(peak.lastValue == Double(sink.held.peakMessages))
                #expect((peak.lastValue ?? 0) >= (gauge.values.max() ?? 0))
                let counts = try await harness.counts()
                #expect(counts.rows == count && counts.distinct == count)
            }
        }

        @Test func theByteBoundHoldsToo() async throws {
            try await withSinkHarness { harness in
                let count = 3000
                try await harness.publish((0..<count).map { SinkFixtures.event($0) })
                let metrics = TestMetrics()
                let bound = 32 * 1024
                let sink = harness.makeSink(
                    SinkFixtures.testConfiguration {
                        $0.maxOutstandingBytes = bound
                        $0.pullConcurrency = 3
                    }, metrics: metrics)
                try await harness.running(sink) {
                    try await harness.waitUntil("every message is acked", timeout: .seconds(30)) {
                        metrics.counterTotal(label: SinkMetricNames.messagesAcked) >= count
                    }
                }
                #expect(sink.held.peakBytes <= bound)
                #expect(sink.held.peakBytes >= bound / 2, "the bound was approached, so it was tested")
                #expect((try metrics.expectGauge(SinkMetricNames.bytesInFlight).values.max() ?? 0) <= Double(bound))
                #expect(try metrics.expectGauge(SinkMetricNames.bytesInFlightPeak).lastValue == Double(sink.held.peakBytes))
            }
        }
    }
}
