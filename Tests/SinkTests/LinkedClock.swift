import Foundation
import GoogleAuth

/// A `Clock` that reads a `ManualWallClock`: the Sink's timers (batch age, lease extension) move
/// only when the test moves the emulator's time of day, so both sides agree on when a lease ends.
/// Sleeping polls every 2 ms of real time until the manual time reaches the deadline.
final class LinkedClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    let wallClock: ManualWallClock
    private let origin: Date

    init(_ wallClock: ManualWallClock) {
        self.wallClock = wallClock
        origin = wallClock.now
    }

    var now: Instant { Instant(offset: .between(origin, wallClock.now)) }
    var minimumResolution: Duration { .zero }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        while now < deadline { try await Task.sleep(for: .milliseconds(2)) }
    }
}
