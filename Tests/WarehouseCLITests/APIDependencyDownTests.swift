import AsyncHTTPClient
import Foundation
import Testing

/// `warehouse api` whose Pub/Sub and BigQuery refuse connections (their hosts are down) says so at
/// once: 503 with Retry-After within its quick retries, not after AsyncHTTPClient has spent a whole
/// request timeout per retry trying to connect again (30 s for an ingest, 60 s for a read, found by
/// scripts/reliability/faults.py). The built binary runs as it runs in production.
@Suite struct APIDependencyDownTests {
    @Test func refusedConnectionsAnswer503WithRetryAfterAtOnce() async throws {
        let binary = try #require(WarehouseBinary.path, "no warehouse binary beside the tests: swift build first")
        // Bound and never listening: connections to it are refused.
        let closed = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { _ = close(closed) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(closed, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(closed, $0, &length) } }
        let down = "127.0.0.1:\(UInt16(bigEndian: address.sin_port))"

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "api", "--no-auth", "--host", "127.0.0.1", "--port", "0", "--project", "p", "--pubsub-endpoint", down,
            "--bigquery-endpoint", down, "--schema", APICommandTests.schema, "--log-level", "debug",
        ]
        let output = Pipe()
        process.standardOutput = output
        let logPath = FileManager.default.temporaryDirectory.appendingPathComponent("api-down-\(UUID().uuidString).log").path
        FileManager.default.createFile(atPath: logPath, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: logPath) }
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        var announced = ""
        while !announced.contains("\n") {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            announced += String(decoding: chunk, as: UTF8.self)
        }
        let api = try #require(announced.firstMatch(of: /listening on (http:\/\/[0-9.]+:[0-9]+)/)?.1, "warehouse api did not start: \(announced)")

        let event = #"{"event_id":"e-1","event_type":"click","occurred_at":"2026-11-30T16:55:49Z"}"#
        for (path, body) in [("/ingestData", event), ("/getData?limit=1", nil)] {
            var request = HTTPClientRequest(url: "\(api)\(path)")
            request.method = body == nil ? .GET : .POST
            if let body {
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(Array(body.utf8))
            }
            let start = ContinuousClock.now
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(120))
            let took = ContinuousClock.now - start
            #expect(response.status == .serviceUnavailable, "\(path)")
            #expect(response.headers.first(name: "Retry-After") != nil, "\(path)")
            // Before: 30 s for an ingest (3 x 10 s), 60 s for a read (3 x 20 s); now well under 1 s, with
            // room for a test process busy with hundreds of other tests.
            #expect(
                took < .seconds(15),
                "\(path) answered \(response.status.code) after \(took); the API's log:\n\((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")"
            )
        }
    }
}

/// The `warehouse` executable SwiftPM built beside the test bundle.
enum WarehouseBinary {
    static var path: String? {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("warehouse").path
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return [beside, root.appendingPathComponent(".build/debug/warehouse").path].first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
