import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A body whose HTTP framing breaks mid-request (a chunk size that is not hex) is the client's
/// fault: a 400 in the API's JSON shape, never a 500.
@Suite struct MalformedBodyTests {
    @Test func aBrokenChunkedBodyIsRefusedWith400() async throws {
        try await withAPI { (api: APIHarness) async throws in
            let request =
                "POST /ingestData HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-API-Key: \(APIHarness.ingestKey)\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n"
            let answer = try Self.exchange(port: api.apiPort, request)
            #expect(answer.hasPrefix("HTTP/1.1 400"), "\(answer.prefix(200))")
            #expect(answer.contains("body is not valid HTTP"))
        }
    }

    /// Sends `text` on a fresh loopback connection and reads until the first answer's body arrives.
    static func exchange(port: Int, _ text: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { _ = Glibc.close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw HarnessError("connect failed") }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !String(decoding: received, as: UTF8.self).contains("}}") {
            let count = recv(fd, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer.prefix(count)
        }
        return String(decoding: received, as: UTF8.self)
    }
}
