import GRPCCore
import GRPCNIOTransportHTTP2
import LocalEmulator
import NIOCore
import ServiceLifecycle

/// Pub/Sub over gRPC (HTTP/2 without TLS, as Google's emulator serves it) on its own port, on the
/// same store as the emulator's REST routes: what Google's client libraries speak when
/// `PUBSUB_EMULATOR_HOST` points at it. A `Service`: pass it to the emulator's
/// `makeApplication(services:)` so it starts and stops with the HTTP server.
public final class PubSubGRPCServer: Service, Sendable {
    private let transport: HTTP2ServerTransport.Posix
    private let server: GRPCServer<HTTP2ServerTransport.Posix>
    private let draining = PubSubGRPCDrain()

    /// Serves `emulator`'s Pub/Sub on its host and `port` (0 picks a free one: see `boundPort`).
    /// Throws `EmulatorSetupError.grpcWithRequireAuth` for an emulator that requires credentials:
    /// gRPC calls are not checked yet, so serving them would bypass it.
    public init(emulator: LocalEmulator, port: Int) throws {
        let configuration = emulator.configuration
        guard !configuration.requireAuth else { throw EmulatorSetupError.grpcWithRequireAuth }
        let host = configuration.host
        let maxRequestBytes = configuration.maxRequestBytes
        let store = emulator.pubSubStore
        let limits = GRPCConnectionLimits(
            idleConnectionLimit: TimeAmount(configuration.idleTimeout) * 2,
            requestArrivalTimeout: TimeAmount(configuration.requestReadTimeout),
            maxOpenCalls: configuration.pubSub.grpcMaxOpenCalls)
        let address: GRPCNIOTransportCore.SocketAddress =
            host.contains(":") ? .ipv6(host: host, port: port) : .ipv4(host: host, port: port)
        transport = HTTP2ServerTransport.Posix(
            address: address, transportSecurity: .plaintext,
            config: .defaults {
                // A publish may be as large as a REST one (Google allows 10 MB); gRPC's default is 4 MiB.
                $0.rpc.maxRequestPayloadSize = max(maxRequestBytes, 4 * 1024 * 1024)
                // Left unset, the limit is not advertised, yet NIO's HTTP/2 still enforces 100: a
                // client that believed there was none and opened a 101st call lost its connection
                // and every call on it. Advertised, clients queue calls past it.
                $0.http2.maxConcurrentStreams = configuration.pubSub.grpcMaxConcurrentStreams
                // A connection with no call open closes as an idle HTTP one does, so unused
                // connections cannot hold descriptors for good; clients reconnect on their next call.
                // gRPC asks the client to close; a client that does not answer is closed twice as late.
                $0.connection.maxIdleTime = configuration.idleTimeout
                $0.channelDebuggingCallbacks.onAcceptTCPConnection = limits.connectionAccepted
                $0.channelDebuggingCallbacks.onAcceptHTTP2Stream = limits.streamAccepted
            })
        server = GRPCServer(
            transport: transport,
            services: [PubSubPublisherService(store: store), PubSubSubscriberService(store: store, draining: draining)])
    }

    /// The port bound, once listening (useful with port 0).
    public var boundPort: Int {
        get async throws {
            let address = try await transport.listeningAddress
            return address.ipv4?.port ?? address.ipv6?.port ?? 0
        }
    }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await server.serve()
        } onGracefulShutdown: {
            // Streams end first (UNAVAILABLE, as Google closes them); unary calls finish.
            self.draining.begin()
            self.server.beginGracefulShutdown()
        }
    }
}
