import AsyncHTTPClient
import Glibc
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

/// The query's timeout bounds its HTTP calls and their retries too, not only the wait for the job:
/// a BigQuery that cannot be reached makes the query fail (retryably) once the timeout is spent, not
/// after a full request timeout per attempt (the API's /getData answered 503 after 60 s with a
/// 20-s query timeout when BigQuery was down: three attempts of 20 s).
@Suite struct UnreachableQueryDeadlineTests {
    enum Outage: String, CaseIterable, Sendable {
        /// Connections are accepted (by the kernel) and never answered: a network partition.
        case silent
        /// Nothing listens: a host that is down.
        case refusing
    }

    @Test(arguments: Outage.allCases)
    func theTimeoutBoundsTheCallsAndTheirRetries(_ outage: Outage) async throws {
        let listener = try LoopbackListener(listening: outage == .silent)
        defer { listener.close() }
        var client = BigQueryClient(
            httpClient: .shared, projectId: "p", endpoint: .emulator(host: "127.0.0.1:\(listener.port)"),
            retryPolicy: RetryPolicy(maxAttempts: 3, maximumBackoff: .milliseconds(50)))
        // Long, so that the bound below is far from what a loaded machine adds: a suite run beside a
        // fuzzer once held this test's task off both cooperative threads for 32 s.
        client.requestTimeout = .seconds(60)
        let start = ContinuousClock.now
        let error = await #expect(throws: BigQueryError.self) {
            try await client.query("SELECT 1", options: QueryOptions(timeout: .seconds(1)))
        }
        let took = ContinuousClock.now - start
        // Before: a full request timeout for each of the three attempts, 180 s; now the 1 s asked for.
        // The bound is one request timeout, not a guess at the machine's load: a test process busy
        // with hundreds of other tests on two cores once took 11.7 s over the 1 s.
        #expect(took < client.requestTimeout, "the query took \(took) with a 1-s timeout")
        // What the API turns into 503 + Retry-After.
        #expect(error?.isRetryable == true || error?.isTransport == true)
    }
}

/// A loopback port that either listens and never accepts (connections complete in the kernel's
/// backlog and are never answered), or is closed (connections are refused).
struct LoopbackListener {
    let descriptor: Int32
    let port: Int

    init(listening: Bool) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let size = length
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) } }
        guard bound == 0 else { throw ListenerError() }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        // Bound but not listening, the port refuses connections (and stays ours, so nobody else takes it).
        if listening { guard listen(fd, 64) == 0 else { throw ListenerError() } }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(descriptor) }

    struct ListenerError: Error {}
}
