import Foundation
import PubSubClient
import WarehouseClient

/// `--backlog N`: the flow-control bounds under a backlog. N messages are published while no Sink
/// runs, then the Sink starts and drains them. It reports the drain rate, the Sink's peak RSS and
/// the most messages and bytes it held at once (its `sink_*_in_flight_peak` gauges), and fails if a
/// bound was exceeded or a message was lost, stored twice or left in the subscription.
///
/// The bounds checked are the Sink's defaults unless `--sink-arg --max-outstanding-messages
/// --sink-arg N` (or `--max-outstanding-bytes` with a plain byte count) says otherwise.
enum BacklogBench {
    /// `SinkConfiguration`'s defaults (the bench does not link the Sink, it runs `warehouse sink`).
    static let defaultMaxMessages = 10_000
    static let defaultMaxBytes = 100 * 1024 * 1024

    struct Outcome {
        var drainSeconds: Double
        var rows: Int
        var distinct: Int
        var peakMessages: Double
        var peakBytes: Double
        var maxMessages: Int
        var maxBytes: Int
        var peakRSSMiB: Double?
        var sampledRSSMiB: Double
        var acked: Double
        var nacked: Double
        var deadLettered: Double
        var leftInSubscription: Int
    }

    /// Publishes the backlog, before the Sink starts.
    static func publish(_ count: Int, options: BenchOptions, pubSub: PubSubClient) async throws -> Duration {
        let started = ContinuousClock.now
        let micros = nowMicros()
        let batches = stride(from: 0, to: count, by: options.publishBatch).map { $0..<min($0 + options.publishBatch, count) }
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for publisher in 0..<options.publishers {
                tasks.addTask {
                    for batch in batches.indices where batch % options.publishers == publisher {
                        _ = try await pubSub.publish(
                            topic: "bench-events", messages: batches[batch].map { SinkBench.event(kind: "backlog", sequence: $0, micros: micros) })
                    }
                }
            }
            try await tasks.waitForAll()
        }
        return ContinuousClock.now - started
    }

    /// Waits for the Sink (started after the backlog was published) to store all `count` messages.
    static func drain(
        _ count: Int, options: BenchOptions, pubSub: PubSubClient, bigQuery: BigQueryClient, sink: ChildProcess, operations: String,
        sinkStarted: ContinuousClock.Instant
    ) async throws -> Outcome {
        let sql =
            "SELECT COUNT(*) AS n, COUNT(DISTINCT event_id) AS d FROM \(SinkBench.dataset).\(SinkBench.table) WHERE event_type = 'backlog' AND occurred_at >= TIMESTAMP '2000-01-01'"
        let deadline = ContinuousClock.now + .seconds(max(120, count / 500))
        var counts = (rows: 0, distinct: 0)
        var sampledRSS = 0.0
        while counts.rows < count {
            guard ContinuousClock.now < deadline else { throw BenchError("only \(counts.rows) of \(count) backlog rows stored by the deadline") }
            guard sink.process.isRunning else { throw BenchError("warehouse sink exited:\n\(sink.tail)") }
            try await Task.sleep(for: .milliseconds(200))
            sampledRSS = max(sampledRSS, sink.residentMiB() ?? 0)
            counts = try await query(sql, bigQuery)
        }
        let drained = (ContinuousClock.now - sinkStarted) / .seconds(1)
        // Acks follow the rows: wait for the last ones before reading the counters.
        var metrics = try await SinkBench.fetch("\(operations)/metrics")
        let ackDeadline = ContinuousClock.now + .seconds(30)
        while gauge(metrics, "sink_messages_acked_total") < Double(count), ContinuousClock.now < ackDeadline {
            try await Task.sleep(for: .milliseconds(100))
            metrics = try await SinkBench.fetch("\(operations)/metrics")
        }
        // A second look, so rows stored twice after the count was first reached would show.
        counts = try await query(sql, bigQuery)
        let peakRSS = sink.peakRSSMiB()
        _ = sink.terminate()
        let left = try await pubSub.pull(subscription: "bench-sink", maxMessages: 1000, returnImmediately: true).count
        return Outcome(
            drainSeconds: drained, rows: counts.rows, distinct: counts.distinct,
            peakMessages: gauge(metrics, "sink_messages_in_flight_peak"), peakBytes: gauge(metrics, "sink_bytes_in_flight_peak"),
            maxMessages: bound("--max-outstanding-messages", options) ?? defaultMaxMessages,
            maxBytes: bound("--max-outstanding-bytes", options) ?? defaultMaxBytes, peakRSSMiB: peakRSS, sampledRSSMiB: sampledRSS,
            acked: gauge(metrics, "sink_messages_acked_total"), nacked: gauge(metrics, "sink_messages_nacked_total"),
            deadLettered: gauge(metrics, "sink_messages_dead_lettered_total"), leftInSubscription: left)
    }

    /// Prints the outcome; throws (so the bench exits non-zero) if a bound or a count is wrong.
    static func report(_ outcome: Outcome, count: Int, published: Duration) throws {
        print("")
        print("| backlog of \(count) messages | result |")
        print("|---|---|")
        print(String(format: "| published before the Sink started | %.2f s |", published / .seconds(1)))
        print(
            String(
                format: "| drained (Sink start → last row counted) | %.2f s, **%.0f msgs/s** |", outcome.drainSeconds,
                Double(count) / outcome.drainSeconds))
        print("| rows stored / distinct event_ids / published | \(outcome.rows) / \(outcome.distinct) / \(count) |")
        print(String(format: "| most messages held at once (bound) | %.0f (%d) |", outcome.peakMessages, outcome.maxMessages))
        print(String(format: "| most bytes held at once (bound) | %.0f (%d) |", outcome.peakBytes, outcome.maxBytes))
        print(
            String(
                format: "| the Sink's peak RSS (VmHWM); largest VmRSS sampled | **%.0f MiB**; %.0f MiB |", outcome.peakRSSMiB ?? .nan,
                outcome.sampledRSSMiB))
        print(String(format: "| acked / nacked / dead-lettered | %.0f / %.0f / %.0f |", outcome.acked, outcome.nacked, outcome.deadLettered))
        print("| left in the subscription after the Sink stopped | \(outcome.leftInSubscription) |")
        var failures: [String] = []
        if outcome.rows != count { failures.append("\(outcome.rows) rows stored for \(count) published") }
        if outcome.distinct != outcome.rows { failures.append("\(outcome.rows - outcome.distinct) rows stored twice") }
        if outcome.peakMessages > Double(outcome.maxMessages) { failures.append("held \(outcome.peakMessages) messages, over the bound") }
        if outcome.peakBytes > Double(outcome.maxBytes) { failures.append("held \(outcome.peakBytes) bytes, over the bound") }
        if outcome.peakMessages <= 0 { failures.append("the Sink reported no sink_messages_in_flight_peak") }
        if outcome.deadLettered > 0 { failures.append("\(outcome.deadLettered) messages dead-lettered") }
        if outcome.leftInSubscription > 0 { failures.append("\(outcome.leftInSubscription) messages left in the subscription") }
        if !failures.isEmpty { throw BenchError("backlog run failed: " + failures.joined(separator: "; ")) }
        print("backlog run passed: every message stored once, the bounds held")
    }

    private static func query(_ sql: String, _ bigQuery: BigQueryClient) async throws -> (rows: Int, distinct: Int) {
        let result = try await bigQuery.query(sql)
        guard case .int64(let rows)? = result.value("n", row: 0), case .int64(let distinct)? = result.value("d", row: 0) else {
            return (0, 0)
        }
        return (Int(rows), Int(distinct))
    }

    /// A metric's value summed over its label sets (0 when absent).
    static func gauge(_ exposition: String, _ name: String) -> Double {
        exposition.split(separator: "\n").reduce(0) { total, line in
            guard line.hasPrefix(name + " ") || line.hasPrefix(name + "{") else { return total }
            return total + (Double(line.split(separator: " ").last ?? "") ?? 0)
        }
    }

    /// A bound given to the Sink with `--sink-arg FLAG --sink-arg N`.
    private static func bound(_ flag: String, _ options: BenchOptions) -> Int? {
        guard let index = options.sinkArguments.firstIndex(of: flag), index + 1 < options.sinkArguments.count else { return nil }
        return Int(options.sinkArguments[index + 1])
    }
}
