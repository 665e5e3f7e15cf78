import Logging
import MetricsTestKit
import Sink
import Testing

@Suite struct ObservabilityTests {
    @Test func theBatchLogLineCarriesTheTraceparentsOfItsMessages() async throws {
        try await withSinkHarness { harness in
            let traces = ["00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"]
            for (index, trace) in traces.enumerated() {
                try await harness.publish([SinkFixtures.event(index)], attributes: ["traceparent": trace])
            }
            let logs = LogRecord()
            try await harness.running(harness.makeSink(SinkFixtures.testConfiguration { $0.maxBatchAge = .milliseconds(300) }, logs: logs)) {
                try await harness.waitUntil("both rows are stored") { await harness.storedCount() == 2 }
            }
            let batchLines = logs.all.filter { $0.message == "batch written" }
            var logged: [String] = []
            for line in batchLines {
                if case .array(let values)? = line.metadata["traceparents"] { logged += values.map(\.description) }
            }
            #expect(logged.sorted() == traces.sorted())
        }
    }

    @Test func theSinkIsNotReadyWhileInsertsKeepFailing() async throws {
        try await withSinkHarness { harness in
            try await harness.publish([SinkFixtures.event(1)])
            try await harness.injectFault(path: "/insertAll$", status: 503)
            let sink = harness.makeSink(SinkFixtures.testConfiguration())
            try await harness.running(sink) {
                try await harness.waitUntil("readiness reports the failing inserts") {
                    sink.readiness.reasons.contains { $0.contains("insertAll attempts failed in a row") }
                }
                #expect(!sink.readiness.isReady)
                try await harness.clearFaults()
                try await harness.waitUntil("the row is stored and the Sink ready again") {
                    await harness.storedCount() == 1 && sink.readiness.isReady
                }
            }
        }
    }
}
