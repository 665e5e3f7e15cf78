import AsyncHTTPClient
import GoogleREST
import Hummingbird
import HummingbirdTesting
import Synchronization
import TestSupport
import Testing
import WarehouseClient

/// The query wait is a deadline on the client's clock. The emulator finishes every query at once,
/// so a loopback stand-in answers "not complete yet", moving the test clock on by the wait asked for.
@Suite struct QueryDeadlineTests {
    final class NeverCompletingJobs: Sendable {
        let clock = RecordingClock()
        let waitsAsked = Mutex<[String]>([])

        func reply(_ request: Request) -> Response {
            let wait = request.uri.queryParameters.get("timeoutMs") ?? "in body"
            waitsAsked.withLock { $0.append(wait) }
            clock.advance(by: .milliseconds(Int64(wait) ?? 10_000))
            return Response(
                status: .ok, headers: [.contentType: "application/json"],
                body: .init(
                    byteBuffer: ByteBuffer(
                        string: """
                            {"kind":"bigquery#queryResponse","jobComplete":false,"jobReference":{"projectId":"p","jobId":"job-1","location":"US"}}
                            """)))
        }

        func run(_ body: @Sendable (_ port: Int) async throws -> Void) async throws {
            let router = Router()
            router.post("/bigquery/v2/projects/p/queries") { request, _ in self.reply(request) }
            router.get("/bigquery/v2/projects/p/queries/job-1") { request, _ in self.reply(request) }
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in try await body(try #require(client.port)) }
        }
    }

    @Test func waitsUntilTheDeadlineInServerSideStepsAndThenTimesOut() async throws {
        let server = NeverCompletingJobs()
        try await server.run { port in
            let client = BigQueryClient(
                httpClient: .shared, projectId: "p", endpoint: .emulator(host: "127.0.0.1:\(port)"),
                retryPolicy: RetryPolicy(clock: server.clock))
            let error = await #expect(throws: BigQueryError.self) {
                try await client.query("SELECT 1", options: QueryOptions(timeout: .seconds(25)))
            }
            #expect(error?.description.contains("job-1 did not complete before the deadline") == true)
            #expect(error?.isRetryable == false)
        }
        // 10 s in the insert call, then 10 s and the 5 s left in getQueryResults.
        #expect(server.waitsAsked.withLock { $0 } == ["in body", "10000", "5000"])
        #expect(server.clock.now.offset == .seconds(25))
    }
}
