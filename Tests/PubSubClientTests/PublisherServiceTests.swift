import Foundation
import GoogleREST
import LocalEmulator
import Logging
import PubSubClient
import ServiceLifecycle
import TestSupport
import Testing

/// The publisher as a `Service`: where its work runs, and how it ends.
@Suite struct PublisherServiceTests {
    /// The emulator first, the publisher after it: a graceful shutdown drains the publisher (which
    /// still needs the emulator) before the emulator stops, as `warehouse serve` will run them.
    @Test func aServiceGroupDrainsThePublisherBeforeTheEmulatorStops() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("publisher-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let port = try loopbackPortNobodyUses()
        let emulator = try LocalEmulator(configuration: EmulatorConfiguration(port: port, databasePath: path))
        let (serverUp, serverIsUp) = AsyncStream.makeStream(of: Int.self)
        let app = emulator.makeApplication(onServerRunning: { serverIsUp.yield($0) })
        let client = PubSubClient(
            httpClient: .shared, projectId: "test-project", endpoint: .emulator(host: "127.0.0.1:\(port)"),
            retryPolicy: .none)
        let publisher = client.publisher(topic: "orders", configuration: .init(maxMessages: 1000, maxDelay: .seconds(3600)))
        let group = ServiceGroup(configuration: .init(services: [app, publisher], logger: Logger(label: "test")))

        let ids = try await withThrowingTaskGroup(of: [String].self) { tasks in
            tasks.addTask {
                try await group.run()
                return []
            }
            for await _ in serverUp { break }
            try await client.createTopic("orders")
            try await client.createSubscription("orders-sub", settings: .init(topic: "orders"))
            tasks.addTask {
                try await withThrowingTaskGroup(of: String.self) { publishes in
                    for index in 0..<5 { publishes.addTask { try await publisher.publish(PubSubMessage(text: "m\(index)")) } }
                    return try await publishes.reduce(into: []) { $0.append($1) }
                }
            }
            // The batch waits for an hour's delay; only the shutdown can send it.
            try await waitUntil { publisher.pendingMessages == 5 }
            await group.triggerGracefulShutdown()
            return try await tasks.reduce(into: []) { $0 += $1 }
        }
        #expect(ids.count == 5)

        // Stored before the emulator stopped: a new emulator on the same file delivers all five.
        let reopened = try LocalEmulator(configuration: EmulatorConfiguration(databasePath: path))
        try await reopened.makeApplication().test(.live) { testClient in
            let port = try #require(testClient.port)
            let client = PubSubClient(
                httpClient: .shared, projectId: "test-project", endpoint: .emulator(host: "127.0.0.1:\(port)"),
                retryPolicy: .none)
            let messages = try await client.pull(subscription: "orders-sub", maxMessages: 100, returnImmediately: true)
            #expect(Set(messages.map(\.messageId)) == Set(ids))
        }
    }

    @Test func aCancelledPublisherFailsWhatItHasNotSent() async throws {
        // Nothing listens on port 9: a request would fail differently, and none is made.
        let client = PubSubClient(
            httpClient: .shared, projectId: "p", endpoint: .emulator(host: "127.0.0.1:9"),
            retryPolicy: .none)
        let publisher = client.publisher(topic: "orders", configuration: .init(maxDelay: .seconds(3600)))
        let running = Task { try await publisher.run() }
        async let outcome: Result<String, any Error> = {
            do { return .success(try await publisher.publish(PubSubMessage(text: "never sent"))) } catch { return .failure(error) }
        }()
        // On every way out, and before the `async let` is awaited there (cleanups run in reverse): that
        // publish is answered only by run(), so a wait that timed out on a stalled machine left the
        // whole test run hung instead of this test failed.
        defer { running.cancel() }
        try await waitUntil { publisher.pendingMessages == 1 }
        running.cancel()
        try await running.value
        guard case .failure(let error) = await outcome else {
            Issue.record("a message was sent")
            return
        }
        #expect((error as? PubSubError)?.isRetryable == false)
        await #expect(throws: PubSubError.self) { try await publisher.publish(PubSubMessage(text: "after")) }
    }

    @Test func theBatchDelayWaitsOnTheClientsClock() async throws {
        let clock = RecordingClock()
        try await withClientHarness(retry: RetryPolicy(maxAttempts: 1, clock: clock)) { harness in
            try await harness.client.createTopic("orders")
            let publisher = harness.client.publisher(topic: "orders", configuration: .init(maxDelay: .seconds(3600)))
            try await withRunning(publisher) {
                // An hour's delay passes at once on the recording clock; a real one would time the test out.
                let id = try await publisher.publish(PubSubMessage(text: "alone"))
                #expect(!id.isEmpty)
            }
        }
        #expect(clock.recorded.contains(.seconds(3600)))
    }
}

/// A loopback port that was free a moment ago (bound to port 0, then released), for a server whose
/// clients must be built before it starts.
func loopbackPortNobodyUses() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw PubSubTestError.noPort }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
            bind(descriptor, socketAddress, length) == 0 && getsockname(descriptor, socketAddress, &length) == 0
        }
    }
    guard bound else { throw PubSubTestError.noPort }
    return Int(UInt16(bigEndian: address.sin_port))
}
