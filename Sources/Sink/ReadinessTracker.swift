import Synchronization

/// What `/readyz` answers, from what the Sink last saw: the table ensured (and as defined), a pull
/// that succeeded within `window`, and inserts that are not failing again and again.
final class ReadinessTracker: Sendable {
    private struct State {
        var started = false
        var tableReady = false
        var drift: [String] = []
        var lastPullSuccess: Duration?
        var consecutiveInsertFailures = 0
        var lastInsertError = ""
        var stopping = false
    }

    /// Failed insertAll attempts in a row that make the Sink not ready (one or two are weather).
    static let insertFailureThreshold = 5
    let window: Duration
    private let clock: SinkClock
    private let state = Mutex(State())

    init(window: Duration, clock: SinkClock) {
        self.window = window
        self.clock = clock
    }

    func started() { state.withLock { $0.started = true } }
    func tableEnsured(drift: [String]) {
        state.withLock {
            $0.tableReady = true
            $0.drift = drift
        }
    }
    func tableLost() { state.withLock { $0.tableReady = false } }
    func pullSucceeded() {
        let now = clock.now
        state.withLock { $0.lastPullSuccess = now }
    }
    func insertSucceeded() { state.withLock { $0.consecutiveInsertFailures = 0 } }
    func insertFailed(_ error: String) {
        state.withLock {
            $0.consecutiveInsertFailures += 1
            $0.lastInsertError = error
        }
    }
    func stopping() { state.withLock { $0.stopping = true } }

    var readiness: SinkReadiness {
        let now = clock.now
        return state.withLock { state in
            guard state.started else { return SinkReadiness(isReady: false, reasons: ["not started"]) }
            var reasons: [String] = []
            if state.stopping { reasons.append("shutting down") }
            if !state.tableReady { reasons.append("table not ensured yet") }
            reasons += state.drift.map { "table differs from its definition: \($0)" }
            if let last = state.lastPullSuccess {
                if now - last > window { reasons.append("no successful pull for \(now - last)") }
            } else {
                reasons.append("no successful pull yet")
            }
            if state.consecutiveInsertFailures >= Self.insertFailureThreshold {
                reasons.append("\(state.consecutiveInsertFailures) insertAll attempts failed in a row: \(state.lastInsertError)")
            }
            return SinkReadiness(isReady: reasons.isEmpty, reasons: reasons)
        }
    }
}
