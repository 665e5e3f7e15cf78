import Foundation
import GoogleAuth
import MetricsTestKit
import Testing

@testable import Sink

@Suite struct LeaseTests {
    @Test func aBatchHeldPastTheAckDeadlineIsNotRedeliveredWhileHeld() async throws {
        let wallClock = ManualWallClock(Date())
        try await withSinkHarness(wallClock: wallClock, ackDeadline: .seconds(10)) { harness in
            try await harness.publish((0..<5).map { SinkFixtures.event($0) })
            // The batch waits 40 s (on the emulator's time) before it is written: four ack deadlines.
            let metrics = TestMetrics()
            let sink = harness.makeSink(
                SinkFixtures.testConfiguration { $0.maxBatchAge = .seconds(40) }, clock: LinkedClock(wallClock), metrics: metrics)
            try await harness.running(sink) {
                try await harness.waitUntil("the Sink holds the messages") { sink.held.messages == 5 }
                for _ in 0..<35 {
                    wallClock.advance(by: .seconds(1))
                    try await Task.sleep(for: .milliseconds(40))
                    // Another subscriber of the subscription would get any message whose lease ran out.
                    let stolen = try await harness.pubSub.pull(subscription: SinkHarness.subscription, maxMessages: 10, returnImmediately: true)
                    #expect(stolen.isEmpty, "redelivered at \(wallClock.now)")
                    if !stolen.isEmpty { return }
                }
                #expect(await harness.storedCount() == 0)
                wallClock.advance(by: .seconds(6))
                try await harness.waitUntil("the batch is written") { await harness.storedCount() == 5 }
                #expect(try metrics.expectCounter(SinkMetricNames.leasesExtended).totalValue >= 5 * 4)
            }
        }
    }

    /// The lease a pull gives is enough for a batch stored in a second: no `modifyAckDeadline` for it.
    @Test func messagesStoredWithinTheirFirstLeaseAreNeverExtended() async throws {
        try await withSinkHarness { harness in
            try await harness.publish((0..<50).map { SinkFixtures.event($0) })
            // Counts the Sink's modifyAckDeadline calls (a 1 ms delay changes nothing else).
            try await harness.injectFault(path: ":modifyAckDeadline$", latencyMs: 1)
            let metrics = TestMetrics()
            try await harness.running(harness.makeSink(SinkFixtures.testConfiguration(), metrics: metrics)) {
                try await harness.waitUntil("stored") { await harness.storedCount() == 50 }
                try await harness.waitUntil("acked") { (try? metrics.expectCounter(SinkMetricNames.messagesAcked).totalValue) == 50 }
            }
            #expect((try? metrics.expectCounter(SinkMetricNames.leasesExtended).totalValue) ?? 0 == 0)
            #expect(try await harness.matchedFaultRules() == 0)
        }
    }

    @Test func aLeaseIsAssumedToBePubSubsShortestUntilExtended() {
        let keeper = LeaseKeeper(extension: .seconds(60), maxDuration: .seconds(3600))
        // Asked every 2.5 s, so a 10 s lease is seen due with 2.5 s or more to spare.
        #expect(keeper.checkInterval == .milliseconds(2500))
        keeper.hold(["a"], now: .zero)
        #expect(keeper.due(now: .seconds(4)).extend.isEmpty)
        #expect(keeper.due(now: .seconds(5)).extend == ["a"])
        keeper.extended(["a"], now: .seconds(5))
        // Now 60 s from 5 s: due at half of it.
        #expect(keeper.due(now: .seconds(34)).extend.isEmpty)
        #expect(keeper.due(now: .seconds(35)).extend == ["a"])
    }

    @Test func leasesAreExtendedAheadOfExpiryAndDroppedAfterTheMaximum() {
        let keeper = LeaseKeeper(extension: .seconds(10), maxDuration: .seconds(30))
        keeper.hold(["a"], now: .zero)
        keeper.extended(["a"], now: .zero)
        #expect(keeper.due(now: .seconds(4)).extend.isEmpty)
        #expect(keeper.due(now: .seconds(6)).extend == ["a"])
        keeper.extended(["a"], now: .seconds(6))
        keeper.extended(["a"], now: .seconds(14))
        // At 22 s another 10 s would pass the 30 s maximum: released instead.
        let due = keeper.due(now: .seconds(22))
        #expect(due.extend.isEmpty && due.expired == ["a"])
        #expect(keeper.heldAckIds.isEmpty)
    }
}
