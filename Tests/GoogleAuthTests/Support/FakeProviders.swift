import Foundation
import GoogleAuth
import Logging
import Synchronization

/// A provider that mints numbered tokens valid for `lifetime` seconds of `clock` time and counts
/// how often it was asked; optionally slow, optionally failing the first N calls.
final class CountingProvider: CredentialProvider {
    struct Failure: Error {}

    private let state = Mutex<(calls: Int, failuresLeft: Int)>((0, 0))
    let clock: ManualWallClock
    let lifetime: TimeInterval
    let delay: Duration

    init(clock: ManualWallClock, lifetime: TimeInterval = 3600, delay: Duration = .zero, failFirst: Int = 0) {
        self.clock = clock
        self.lifetime = lifetime
        self.delay = delay
        state.withLock { $0.failuresLeft = failFirst }
    }

    var calls: Int { state.withLock { $0.calls } }

    func invalidate() async {}

    func accessToken(logger: Logger) async throws -> AccessToken? {
        let (number, fail) = state.withLock { state -> (Int, Bool) in
            state.calls += 1
            if state.failuresLeft > 0 {
                state.failuresLeft -= 1
                return (state.calls, true)
            }
            return (state.calls, false)
        }
        if delay > .zero { try await Task.sleep(for: delay) }
        if fail { throw Failure() }
        return AccessToken(value: "token-\(number)", expiresAt: clock.now.addingTimeInterval(lifetime))
    }
}

/// Waits (briefly, polling) until `condition` holds; for background work the test cannot await.
func eventually(timeout: Duration = .seconds(5), _ condition: () -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if condition() { return true }
        try await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}
