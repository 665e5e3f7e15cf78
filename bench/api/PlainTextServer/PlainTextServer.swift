import Foundation
import Hummingbird

/// The baseline of `bench/api/run`: Hummingbird with one plain-text route and nothing else (no
/// middleware, no logging per request), so the API's routes can be compared with the framework's own
/// ceiling in the same run, on the same machine load.
///
///     PlainTextServer [port]     # GET /plaintext answers "world"; port 0 picks one; prints the bound port
@main
struct PlainTextServer {
    static func main() async throws {
        let port = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 0
        let router = Router()
        router.get("/plaintext") { _, _ in "world" }
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: port), serverName: "plaintext"),
            onServerRunning: { channel in
                // The bench script waits for this line to learn the port.
                FileHandle.standardOutput.write(Data("PlainTextServer listening on port \(channel.localAddress?.port ?? 0)\n".utf8))
            })
        try await app.runService()
    }
}
