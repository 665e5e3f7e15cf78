/// Settings of the emulated Pub/Sub.
public struct PubSubEmulatorConfiguration: Sendable, Hashable {
    /// How long a pull without `returnImmediately` waits for a message before answering `{}`.
    public var pullWait: Duration
    /// Calls one gRPC connection may have open at once, advertised in the server's HTTP/2 SETTINGS
    /// so that a client queues any more instead of opening them. A client's channel carries every
    /// call of its process, and each `subscribe()` holds a streaming pull open for good, so this
    /// is well above the 100 HTTP/2 servers commonly allow.
    public var grpcMaxConcurrentStreams: Int

    public init(pullWait: Duration = .seconds(1), grpcMaxConcurrentStreams: Int = 1000) {
        self.pullWait = pullWait
        self.grpcMaxConcurrentStreams = grpcMaxConcurrentStreams
    }
}
