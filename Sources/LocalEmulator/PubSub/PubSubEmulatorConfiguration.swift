/// Settings of the emulated Pub/Sub alone; its clock is the emulator's (`EmulatorConfiguration.clock`).
public struct PubSubEmulatorConfiguration: Sendable, Hashable {
    /// How long a pull without `returnImmediately` waits for a message before answering `{}`.
    public var pullWait: Duration

    public init(pullWait: Duration = .seconds(1)) {
        self.pullWait = pullWait
    }
}
