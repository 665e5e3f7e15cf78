import Foundation

/// Settings of the emulated Pub/Sub that tests need to change: the clock and how long an empty pull waits.
public struct PubSubOptions: Sendable {
    /// Current time in microseconds since the epoch. Ack deadlines, backoff and retention read it,
    /// so a test can move time forward instead of sleeping.
    public var now: @Sendable () -> Int64
    /// How long a pull without `returnImmediately` waits for a message before answering `{}`.
    public var pullWait: Duration

    public init(now: @escaping @Sendable () -> Int64 = PubSubOptions.systemMicros, pullWait: Duration = .seconds(1)) {
        self.now = now
        self.pullWait = pullWait
    }

    public static let systemMicros: @Sendable () -> Int64 = {
        Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
    }
}
