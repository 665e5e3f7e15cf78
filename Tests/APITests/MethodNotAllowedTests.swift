import NIOHTTP1
import Testing

/// A path the API serves, asked with a method it does not serve there: 405 with `Allow` (RFC 9110),
/// so a caller learns the path exists and what to send, rather than a 404 saying it does not.
@Suite("Known paths with another method")
struct MethodNotAllowedTests {
    @Test func aKnownPathAskedWithAnotherMethodIsA405ThatListsTheAllowedMethod() async throws {
        try await withAPI { (api: APIHarness) async throws in
            // (A method HTTP does not define, such as FOO, is refused by NIO's parser with a 400 before the router.)
            let cases: [(HTTPMethod, String, String)] = [
                (.GET, "/ingestData", "POST"), (.PUT, "/ingestData", "POST"), (.POST, "/getData", "GET"),
                (.DELETE, "/getData", "GET"), (.TRACE, "/healthz", "GET"), (.PATCH, "/readyz", "GET"),
                (.POST, "/metrics", "GET"), (.PUT, "/openapi.yaml", "GET"), (.OPTIONS, "/healthz", "GET"),
            ]
            for (method, path, allowed) in cases {
                let answer = try await api.call(method, path, headers: [("X-API-Key", APIHarness.ingestKey)])
                #expect(answer.status == 405, "\(method) \(path)")
                #expect(answer.headers.first(name: "Allow") == allowed, "\(method) \(path)")
                #expect(answer.json["error"]?["status"] == "METHOD_NOT_ALLOWED", "\(method) \(path)")
                #expect(answer.headers.first(name: "X-Request-Id")?.isEmpty == false)
            }
            let unknown = try await api.call(.TRACE, "/nowhere")
            #expect(unknown.status == 404)
            #expect(unknown.headers.first(name: "Allow") == nil)
        }
    }
}
