import GRPCCore
import GRPCNIOTransportHTTP2
import Hummingbird
import HummingbirdTesting
import LocalEmulatorGRPC
import PubSubGRPC
import Testing

@testable import LocalEmulator

/// The emulator with its gRPC port open, reached both ways: REST through `PubSubCaller`, gRPC
/// through the clients generated for Google's Publisher and Subscriber services.
struct PubSubGRPCCallers: Sendable {
    let rest: PubSubCaller
    /// The gRPC port, for raw connections beside the clients.
    let grpcPort: Int
    let publisher: Google_Pubsub_V1_Publisher.Client<HTTP2ClientTransport.Posix>
    let subscriber: Google_Pubsub_V1_Subscriber.Client<HTTP2ClientTransport.Posix>

    var project: String { rest.project }
    func topicName(_ id: String) -> String { "projects/\(project)/topics/\(id)" }
    func subscriptionName(_ id: String) -> String { "projects/\(project)/subscriptions/\(id)" }
}

func withPubSubGRPC(
    configuration: EmulatorConfiguration = EmulatorConfiguration(), _ body: @Sendable (PubSubGRPCCallers) async throws -> Void
) async throws {
    let emulator = try LocalEmulator(configuration: configuration)
    let server = try PubSubGRPCServer(emulator: emulator, port: 0)
    try await emulator.makeApplication(services: [server]).test(.live) { client in
        let port = try await server.boundPort
        try await withGRPCClient(
            transport: .http2NIOPosix(target: .ipv4(address: "127.0.0.1", port: port), transportSecurity: .plaintext)
        ) { grpc in
            try await body(
                PubSubGRPCCallers(
                    rest: PubSubCaller(client: client), grpcPort: port,
                    publisher: Google_Pubsub_V1_Publisher.Client(wrapping: grpc),
                    subscriber: Google_Pubsub_V1_Subscriber.Client(wrapping: grpc)))
        }
    }
}

/// The status and message a gRPC call failed with, or nil when it succeeded.
func grpcFailure(_ call: () async throws -> Void) async -> (code: RPCError.Code, message: String)? {
    do {
        try await call()
        return nil
    } catch let error as RPCError {
        return (error.code, error.message)
    } catch {
        return (.unknown, "\(error)")
    }
}
