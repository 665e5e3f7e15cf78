import Foundation
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

/// A stand-in for Google's token endpoint and metadata server on a loopback port, recording what
/// it was sent so tests can count hits and inspect requests.
final class FakeGoogleServer: Sendable {
    struct Recorded: Sendable {
        var tokenHits = 0
        var metadataHits = 0
        var lastForm: [String: String] = [:]
        var lastMetadataQuery: String?
    }

    let recorded = Mutex(Recorded())
    /// What `POST /token` answers: status and body.
    let tokenReply = Mutex<(Int, String)>((200, #"{"access_token":"exchanged-token","expires_in":3599,"token_type":"Bearer"}"#))
    /// How long `/token` takes, so concurrent callers really overlap.
    let tokenDelay: Duration

    init(tokenDelay: Duration = .zero) {
        self.tokenDelay = tokenDelay
    }

    var tokenHits: Int { recorded.withLock { $0.tokenHits } }
    var metadataHits: Int { recorded.withLock { $0.metadataHits } }

    func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.post("/token") { request, _ -> Response in
            let body = try await request.body.collect(upTo: 1 << 20)
            let form = Self.parseForm(String(buffer: body))
            self.recorded.withLock {
                $0.tokenHits += 1
                $0.lastForm = form
            }
            if self.tokenDelay > .zero { try await Task.sleep(for: self.tokenDelay) }
            let (status, reply) = self.tokenReply.withLock { $0 }
            return Response(
                status: .init(code: status), headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: reply)))
        }
        // The metadata server's root answers with the Metadata-Flavor header (the probe checks it).
        router.get("/") { _, _ in
            Response(status: .ok, headers: [.init("Metadata-Flavor")!: "Google"], body: .init(byteBuffer: ByteBuffer(string: "computeMetadata/")))
        }
        router.get("/computeMetadata/v1/instance/service-accounts/default/token") { request, _ -> Response in
            self.recorded.withLock {
                $0.metadataHits += 1
                $0.lastMetadataQuery = request.uri.query
            }
            // The real server refuses requests without the header (SSRF protection).
            guard request.headers[.init("Metadata-Flavor")!] == "Google" else {
                return Response(status: .forbidden, body: .init(byteBuffer: ByteBuffer(string: "Missing Metadata-Flavor:Google header.")))
            }
            return Response(
                status: .ok, headers: [.contentType: "application/json", .init("Metadata-Flavor")!: "Google"],
                body: .init(byteBuffer: ByteBuffer(string: #"{"access_token":"metadata-token","expires_in":1800,"token_type":"Bearer"}"#)))
        }
        return router
    }

    /// Runs the server on an ephemeral loopback port for the duration of `body`.
    func run<T: Sendable>(_ body: @Sendable (_ port: Int) async throws -> T) async throws -> T {
        let app = Application(router: makeRouter(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await app.test(.live) { client in
            try await body(try #require(client.port))
        }
    }

    static func parseForm(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map {
                $0.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            fields[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return fields
    }
}
