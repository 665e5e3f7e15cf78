import GoogleREST
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import WarehouseClient
import WireJSON

/// How the client reads what a query call answers, against the real emulator where it can show the
/// case, and a loopback stand-in for answers the emulator never gives (a completed job with warnings).
@Suite struct QueryResponseTests {
    /// A stand-in BigQuery that answers every `jobs.query` with `reply`, and records the request bodies.
    final class CannedQueries: Sendable {
        let reply: String
        let bodies = Mutex<[JSONValue]>([])

        init(reply: String) { self.reply = reply }

        func run(_ body: @Sendable (_ client: BigQueryClient) async throws -> Void) async throws {
            let router = Router()
            router.post("/bigquery/v2/projects/p/queries") { request, _ in
                let bytes = try await request.body.collect(upTo: 1 << 20)
                self.bodies.withLock { $0.append((try? JSONValue(parsing: Array(bytes.readableBytesView))) ?? .null) }
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: self.reply)))
            }
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in
                let port = try #require(client.port)
                try await body(
                    BigQueryClient(
                        httpClient: .shared, projectId: "p",
                        endpoint: .emulator(host: "127.0.0.1:\(port)"), retryPolicy: .none))
            }
        }
    }

    static let completedWithWarnings = """
        {"kind":"bigquery#queryResponse","jobComplete":true,"jobReference":{"projectId":"p","jobId":"j1"},
         "schema":{"fields":[{"name":"n","type":"INTEGER","mode":"NULLABLE"}]},"totalRows":"1",
         "rows":[{"f":[{"v":"7"}]}],
         "errors":[{"reason":"invalid","message":"a warning the job met while running"}]}
        """

    @Test func aCompletedJobWithErrorsButNoErrorResultIsNotAFailure() async throws {
        let server = CannedQueries(reply: Self.completedWithWarnings)
        try await server.run { client in
            let result = try await client.query("SELECT 7 AS n")
            #expect(result.rows == [[.int64(7)]])
        }
    }

    @Test func aJobWithAnErrorResultFailsWithItsReason() async throws {
        let server = CannedQueries(
            reply: """
                {"kind":"bigquery#queryResponse","jobComplete":true,"jobReference":{"projectId":"p","jobId":"j2"},
                 "errorResult":{"reason":"invalidQuery","location":"query","message":"it went wrong"},
                 "errors":[{"reason":"invalidQuery","message":"it went wrong"}]}
                """)
        try await server.run { client in
            let error = await #expect(throws: BigQueryError.self) { try await client.query("SELECT 1") }
            #expect(error?.reason == "invalidQuery")
            #expect(error?.message == "it went wrong")
        }
    }

    @Test func unnamedParametersAreSentInPositionalMode() async throws {
        let server = CannedQueries(reply: Self.completedWithWarnings)
        try await server.run { client in
            _ = try await client.query(
                "SELECT ? + 1",
                parameters: [
                    QueryParameter(
                        name: nil, type: .scalar(.integer),
                        value: .int64(6))
                ])
            _ = try await client.query("SELECT @n + 1", parameters: [.int64("n", 6)])
            let mixed = await #expect(throws: BigQueryError.self) {
                try await client.query(
                    "SELECT @n + ?",
                    parameters: [
                        .int64("n", 6), QueryParameter(name: nil, type: .scalar(.integer), value: .int64(1)),
                    ])
            }
            #expect(mixed?.isRetryable == false)
        }
        #expect(server.bodies.withLock { $0.map { $0["parameterMode"]?.stringValue } } == ["POSITIONAL", "NAMED"])
    }

    @Test func positionalParametersRunOnTheEmulator() async throws {
        try await withBigQuery { harness in
            let result = try await harness.client.query(
                "SELECT ? + 1 AS n, ? AS s",
                parameters: [
                    QueryParameter(name: nil, type: .scalar(.integer), value: .int64(41)),
                    QueryParameter(name: nil, type: .scalar(.string), value: .string("x")),
                ])
            #expect(result.rows == [[.int64(42), .string("x")]])
        }
    }
}
