/// Settings of the emulated Pub/Sub.
public struct PubSubEmulatorConfiguration: Sendable, Hashable {
    /// How long a pull without `returnImmediately` waits for a message before answering `{}`.
    public var pullWait: Duration
    /// Calls one gRPC connection may have open at once, advertised in the server's HTTP/2 SETTINGS
    /// so that a client queues any more instead of opening them. A client's channel carries every
    /// call of its process, and each `subscribe()` holds a streaming pull open for good, so this
    /// is well above the 100 HTTP/2 servers commonly allow.
    public var grpcMaxConcurrentStreams: Int
    /// Calls open at once over gRPC in the whole emulator, every connection together; past it a new
    /// call is answered UNAVAILABLE, which clients retry. Each open call holds some
    /// tens of kilobytes, so this bounds what clients can make the emulator hold.
    public var grpcMaxOpenCalls: Int

    public init(pullWait: Duration = .seconds(1), grpcMaxConcurrentStreams: Int = 1000, grpcMaxOpenCalls: Int = 10_000) {
        self.pullWait = pullWait
        self.grpcMaxConcurrentStreams = grpcMaxConcurrentStreams
        self.grpcMaxOpenCalls = grpcMaxOpenCalls
    }
}
