import Foundation
import GoogleAuth
import MetricsTestKit
import Sink
import Testing

@Suite struct DeduplicationTests {
    @Test func aProducerRetryWithTheSameEventIdGivesOneRow() async throws {
        try await withSinkHarness { harness in
            // Two publishes (two messageIds) of one event, as a producer that retried would send.
            try await harness.publish([SinkFixtures.event(1), SinkFixtures.event(2)])
            try await harness.publish([SinkFixtures.event(1)])
            let metrics = TestMetrics()
            try await harness.running(harness.makeSink(SinkFixtures.testConfiguration(), metrics: metrics)) {
                try await harness.waitUntil("all three messages are acked") {
                    metrics.counterTotal(label: SinkMetricNames.messagesAcked) == 3
                }
            }
            let counts = try await harness.counts()
            #expect(counts.rows == 2 && counts.distinct == 2)
        }
    }

    @Test func theSameMessageDeliveredTwiceGivesOneRow() async throws {
        let wallClock = ManualWallClock(Date())
        try await withSinkHarness(wallClock: wallClock) { harness in
            try await harness.publish([SinkFixtures.event(1), SinkFixtures.event(2)])
            // First Sink: rows stored, but every acknowledge fails, so Pub/Sub keeps the messages.
            try await harness.injectFault(path: ":acknowledge$", status: 503)
            let first = TestMetrics()
            try await harness.running(
                harness.makeSink(SinkFixtures.testConfiguration { $0.maxRetryDuration = .milliseconds(50) }, metrics: first)
            ) {
                try await harness.waitUntil("both rows are stored") { await harness.storedCount() == 2 }
            }
            #expect(first.counterTotal(label: SinkMetricNames.messagesAcked) == 0)
            try await harness.clearFaults()
            try await harness.letAbandonedPullsEnd()
            // The lease runs out; a second Sink gets the same messages (same messageIds) again.
            wallClock.advance(by: .seconds(61))
            let second = TestMetrics()
            try await harness.running(harness.makeSink(SinkFixtures.testConfiguration(), metrics: second)) {
                try await harness.waitUntil("the redeliveries are acked") {
                    second.counterTotal(label: SinkMetricNames.messagesAcked) == 2
                }
            }
            #expect(second.counterTotal(label: SinkMetricNames.messagesPulled) == 2)
            let counts = try await harness.counts()
            #expect(counts.rows == 2 && counts.distinct == 2)
        }
    }
}
