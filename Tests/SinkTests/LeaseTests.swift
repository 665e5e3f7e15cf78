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
            let sink = harness.makeSink(
                SinkFixtures.testConfiguration { $0.maxBatchAge = .seconds(40) }, clock: LinkedClock(wallClock))
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
            }
        }
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
