import Foundation
import Testing

@testable import LocalEmulator

/// Request bodies the emulator holds at once are bounded in bytes: a body is read only once it fits
/// in `maxRequestBytesInFlight` beside the others; until then its bytes wait in the client's socket.
@Suite struct RequestBodyBudgetTests {
    /// Each client could make the emulator hold a body of up to `maxRequestBytes` for as long as it
    /// took to send it, with no bound on clients: 40 clients sending 9.5 of 10 MB and stopping held
    /// 422 MB of a release build (/tmp/probe/partial_bodies.py), 2,000 would have held 19 GB.
    @Test func aBodyThatDoesNotFitIsNotReadUntilAnotherIsDone() async throws {
        // Bytes the server does not read still fill its socket's receive buffer, which Linux grows up
        // to tcp_rmem's maximum: the body that waits is made well larger than that.
        let kernelBuffer = Self.largestReceiveBuffer()
        let waitingBody = 2 * kernelBuffer + 8_000_000
        var configuration = EmulatorConfiguration(maxRequestBytes: waitingBody + 1_000_000)
        configuration.maxRequestBytesInFlight = 4_000_000
        let emulator = try LocalEmulator(configuration: configuration)
        try await emulator.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let head = { (length: Int) in
                "POST /v1/projects/my-project/topics/orders:publish HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: \(length)\r\n\r\n"
            }
            // The first body is admitted (3 MB of the 4 MB budget) and stops a third of the way.
            let first = try RawSocket(port: port)
            defer { first.close() }
            first.send(head(3_000_000))
            #expect(await first.push(1_000_000, within: 60) == 1_000_000)

            // The second does not fit beside it: the server reads no more than its buffers hold.
            let second = try RawSocket(port: port)
            defer { second.close() }
            second.shrinkSendBuffer()
            second.send(head(waitingBody))
            let beforeRoom = await second.push(waitingBody, within: 3)
            #expect(beforeRoom < kernelBuffer + 4_000_000)

            // Once the first is done (its client gone), the second is read to the end and answered.
            first.close()
            let afterRoom = await second.push(waitingBody - beforeRoom, within: 60)
            #expect(beforeRoom + afterRoom == waitingBody)
            #expect(await second.receive(within: 60).hasPrefix("HTTP/1.1 400"))
        }
    }

    /// tcp_rmem's third field: the most Linux lets a socket's receive buffer grow to.
    static func largestReceiveBuffer() -> Int {
        let text = (try? String(contentsOfFile: "/proc/sys/net/ipv4/tcp_rmem", encoding: .utf8)) ?? ""
        return text.split(whereSeparator: \.isWhitespace).last.flatMap { Int($0) } ?? 6 * 1024 * 1024
    }

    /// Requests without a body never wait behind bodies that do not fit.
    @Test func requestsWithoutABodyPassAFullBudget() async throws {
        var configuration = EmulatorConfiguration()
        configuration.maxRequestBytesInFlight = 1_000_000
        let emulator = try LocalEmulator(configuration: configuration)
        try await emulator.makeApplication().test(.live) { client in
            let port = try #require(client.port)
            let held = try RawSocket(port: port)
            defer { held.close() }
            held.send("POST /v1/projects/my-project/topics/orders:publish HTTP/1.1\r\nHost: x\r\nContent-Length: 900000\r\n\r\n{")
            let waiting = try RawSocket(port: port)
            defer { waiting.close() }
            waiting.send("POST /v1/projects/my-project/topics/orders:publish HTTP/1.1\r\nHost: x\r\nContent-Length: 900000\r\n\r\n{")
            try await Task.sleep(for: .milliseconds(200))
            let probe = try RawSocket(port: port)
            defer { probe.close() }
            probe.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            // Generous: in the full suite the handler's task can wait tens of seconds for a thread.
            #expect(await probe.receive(within: 60).hasPrefix("HTTP/1.1 200"))
        }
    }
}
