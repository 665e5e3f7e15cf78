import AsyncHTTPClient
import Foundation
import GoogleREST
import NIOCore
import PubSubClient
import Synchronization
import WarehouseClient

/// The Sink end to end, as deployed: `warehouse emulator` and `warehouse sink` as two processes,
/// this one publishing and querying over loopback like a producer and a consumer would.
///
///     bench/sink/run        # builds release, then: .build/release/SinkBench --warehouse .build/release/warehouse
///
/// (a) throughput: `--messages` published as fast as `--publishers` tasks can (1000 per request)
///     → rows counted with jobs.query, msgs/s from the first publish to the last row counted;
/// (b) publish-to-queryable latency at `--rate` msgs/s for `--seconds`: each message's occurred_at
///     is its publish time, and a query every `--poll-ms` looks for the rows not yet seen; a row's
///     latency is the end of the first poll that returned it (so it includes up to one poll interval).
///     The Sink's own `sink_publish_to_stored_seconds` histogram (publishTime → insertAll answered)
///     is read from /metrics before and after, as a second view, at its buckets' resolution;
/// (c) the Sink's peak RSS (VmHWM) after both.
///
/// With `--backlog N` it measures the flow-control bounds instead (`BacklogBench`): N messages
/// published before the Sink starts, then drained; non-zero exit if a bound or a count is wrong.
@main
struct SinkBench {
    static let project = "sink-bench"
    static let dataset = "bench"
    static let table = "events"

