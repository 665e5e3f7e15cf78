import Foundation
import GoogleREST
import HummingbirdTesting
import LocalEmulator
import Logging
import PubSubClient
import Testing
import WarehouseSchema

@testable import warehouse

@Suite struct ServeCommandTests {
    @Test func theAckDeadlineMustBeOnePubSubAccepts() throws {
        #expect(throws: (any Error).self) { try ServeCommand.parseAsRoot(["--ack-deadline", "9"]) }
        #expect(throws: (any Error).self) { try ServeCommand.parseAsRoot(["--ack-deadline", "601"]) }
        let command = try #require(try ServeCommand.parseAsRoot(["--ack-deadline", "10"]) as? ServeCommand)
        #expect(command.ackDeadline == 10)
        #expect(try #require(try ServeCommand.parseAsRoot([]) as? ServeCommand).ackDeadline == 60)
    }

    /// A short deadline is what brings a killed serve's messages back soon; the subscription must carry it.
    @Test func theSubscriptionServeCreatesHasItsAckDeadline() async throws {
        let emulator = try LocalEmulator(configuration: EmulatorConfiguration(host: "127.0.0.1", port: 0))
        try await emulator.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let pubSub = PubSubClient(
                httpClient: .shared, projectId: "local-project", endpoint: .emulator(host: "127.0.0.1:\(port)"),
                logger: Logger(label: "test"))
            let system = EmbeddedSystem(
                projectId: "local-project", names: .init(), schema: TableSchema(fields: []), ackDeadline: .seconds(12),
                apiHost: "127.0.0.1", apiPort: 0, emulatorPort: AsyncStream { $0.finish() }, renderMetrics: { "" },
                onReady: { _ in }, logger: Logger(label: "test"))
            try await system.provision(pubSub)
            let subscription = try await pubSub.getSubscription(system.names.subscription)
            #expect(subscription.ackDeadline == .seconds(12))
        }
    }
}
