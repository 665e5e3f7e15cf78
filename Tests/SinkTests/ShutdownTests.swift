import Foundation
import Logging
import MetricsTestKit
import ServiceLifecycle
import Sink
import Testing

/// Shutdown and flow-control tests measure time and hold a large backlog: run one after the other,
/// so the 20k-message backlog does not slow the deadline measurements.
@Suite(.serialized) struct DeadlineAndBacklogTests {}

extension DeadlineAndBacklogTests {
    @Suite struct ShutdownTests {
        /// Runs the Sink until it holds `count` messages, shuts it down gracefully, and says how long that took.
        private func shutDown(_ sink: Sink, holding count: Int, harness: SinkHarness) async throws -> Duration {
            let group = ServiceGroup(configuration: .init(services: [sink], logger: Logger(label: "shutdown-test")))
            return try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                try await harness.waitUntil("the Sink holds the messages") { sink.held.messages == count }
                let began = ContinuousClock.now
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
                return ContinuousClock.now - began
            }
        }

        @Test func shutdownWritesAndAcksWhatIsHeldWithinTheDeadline() async throws {
            try await withSinkHarness { harness in
                try await harness.publish((0..<50).map { SinkFixtures.event($0) })
                // Batches that would wait a minute: only the shutdown's flush writes them.
                let sink = harness.makeSink(
                    SinkFixtures.testConfiguration {
                        $0.maxBatchAge = .seconds(60)
                        $0.shutdownDeadline = .seconds(3)
                    })
                let took = try await shutDown(sink, holding: 50, harness: harness)
                #expect(took < .seconds(3) + .milliseconds(500))
                let counts = try await harness.counts()
                #expect(counts.rows == 50 && counts.distinct == 50)
                #expect(try await harness.pubSub.pull(subscription: SinkHarness.subscription, maxMessages: 100, returnImmediately: true).isEmpty)
            }
        }

        @Test func whatCannotBeWrittenBeforeTheDeadlineIsNackedForImmediateRedelivery() async throws {
            try await withSinkHarness { harness in
                try await harness.publish((0..<20).map { SinkFixtures.event($0) })
                let metrics = TestMetrics()
                let sink = harness.makeSink(
                    SinkFixtures.testConfiguration {
                        $0.maxBatchAge = .seconds(60)
                        $0.shutdownDeadline = .seconds(4)
                        $0.maxRetryDuration = .seconds(60)
                    }, metrics: metrics)
                // Every insert fails: the Sink retries until the deadline, then hands the messages back.
                try await harness.injectFault(path: "/insertAll$", status: 503)
                let took = try await shutDown(sink, holding: 20, harness: harness)
                #expect(took < .seconds(4) + .milliseconds(500))
                #expect(took > .seconds(2), "the Sink kept retrying until the deadline's drain share")
                #expect(metrics.counterTotal(label: SinkMetricNames.messagesNacked) == 20)
                // Nacked, not left to time out: available again at once (the emulator's time has not moved).
                let again = try await harness.pubSub.pull(subscription: SinkHarness.subscription, maxMessages: 100, returnImmediately: true)
                #expect(again.count == 20)
            }
        }
    }
}
