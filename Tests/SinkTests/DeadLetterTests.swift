import Foundation
import MetricsTestKit
import PubSubClient
import Sink
import Testing
import WarehouseClient

@Suite struct DeadLetterTests {
    @Test func poisonMessagesAreDeadLetteredWithTheirReasonWhileNeighboursAreStored() async throws {
        try await withSinkHarness { harness in
            // The live table says user_id is INTEGER where the schema says STRING: the Sink reports
            // the drift and leaves the table, and BigQuery itself refuses a row with a non-numeric user_id.
            var live = SinkTable.definition(for: SinkFixtures.testConfiguration())
            live.schema.fields[2].type = .integer
            _ = try await harness.bigQuery.ensureDataset("analytics")
            _ = try await harness.bigQuery.ensureTable(dataset: "analytics", table: "events", definition: live)

            let good = #"{"event_id":"good-1","event_type":"a","user_id":"42","occurred_at":"2026-11-22T10:00:00Z"}"#
            let rejectedByBigQuery = #"{"event_id":"bq-1","event_type":"a","user_id":"abc","occurred_at":"2026-11-22T10:00:00Z"}"#
            let poison = [
                "not json": "not_json",
                "[1,2,3]": "not_object",
                #"{"event_id":"t","event_type":"a","occurred_at":"not a time"}"#: "invalid",
                #"{"event_id":"m","occurred_at":"2026-11-22T10:00:00Z"}"#: "invalid",
                #"{"event_id":"u","event_type":"a","occurred_at":"2026-11-22T10:00:00Z","extra":true}"#: "invalid",
                rejectedByBigQuery: "invalid",
            ]
            let good2 = #"{"event_id":"good-2","event_type":"a","user_id":"7","occurred_at":"2026-11-22T10:00:01Z"}"#
            try await harness.publish([good] + poison.keys.sorted() + [good2], attributes: ["origin": "test"])
            let metrics = TestMetrics()
            var letters: [PubSubReceivedMessage] = []
            try await harness.running(harness.makeSink(SinkFixtures.testConfiguration(), metrics: metrics)) {
                try await harness.waitUntil("every message is acked") { metrics.counterTotal(label: SinkMetricNames.messagesAcked) == 8 }
            }
            letters = try await harness.drainDeadLetters()
            #expect(
                try await harness.rows(columns: "event_id").map { $0["event_id"] }.sorted { "\($0!)" < "\($1!)" } == [
                    .string("good-1"), .string("good-2"),
                ])
            #expect(letters.count == poison.count)
            for letter in letters {
                let text = String(decoding: letter.data, as: UTF8.self)
                #expect(letter.attributes["error_reason"] == poison[text], "\(text)")
                #expect(letter.attributes["origin"] == "test")
                #expect(letter.attributes["source_subscription"] == "projects/test-project/subscriptions/events-sub")
                #expect(letter.attributes["source_message_id"]?.isEmpty == false)
                #expect(letter.attributes["source_publish_time"]?.isEmpty == false)
                #expect(letter.attributes["error_message"]?.isEmpty == false)
            }
            let byData = Dictionary(letters.map { (String(decoding: $0.data, as: UTF8.self), $0.attributes) }, uniquingKeysWith: { a, _ in a })
            #expect(byData[rejectedByBigQuery]?["error_location"] == "user_id")
            #expect(byData[#"{"event_id":"m","occurred_at":"2026-11-22T10:00:00Z"}"#]?["error_location"] == "event_type")
            #expect(byData[#"{"event_id":"u","event_type":"a","occurred_at":"2026-11-22T10:00:00Z","extra":true}"#]?["error_location"] == "extra")
            #expect(metrics.counterTotal(label: SinkMetricNames.messagesDeadLettered, dimensions: [("reason", "invalid")]) == 4)
            #expect(metrics.counterTotal(label: SinkMetricNames.messagesDeadLettered, dimensions: [("reason", "not_json")]) == 1)
            #expect(try await harness.pubSub.pull(subscription: SinkHarness.subscription, maxMessages: 10, returnImmediately: true).isEmpty)
        }
    }

    @Test func aMessageIsNotAckedUntilItsDeadLetterIsPublished() async throws {
        try await withSinkHarness { harness in
            try await harness.injectFault(path: "events-dead:publish$", status: 503)
            try await harness.publish(["not json"])
            let metrics = TestMetrics()
            let sink = harness.makeSink(SinkFixtures.testConfiguration { $0.maxRetryDuration = .milliseconds(200) }, metrics: metrics)
            try await harness.running(sink) {
                try await harness.waitUntil("the message is nacked") { metrics.counterTotal(label: SinkMetricNames.messagesNacked) >= 1 }
                #expect(metrics.counterTotal(label: SinkMetricNames.messagesAcked) == 0)
                try await harness.clearFaults()
                // Nacked, so redelivered at once; now the publish works and the message is acked.
                try await harness.waitUntil("the redelivery is dead-lettered and acked") {
                    metrics.counterTotal(label: SinkMetricNames.messagesAcked) == 1
                }
            }
            #expect(try await harness.drainDeadLetters().count == 1)
        }
    }
}
