/// Exponential backoff with full jitter: the n-th pause is uniform in [0, min(max, initial·2ⁿ⁻¹)).
///
/// Full jitter spreads the retries of many Sinks hit by the same outage, so they do not come back
/// in lockstep. The random source is injected so tests can pin it.
public struct Backoff: Sendable {
    public var initial: Duration
    public var maximum: Duration
    /// A number in 0..<1.
    public var random: @Sendable () -> Double

    public init(initial: Duration, maximum: Duration, random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.initial = initial
        self.maximum = maximum
        self.random = random
    }

    /// The ceiling of the pause after failed attempt `attempt` (1-based), before jitter.
    public func ceiling(afterAttempt attempt: Int) -> Duration {
        var ceiling = initial
        for _ in 1..<max(1, min(attempt, 64)) {
            guard ceiling < maximum else { break }
            ceiling *= 2
        }
        return min(ceiling, maximum)
    }

    /// The pause after failed attempt `attempt` (1-based).
    public func delay(afterAttempt attempt: Int) -> Duration {
        let fraction = min(max(random(), 0), 0.999_999_999)
        return ceiling(afterAttempt: attempt) * fraction
    }
}