    static func main() async throws {
        do {
            try await run(try BenchOptions(CommandLine.arguments.dropFirst()))
        } catch {
            FileHandle.standardError.write(Data("SinkBench: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(_ options: BenchOptions) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sink-bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let emulator = try ChildProcess(
            binary: options.warehouseBinary,
            arguments: ["emulator", "--port", "0", "--log-level", "warning"]
                + (options.storage == "memory" ? [] : ["--db", folder.appendingPathComponent("bench.sqlite").path])
                + options.emulatorArguments,
            logFile: folder.appendingPathComponent("emulator.log"))
        defer { _ = emulator.terminate() }
        let host = try await emulator.waitFor("listening on http://([0-9.]+:[0-9]+)")
        print("emulator on \(host) (\(options.storage == "memory" ? "in memory" : "WAL file")), pid \(emulator.pid)")

        let pubSub = PubSubClient(httpClient: .shared, projectId: project, endpoint: .emulator(host: host))
        let bigQuery = BigQueryClient(httpClient: .shared, projectId: project, endpoint: .emulator(host: host))
        try await pubSub.createTopic("bench-events")
        try await pubSub.createTopic("bench-dead")
        try await pubSub.createSubscription("bench-sink", settings: PubSubSubscriptionSettings(topic: "bench-events", ackDeadline: .seconds(60)))
        var backlogPublished = Duration.zero
        if let backlog = options.backlog {
            backlogPublished = try await BacklogBench.publish(backlog, options: options, pubSub: pubSub)
            print("published a backlog of \(backlog) messages in \(backlogPublished)")
        }

        let sinkStarted = ContinuousClock.now
        let sink = try ChildProcess(
            binary: options.warehouseBinary,
            arguments: [
                "sink", "--subscription", "bench-sink", "--dataset", dataset, "--table", table, "--dead-letter-topic", "bench-dead",
                "--schema", options.schemaFile, "--port", "0", "--operations-host", "127.0.0.1", "--log-format", "text",
            ] + options.sinkArguments,
            environment: ["PUBSUB_EMULATOR_HOST": host, "BIGQUERY_EMULATOR_HOST": host, "GOOGLE_CLOUD_PROJECT": project],
            logFile: folder.appendingPathComponent("sink.log"))
        defer { _ = sink.terminate() }
        let operations = try await sink.waitFor("operations on (http://[0-9.]+:[0-9]+)")
        try await waitReady(operations, sink: sink)
        print("sink pid \(sink.pid), operations on \(operations), ready")
        if let backlog = options.backlog {
            let outcome = try await BacklogBench.drain(
                backlog, options: options, pubSub: pubSub, bigQuery: bigQuery, sink: sink, operations: operations, sinkStarted: sinkStarted)
            try BacklogBench.report(outcome, count: backlog, published: backlogPublished)
            return
        }

        let throughput = try await measureThroughput(options, pubSub: pubSub, bigQuery: bigQuery, sink: sink)
        let metricsBefore = try await fetch("\(operations)/metrics")
        let latency = try await measureLatency(options, pubSub: pubSub, bigQuery: bigQuery, sink: sink)
        let metricsAfter = try await fetch("\(operations)/metrics")
        let peakRSS = sink.peakRSSMiB()
        let shutdown = sink.terminate()

        let name = "sink_publish_to_stored_seconds"
        let before = Dictionary(histogramBuckets(metricsBefore, name: name).map { ($0.le, $0.count) }) { $1 }
        let phase = histogramBuckets(metricsAfter, name: name).map { (le: $0.le, count: $0.count - (before[$0.le] ?? 0)) }
        let histogram = [0.50, 0.95, 0.99].map { histogramQuantile(phase, $0) }

        print("")
        print("| measure | result |")
        print("|---|---|")
        print(
            String(
                format: "| (a) throughput, %d msgs published → stored | **%.0f msgs/s** (%.2f s; publishing alone %.0f msgs/s) |",
                options.messages, throughput.stored, throughput.seconds, throughput.published))
        print(
            String(
                format:
                    "| (b) publish → queryable at %d msgs/s for %d s (poll every %d ms), %d msgs | p50 %.0f ms, **p95 %.0f ms**, p99 %.0f ms, max %.0f ms |",
                options.rate, options.seconds, Int(options.pollInterval / .milliseconds(1)), latency.count,
                percentile(latency, 0.5), percentile(latency, 0.95), percentile(latency, 0.99), latency.max() ?? .nan))
        print(
            "| (b') the Sink's \(name) over (b), bucket upper bounds | p50 ≤ \(seconds(histogram[0])), p95 ≤ \(seconds(histogram[1])), p99 ≤ \(seconds(histogram[2])) |"
        )
        print(String(format: "| (c) the Sink's peak RSS (VmHWM) | %.0f MiB |", peakRSS ?? .nan))
        print(String(format: "| SIGTERM → exit | %.0f ms |", shutdown / .milliseconds(1)))
    }

    private static func seconds(_ value: Double) -> String {
        value.isNaN ? "n/a" : value.isInfinite ? "+Inf" : String(format: "%.0f ms", value * 1000)
    }

    static func fetch(_ url: String) async throws -> String {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(10))
        return String(buffer: try await response.body.collect(upTo: 64 << 20))
    }

    static func waitReady(_ operations: String, sink: ChildProcess) async throws {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            guard sink.process.isRunning else { throw BenchError("warehouse sink exited:\n\(sink.tail)") }
            let response = try? await HTTPClient.shared.execute(HTTPClientRequest(url: "\(operations)/readyz"), timeout: .seconds(5))
            if response?.status == .ok { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw BenchError("warehouse sink was not ready within 60 s:\n\(sink.tail)")
    }

    static func event(kind: String, sequence: Int, micros: Int64) -> PubSubMessage {
        let id = "\(kind)-\(sequence)"
        return PubSubMessage(
            text:
                #"{"event_id":"\#(id)","event_type":"\#(kind)","user_id":"u\#(sequence % 1000)","occurred_at":"\#(rfc3339(micros: micros))","payload":{"n":\#(sequence),"note":"bench"}}"#
        )
    }

    static func measureThroughput(
        _ options: BenchOptions, pubSub: PubSubClient, bigQuery: BigQueryClient, sink: ChildProcess
    ) async throws -> (stored: Double, published: Double, seconds: Double) {
        let from = nowMicros()
        let started = ContinuousClock.now
        let batches = stride(from: 0, to: options.messages, by: options.publishBatch).map { $0..<min($0 + options.publishBatch, options.messages) }
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            for publisher in 0..<options.publishers {
                tasks.addTask {
                    for batch in batches.indices where batch % options.publishers == publisher {
                        let micros = nowMicros()
                        _ = try await pubSub.publish(
                            topic: "bench-events", messages: batches[batch].map { event(kind: "throughput", sequence: $0, micros: micros) })
                    }
                }
            }
            try await tasks.waitForAll()
        }
        let published = ContinuousClock.now - started
        let sql = "SELECT COUNT(*) FROM \(dataset).\(table) WHERE event_type = 'throughput' AND occurred_at >= @from"
        let deadline = started + .seconds(max(120, options.messages / 1000))
        var stored: Int64 = 0
        while stored < options.messages {
            guard ContinuousClock.now < deadline else { throw BenchError("only \(stored) of \(options.messages) rows stored by the deadline") }
            guard sink.process.isRunning else { throw BenchError("warehouse sink exited:\n\(sink.tail)") }
            try await Task.sleep(for: .milliseconds(200))
            let result = try await bigQuery.query(sql, parameters: [.timestamp("from", micros: from - 1)])
            if case .int64(let count) = result.rows.first?.first { stored = count }
        }
        let total = (ContinuousClock.now - started) / .seconds(1)
        return (Double(options.messages) / total, Double(options.messages) / (published / .seconds(1)), total)
    }

    /// Latencies in milliseconds, one per message.
    static func measureLatency(_ options: BenchOptions, pubSub: PubSubClient, bigQuery: BigQueryClient, sink: ChildProcess) async throws -> [Double] {
        let total = options.rate * options.seconds
        let sentAt = SentTimes(count: total)
        let tick = Duration.milliseconds(10)
        let perTick = max(1, options.rate / 100)
        async let publishing: Void = {
            let clock = ContinuousClock()
            var next = clock.now
            var sequence = 0
            while sequence < total {
                let micros = nowMicros()
                let batch = sequence..<min(sequence + perTick, total)
                for index in batch { sentAt.set(index, micros) }
                _ = try await pubSub.publish(topic: "bench-events", messages: batch.map { event(kind: "latency", sequence: $0, micros: micros) })
                sequence = batch.upperBound
                next += tick
                try await clock.sleep(until: next)
            }
        }()
        var latencies = [Double?](repeating: nil, count: total)
        var seen = 0
        var oldestUnseen = 0
        let deadline = ContinuousClock.now + .seconds(options.seconds + 60)
        let sql = "SELECT event_id FROM \(dataset).\(table) WHERE event_type = 'latency' AND occurred_at >= @since"
        while seen < total {
            guard ContinuousClock.now < deadline else { throw BenchError("only \(seen) of \(total) latency rows seen by the deadline") }
            guard sink.process.isRunning else { throw BenchError("warehouse sink exited:\n\(sink.tail)") }
            try await Task.sleep(for: options.pollInterval)
            guard let since = sentAt.get(oldestUnseen) else { continue }
            let result = try await bigQuery.query(sql, parameters: [.timestamp("since", micros: since)])
            let seenAt = nowMicros()
            for row in result.rows {
                guard case .string(let id) = row.first, let sequence = Int(id.dropFirst("latency-".count)), sequence < total,
                    latencies[sequence] == nil, let sent = sentAt.get(sequence)
                else { continue }
                latencies[sequence] = Double(seenAt - sent) / 1000
                seen += 1
            }
            while oldestUnseen < total, latencies[oldestUnseen] != nil { oldestUnseen += 1 }
        }
        try await publishing
        return latencies.compactMap { $0 }
    }
}

/// Publish times by sequence number, written by the publisher and read by the poller.
final class SentTimes: Sendable {
    private let micros: Mutex<[Int64]>

    init(count: Int) { micros = Mutex(Array(repeating: 0, count: count)) }

    func set(_ index: Int, _ value: Int64) { micros.withLock { $0[index] = value } }
    func get(_ index: Int) -> Int64? { micros.withLock { $0[index] == 0 ? nil : $0[index] } }
}
