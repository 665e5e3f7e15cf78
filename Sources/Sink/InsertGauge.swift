import Synchronization

/// Counts the insertAll requests in flight and the most at once since the start, so the bound
/// `maxConcurrentInserts` can be checked from outside (as `FlowControl`'s peak is for holding).
final class InsertGauge: Sendable {
    private struct State {
        var inFlight = 0
        var peak = 0
    }

    private let state = Mutex(State())

    var peak: Int { state.withLock { $0.peak } }

    /// Runs `body` (one insertAll request) counted as in flight.
    func measure<T>(_ body: () async throws -> T) async rethrows -> T {
        state.withLock {
            $0.inFlight += 1
            $0.peak = max($0.peak, $0.inFlight)
        }
        defer { state.withLock { $0.inFlight -= 1 } }
        return try await body()
    }
}
