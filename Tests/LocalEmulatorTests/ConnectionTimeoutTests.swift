import Foundation
import Testing

@testable import LocalEmulator

#if canImport(Glibc)
import Glibc
#endif

/// A client that stops sending mid-request (or never starts, or trickles) loses its connection:
/// the idle timeout and the request read timeout close it, over a raw loopback socket.
@Suite(.serialized) struct ConnectionTimeoutTests {
    static let configuration = EmulatorConfiguration(idleTimeout: .milliseconds(300), requestReadTimeout: .milliseconds(1200))
    /// Far past both timeouts: the whole suite runs in parallel on two cores, where a timer on a busy
    /// event loop can fire seconds late. A connection the server never closes stays open regardless.
    static let closedWithin = 20.0

    @Test func announcedBodyThatNeverArrivesIsClosed() async throws {
        try await Self.withRawConnection { socket in
            socket.send(
                "POST /bigquery/v2/projects/my-project/datasets HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{\"a\":"
            )
            #expect(await socket.secondsUntilClosed(limit: Self.closedWithin) != nil)
        }
    }

    @Test func expectContinueWithoutBodyIsClosed() async throws {
        try await Self.withRawConnection { socket in
            socket.send("POST /v1/projects/my-project/topics/t1:publish HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n")
            #expect(await socket.secondsUntilClosed(limit: Self.closedWithin) != nil)
        }
    }

    @Test func silentAndHalfSentHeadsAreClosed() async throws {
        try await Self.withRawConnection { socket in
            #expect(await socket.secondsUntilClosed(limit: Self.closedWithin) != nil)
        }
        try await Self.withRawConnection { socket in
            socket.send("GET /healthz HTTP/1.1\r\nHost: x\r\n")
            #expect(await socket.secondsUntilClosed(limit: Self.closedWithin) != nil)
        }
    }

    /// Never idle for the idle timeout, yet bounded: the read timeout ends it.
    @Test func tricklingBodyIsClosedAtTheReadTimeout() async throws {
        try await Self.withRawConnection { socket in
            socket.send("POST /bigquery/v2/projects/my-project/datasets HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n")
            let start = ContinuousClock.now
            var open = true
            while open, ContinuousClock.now - start < .seconds(Self.closedWithin) {
                open = socket.send(" ")
                try await Task.sleep(for: .milliseconds(100))
            }
            // Closed by the server while it trickles (the read timeout is 1.2 s).
            var closed = !open
            if !closed { closed = await socket.secondsUntilClosed(limit: 0.5) != nil }
            #expect(closed)
        }
    }

    @Test func aPromptRequestOnAKeptAliveConnectionStillWorks() async throws {
        try await Self.withRawConnection { socket in
            socket.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(await socket.receive().hasPrefix("HTTP/1.1 200"))
            socket.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(await socket.receive().hasPrefix("HTTP/1.1 200"))
        }
    }

    static func withRawConnection(_ body: @Sendable (RawSocket) async throws -> Void) async throws {
        let emulator = try LocalEmulator(configuration: configuration)
        try await emulator.makeApplication().test(.live) { client in
            let socket = try RawSocket(port: try #require(client.port))
            defer { socket.close() }
            try await body(socket)
        }
    }
}

/// A blocking TCP socket to 127.0.0.1, for sending exactly the bytes a test wants.
final class RawSocket: @unchecked Sendable {
    private let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw TestFailure("connect failed: \(errno)") }
        var noSignal: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &noSignal, socklen_t(MemoryLayout<Int32>.size))
    }

    /// false once the peer has closed.
    @discardableResult
    func send(_ text: String) -> Bool { send(bytes: Array(text.utf8)) }

    /// false once the peer has closed.
    @discardableResult
    func send(bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }

    /// Seconds until the server closes the connection (EOF or reset), or nil if it is still open
    /// after `limit` seconds. Anything the server sends meanwhile is read and dropped. Polls without
    /// blocking and sleeps between polls, so waiting never holds a thread of the shared pool.
    func secondsUntilClosed(limit: Double) async -> Double? {
        let start = Date()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date().timeIntervalSince(start) < limit {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 0) > 0 {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count <= 0 { return Date().timeIntervalSince(start) }
            } else {
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        return nil
    }

    /// Whatever arrives first, waiting up to `seconds`.
    func receive(within seconds: Double = 5) async -> String { String(decoding: await receiveBytes(within: seconds), as: UTF8.self) }

    /// Whatever arrives first, as bytes, waiting up to `seconds`.
    func receiveBytes(within seconds: Double = 5) async -> [UInt8] {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 0) > 0 {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = recv(fd, &buffer, buffer.count, 0)
                return count > 0 ? Array(buffer.prefix(count)) : []
            }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return []
    }

    /// Everything the server sends until it closes the connection (or `limit` seconds pass).
    func receiveUntilClosed(limit: Double) async -> String {
        let start = Date()
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date().timeIntervalSince(start) < limit {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 0) > 0 {
                let count = recv(fd, &buffer, buffer.count, 0)
                if count <= 0 { break }
                received += buffer.prefix(count)
            } else {
                try? await Task.sleep(for: .milliseconds(10))
            }
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Sends up to `count` filler bytes without blocking for at most `seconds`, and returns how many
    /// the kernel took: once the server stops reading, its receive window and this socket's send
    /// buffer (shrunk by `shrinkSendBuffer`) fill and sending stalls.
    func push(_ count: Int, within seconds: Double) async -> Int {
        let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 16 * 1024)
        var sent = 0
        let start = Date()
        while sent < count, Date().timeIntervalSince(start) < seconds {
            let wrote = chunk.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress, min($0.count, count - sent), Int32(MSG_NOSIGNAL | MSG_DONTWAIT))
            }
            if wrote > 0 {
                sent += wrote
            } else {
                try? await Task.sleep(for: .milliseconds(2))
            }
        }
        return sent
    }

    /// A small send buffer, so that bytes the server does not read stay here rather than in flight.
    func shrinkSendBuffer() {
        var size: Int32 = 16 * 1024
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }

    func close() { _ = Glibc.close(fd) }
}
