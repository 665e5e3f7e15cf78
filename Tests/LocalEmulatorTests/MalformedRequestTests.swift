import Foundation
import Testing
import WireJSON

@testable import LocalEmulator

/// A request the HTTP decoder cannot read still gets an answer a Google client understands: a
/// status and Google's JSON error body, not NIO's bare empty 400.
@Suite struct MalformedRequestTests {
    @Test func aRequestLinePastTheHeaderLimitIsRefusedWith431AndAJSONError() async throws {
        try await Self.exchange("GET /healthz?pad=\(String(repeating: "a", count: 90 * 1024)) HTTP/1.1\r\nHost: x\r\n\r\n") { answer in
            #expect(answer.status == 431)
            #expect(answer.headers["content-type"] == "application/json")
            #expect(answer.headers["connection"] == "close")
            #expect(answer.json?["error"]?["code"]?.int64Value == 431)
            #expect(answer.json?["error"]?["status"]?.stringValue == "INVALID_ARGUMENT")
            #expect(answer.json?["error"]?["message"]?.stringValue?.contains("larger than this server accepts") == true)
        }
    }

    @Test func bytesThatAreNotHTTPAreRefusedWith400AndAJSONError() async throws {
        try await Self.exchange("HELLO\u{01} there\r\n\r\n") { answer in
            #expect(answer.status == 400)
            #expect(answer.headers["content-type"] == "application/json")
            #expect(answer.json?["error"]?["status"]?.stringValue == "INVALID_ARGUMENT")
        }
    }

    /// A bad second request on a kept-alive connection is answered after the first one's answer.
    @Test func aMalformedRequestAfterAGoodOneGetsItsOwnAnswer() async throws {
        try await Self.exchange("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /\u{7f} HTTP/1.1\r\n\r\n") { answer in
            #expect(answer.raw.hasPrefix("HTTP/1.1 200"))
            #expect(answer.raw.contains("HTTP/1.1 400"))
        }
    }

    struct Answer {
        var raw: String
        var status: Int
        var headers: [String: String]
        var json: JSONValue?
    }

    static func exchange(_ request: String, _ check: @Sendable (Answer) throws -> Void) async throws {
        let emulator = try LocalEmulator(configuration: EmulatorConfiguration())
        try await emulator.makeApplication().test(.live) { client in
            let socket = try RawSocket(port: try #require(client.port))
            defer { socket.close() }
            socket.send(request)
            // Generous: on a loaded machine (the whole suite in parallel on two cores) an answer can
            // take many seconds; it returns as soon as the server closes.
            let raw = await socket.receiveUntilClosed(limit: 60)
            try check(try parse(raw))
        }
    }

    /// The last response in `raw` (status, lower-cased headers, JSON body).
    static func parse(_ raw: String) throws -> Answer {
        // A status line starts the text or follows a CRLF (a body may quote "HTTP/1.1 " too).
        let start = raw.range(of: "\nHTTP/1.1 ", options: .backwards).map { raw.index(after: $0.lowerBound) } ?? raw.startIndex
        let response = raw[start...]
        let parts = response.components(separatedBy: "\r\n\r\n")
        let lines = parts[0].components(separatedBy: "\r\n")
        let statusLine = lines[0].split(separator: " ")
        try #require(statusLine.count >= 2, "no status line in \(raw.debugDescription.prefix(200))")
        let status = Int(statusLine[1]) ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let body = parts.dropFirst().joined(separator: "\r\n\r\n")
        return Answer(raw: raw, status: status, headers: headers, json: try? JSONValue(parsing: Array(body.utf8)))
    }
}
