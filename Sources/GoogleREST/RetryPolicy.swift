/// Exponential backoff with full jitter, for calls that failed in a way worth trying again.
///
/// Waits on an injected `Clock`, so tests pass a clock that records the pauses instead of sleeping;
/// the random source is injected for the same reason.
public struct RetryPolicy: Sendable {
    /// Total tries, the first included; 1 disables retries.
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var maximumBackoff: Duration
    public var multiplier: Double
    public var clock: any Clock<Duration>
    /// A number in 0..<1; each pause is that share of the exponential ceiling ("full jitter").
    public var random: @Sendable () -> Double

    public init(
        maxAttempts: Int = 5, initialBackoff: Duration = .milliseconds(100), maximumBackoff: Duration = .seconds(10),
        multiplier: Double = 2, clock: any Clock<Duration> = ContinuousClock(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.multiplier = multiplier
        self.clock = clock
        self.random = random
    }

    public static let none = RetryPolicy(maxAttempts: 1)

    /// The pause after failed attempt `attempt` (1-based).
    public func delay(afterAttempt attempt: Int) -> Duration {
        let initial = initialBackoff / .seconds(1)
        let growth = (0..<max(0, min(attempt - 1, 64))).reduce(1.0) { product, _ in product * multiplier }
        let ceiling = min(initial * growth, maximumBackoff / .seconds(1))
        return .nanoseconds(Int64(ceiling * random() * 1e9))
    }

    /// Runs `operation`, trying again after errors `isRetryable` accepts, until `maxAttempts`.
    public func run<T: Sendable>(
        isRetryable: (any Error) -> Bool,
        _ operation: () async throws -> T
    ) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch  where attempt < maxAttempts && isRetryable(error) {
                try await clock.sleep(for: delay(afterAttempt: attempt))
                attempt += 1
            }
        }
    }
}
