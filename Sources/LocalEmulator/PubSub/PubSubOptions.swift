import Foundation

/// Settings of the emulated Pub/Sub that tests need to change: the clock and how long an empty pull waits.
public struct PubSubOptions: Sendable {
    /// Current time in microseconds since the epoch. Ack deadlines, backoff and retention read it;
    /// the emulator sets it from `EmulatorConfiguration.clock`, so one clock moves every API.
    var now: @Sendable () -> Int64
    /// How long a pull without `returnImmediately` waits for a message before answering `{}`.
    public var pullWait: Duration

    public init(pullWait: Duration = .seconds(1)) {
        self.init(now: EmulatorClock.system.nowMicros, pullWait: pullWait)
    }

    init(now: @escaping @Sendable () -> Int64, pullWait: Duration) {
        self.now = now
        self.pullWait = pullWait
    }
}
