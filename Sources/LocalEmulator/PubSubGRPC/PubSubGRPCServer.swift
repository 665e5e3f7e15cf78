import GRPCCore
import GRPCNIOTransportHTTP2
import ServiceLifecycle

/// Pub/Sub over gRPC (HTTP/2 without TLS, as Google's emulator serves it) on its own port, on the
/// same store as the REST routes: what Google's client libraries speak when `PUBSUB_EMULATOR_HOST`
/// points at it. Runs as a `Service` beside the HTTP server and stops with it.
final class PubSubGRPCServer: Service, Sendable {
    private let transport: HTTP2ServerTransport.Posix
    private let server: GRPCServer<HTTP2ServerTransport.Posix>
    private let draining = PubSubGRPCDrain()

    init(store: PubSubStore, host: String, port: Int, maxRequestBytes: Int) {
        let address: GRPCNIOTransportCore.SocketAddress =
            host.contains(":") ? .ipv6(host: host, port: port) : .ipv4(host: host, port: port)
        transport = HTTP2ServerTransport.Posix(
            address: address, transportSecurity: .plaintext,
            // A publish may be as large as a REST one (Google allows 10 MB); gRPC's default is 4 MiB.
            config: .defaults { $0.rpc.maxRequestPayloadSize = max(maxRequestBytes, 4 * 1024 * 1024) })
        server = GRPCServer(
            transport: transport,
            services: [PubSubPublisherService(store: store), PubSubSubscriberService(store: store, draining: draining)])
    }

    /// The port bound, once listening (useful with port 0).
    var boundPort: Int {
        get async throws {
            let address = try await transport.listeningAddress
            return address.ipv4?.port ?? address.ipv6?.port ?? 0
        }
    }

    func run() async throws {
        try await withGracefulShutdownHandler {
            try await server.serve()
        } onGracefulShutdown: {
            // Streams end first (UNAVAILABLE, as Google closes them); unary calls finish.
            self.draining.begin()
            self.server.beginGracefulShutdown()
        }
    }
}
