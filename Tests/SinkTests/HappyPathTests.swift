import Foundation
import MetricsTestKit
import PubSubClient
import Sink
import Testing
import WarehouseClient

@Suite struct HappyPathTests {
    @Test func eventsBecomeRowsWithMetadataColumnsInTheirDaysPartition() async throws {
        try await withSinkHarness { harness in
            try await harness.publish(
                [SinkFixtures.event(1), SinkFixtures.event(2), SinkFixtures.event(86_400)],
                attributes: ["traceparent": "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "source": "api"])
            let metrics = TestMetrics()
            let sink = harness.makeSink(SinkFixtures.testConfiguration(), metrics: metrics)
            try await harness.running(sink) {
                try await harness.waitUntil("3 rows are stored") { await harness.storedCount() == 3 }
                try await harness.waitUntil("the Sink is ready") { sink.readiness.isReady }
            }
            let rows = try await harness.rows().sorted { "\($0["event_id"]!)" < "\($1["event_id"]!)" }
            #expect(rows.map { $0["event_id"] } == [.string("event-1"), .string("event-2"), .string("event-86400")])
            for row in rows {
                #expect(row["subscription_name"] == .string("projects/test-project/subscriptions/events-sub"))
                guard case .string(let messageId)? = row["message_id"] else {
                    Issue.record("message_id is \(String(describing: row["message_id"]))")
                    continue
                }
                #expect(!messageId.isEmpty)
                guard case .timestamp(let published)? = row["publish_time"] else {
                    Issue.record("publish_time is \(String(describing: row["publish_time"]))")
                    continue
                }
                #expect(abs(Double(published) / 1e6 - Date().timeIntervalSince1970) < 60)
                guard case .json(let attributes)? = row["attributes"] else {
                    Issue.record("attributes is \(String(describing: row["attributes"]))")
                    continue
                }
                #expect(attributes.contains(#""traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01""#))
                #expect(attributes.contains(#""source":"api""#))
                #expect(row["payload"] != nil && row["payload"] != .null)
            }
            // Partitioned by DAY on occurred_at: two rows in 2026-11-22's partition, one in the next day's.
            let firstDay = try await harness.bigQuery.query(
                "SELECT COUNT(*) AS n FROM analytics.events WHERE DATE(occurred_at) = '2026-11-22'")
            #expect(firstDay.value("n", row: 0) == .int64(2))
            let nextDay = try await harness.bigQuery.query(
                "SELECT event_id FROM analytics.events WHERE DATE(occurred_at) = '2026-11-23'")
            #expect(nextDay.rows == [[.string("event-86400")]])
            let table = try await harness.bigQuery.getTable(dataset: "analytics", table: "events")
            #expect(table.timePartitioning?.field == "occurred_at" && table.timePartitioning?.granularity == .day)
            #expect(table.clustering == ["event_type", "user_id"])
            #expect(table.requirePartitionFilter)
            // Everything was acked: nothing comes back.
            #expect(try await harness.pubSub.pull(subscription: SinkHarness.subscription, maxMessages: 10, returnImmediately: true).isEmpty)
            #expect(metrics.counterTotal(label: SinkMetricNames.messagesPulled) == 3)
            #expect(metrics.counterTotal(label: SinkMetricNames.messagesAcked) == 3)
            #expect(metrics.counterTotal(label: SinkMetricNames.rowsInserted) == 3)
            #expect(try metrics.expectGauge(SinkMetricNames.messagesInFlight).lastValue == 0)
            #expect(try metrics.expectTimer(SinkMetricNames.insertDuration).values.count >= 1)
            #expect(try metrics.expectTimer(SinkMetricNames.publishToStored).values.count == 3)
        }
    }

    @Test func aBadConfigurationIsAClearErrorAtStart() async throws {
        try await withSinkHarness { harness in
            let sink = harness.makeSink(SinkFixtures.testConfiguration { $0.partitionField = "user_id" })
            await #expect(throws: SinkError.self) { try await sink.run() }
            #expect(await harness.storedCount() == 0)
        }
    }

    @Test func aTableThatDiffersIsReportedNotAltered() async throws {
        try await withSinkHarness { harness in
            var other = SinkTable.definition(for: SinkFixtures.testConfiguration())
            other.clustering = ["event_type"]
            _ = try await harness.bigQuery.ensureDataset("analytics")
            _ = try await harness.bigQuery.ensureTable(dataset: "analytics", table: "events", definition: other)
            try await harness.publish([SinkFixtures.event(1)])
            let sink = harness.makeSink(SinkFixtures.testConfiguration())
            try await harness.running(sink) {
                try await harness.waitUntil("the row is stored") { await harness.storedCount() == 1 }
                let readiness = sink.readiness
                #expect(!readiness.isReady)
                #expect(readiness.reasons.contains { $0.contains("clustering") })
            }
            #expect(try await harness.bigQuery.getTable(dataset: "analytics", table: "events").clustering == ["event_type"])
        }
    }

    @Test func aTableDeletedUnderTheSinkIsCreatedAgain() async throws {
        try await withSinkHarness { harness in
            let sink = harness.makeSink(SinkFixtures.testConfiguration())
            try await harness.running(sink) {
                try await harness.publish([SinkFixtures.event(1)])
                try await harness.waitUntil("the first row is stored") { await harness.storedCount() == 1 }
                try await harness.bigQuery.deleteTable(dataset: "analytics", table: "events")
                try await harness.publish([SinkFixtures.event(2)])
                try await harness.waitUntil("the table is back with the second row") { await harness.storedCount() == 1 }
            }
            #expect(try await harness.rows(columns: "event_id").map { $0["event_id"] } == [.string("event-2")])
        }
    }
}
