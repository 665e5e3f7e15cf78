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
        let announced = await Self.firstLine(of: output)
        let api = try #require(announced.firstMatch(of: /listening on (http:\/\/[0-9.]+:[0-9]+)/)?.1, "warehouse api did not start: \(announced)")

        let event = #"{"event_id":"e-1","event_type":"click","occurred_at":"2026-11-30T16:55:49Z"}"#
        for (path, body) in [("/ingestData", event), ("/getData?limit=1", nil)] {
            let answer = try await Self.curl("\(api)\(path)", body: body)
            #expect(answer.status == 503, "\(path)")
            #expect(answer.headers.lowercased().contains("retry-after:"), "\(path)")
            // Before: 30 s for an ingest (3 x 10 s), 60 s for a read (3 x 20 s); now well under 1 s.
            // curl times the API from outside this process, whose threads hundreds of other tests share.
            #expect(
                answer.seconds < 10,
                "\(path) answered \(answer.status) after \(answer.seconds) s; the API's log:\n\((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "")"
            )
            // The text log's request line carries the metadata set on the request's logger, the request id among it.
            let requestId = try #require(answer.headers.firstMatch(of: /(?i)x-request-id: *([^\r\n]+)/)?.1, "\(path)")
            let log = try String(contentsOfFile: logPath, encoding: .utf8)
            let line = log.split(separator: "\n").first { $0.contains("request_id=\(requestId)") && $0.hasSuffix(" request") }
            #expect(line?.contains("status=503") == true && line?.contains(" info ") == true, "\(path): no request line in\n\(log)")
        }
    }

    /// One request by the curl CLI, on a thread of its own: (status, response headers, curl's own total time in seconds).
    static func curl(_ url: String, body: String?) async throws -> (status: Int, headers: String, seconds: Double) {
        var arguments = ["-s", "-o", "/dev/null", "-D", "-", "-w", "\n%{http_code} %{time_total}", "--max-time", "120"]
        if let body { arguments += ["-H", "Content-Type: application/json", "--data-binary", body] }
        arguments.append(url)
        let curlArguments = arguments
        let output: String = try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(
                    with: Result {
                        let process = Process()
                        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                        process.arguments = ["curl"] + curlArguments
                        let pipe = Pipe()
                        process.standardOutput = pipe
                        try process.run()
                        let data = pipe.fileHandleForReading.readDataToEndOfFile()
                        process.waitUntilExit()
                        return String(decoding: data, as: UTF8.self)
                    })
            }
        }
        let last = output.split(separator: "\n").last.map(String.init) ?? ""
        let fields = last.split(separator: " ")
        guard fields.count == 2, let status = Int(fields[0]), let seconds = Double(fields[1]) else {
            throw CurlError(output: output)
        }
        return (status, output, seconds)
    }

    struct CurlError: Error { let output: String }

    /// What the child printed up to its first newline (or its end), read on a thread of its own:
    /// the blocking reads would otherwise hold one of the test process's few cooperative threads,
    /// and every other test with it, for as long as the child takes to start.
    static func firstLine(of pipe: Pipe) async -> String {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var announced = ""
                while !announced.contains("\n") {
                    let chunk = pipe.fileHandleForReading.availableData
                    if chunk.isEmpty { break }
                    announced += String(decoding: chunk, as: UTF8.self)
                }
                continuation.resume(returning: announced)
            }
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
