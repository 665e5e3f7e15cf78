import AsyncHTTPClient
import Foundation
import GoogleREST
import Hummingbird
import HummingbirdTesting
import LocalEmulator
import NIOHTTP1
import PubSubClient
import Synchronization
import WireJSON

/// The emulator on an ephemeral port, and a client for it on the shared HTTP client.
struct ClientHarness: Sendable {
    let port: Int
    let client: PubSubClient

    func admin(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.method = method
        if let body { request.body = .bytes(body.encodedBytes()) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let buffer = try await response.body.collect(upTo: 1 << 20)
        return try JSONValue(parsing: Array(buffer.readableBytesView))
    }

    /// Makes the emulator fail matching calls (see `FaultInjector`).
    func injectFault(path: String, status: Int, times: Int) async throws {
        _ = try await admin(
            .POST, "/emulator/v1/faults",
            ["path": .string(path), "status": .int(Int64(status)), "times": .int(Int64(times))])
    }

    /// Counts calls to a path without changing them: a 1 ms delay rule that records matches.
    func countCalls(path: String) async throws {
        _ = try await admin(.POST, "/emulator/v1/faults", ["path": .string(path), "latencyMs": 1])
    }

    func matchedCalls() async throws -> Int {
        let faults = try await admin(.GET, "/emulator/v1/faults")
        return faults["faults"]?.arrayValue?.compactMap { $0["matched"]?.int64Value }.reduce(0) { $0 + Int($1) } ?? 0
    }
}

func withClientHarness(
    retry: RetryPolicy = .none, pullWait: Duration = .milliseconds(200),
    _ body: @escaping @Sendable (ClientHarness) async throws -> Void
) async throws {
    var configuration = EmulatorConfiguration()
    configuration.pubSub = PubSubEmulatorConfiguration(pullWait: pullWait)
    let emulator = try LocalEmulator(configuration: configuration)
    try await emulator.makeApplication().test(.live) { testClient in
        guard let port = testClient.port else { throw PubSubTestError.noPort }
        let client = PubSubClient(
            httpClient: .shared, projectId: "client-project",
            endpoint: .emulator(host: "127.0.0.1:\(port)"), retryPolicy: retry)
        try await body(ClientHarness(port: port, client: client))
    }
}

enum PubSubTestError: Error { case noPort, timedOut }
