/// Exponential backoff with full jitter for retryable failures. The sleeper and the random source
/// are injected so tests run without waiting and with known delays.
public struct PubSubRetryPolicy: Sendable {
    /// Total tries, the first included; 1 disables retries.
    public var maxAttempts: Int
    public var initialBackoff: Duration
    public var maximumBackoff: Duration
    public var multiplier: Double
    public var sleep: @Sendable (Duration) async throws -> Void
    /// A number in 0..<1; the delay is that share of the exponential ceiling ("full jitter").
    public var random: @Sendable () -> Double

    public init(maxAttempts: Int = 5, initialBackoff: Duration = .milliseconds(100), maximumBackoff: Duration = .seconds(10),
                multiplier: Double = 2,
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.multiplier = multiplier
        self.sleep = sleep
        self.random = random
    }

    public static let none = PubSubRetryPolicy(maxAttempts: 1)

    /// The pause after failed attempt `attempt` (1-based).
    public func delay(afterAttempt attempt: Int) -> Duration {
        let ceilingSeconds = min(seconds(initialBackoff) * pow2(multiplier, attempt - 1), seconds(maximumBackoff))
        return .nanoseconds(Int64(ceilingSeconds * random() * 1e9))
    }

    /// Runs `operation`, trying again after retryable `PubSubError`s until `maxAttempts` is reached.
    func run<T: Sendable>(_ operation: @Sendable () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await operation()
            } catch let error as PubSubError where error.isRetryable && attempt < maxAttempts {
                try await sleep(delay(afterAttempt: attempt))
                attempt += 1
            }
        }
    }

    private func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private func pow2(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(0, min(exponent, 64)) { result *= base }
        return result
    }
}
