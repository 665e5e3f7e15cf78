import AsyncHTTPClient
import Foundation
import GoogleREST
import WarehouseClient
import WireJSON

/// insertAll throughput and query latency of `BigQueryClient` against a `warehouse emulator` it
/// starts (in memory, or on a SQLite file), each figure from the same run.
///
///     swift build -c release --product warehouse --product BigQueryClientBench
///     .build/release/BigQueryClientBench --emulator .build/release/warehouse [--rows 100000] [--queries 200]
@main
struct BigQueryClientBench {
    static func main() async throws {
        let options = try BenchOptions(CommandLine.arguments.dropFirst())
        for storage in options.storages {
            let emulator = try EmulatorProcess(binary: options.emulatorBinary, storage: storage)
            defer { emulator.stop() }
            let client = BigQueryClient(
                httpClient: .shared, projectId: "bench-project", endpoint: .emulator(host: emulator.host),
                retryPolicy: .none)
            _ = try await client.ensureDataset("bench")
            for concurrency in options.concurrencies {
                let table = "events_c\(concurrency)"
                _ = try await client.ensureTable(dataset: "bench", table: table, definition: BenchData.definition)
                let rows = BenchData.rows(options.rows)
                let (serverCPU, clientCPU) = (emulator.cpuSeconds(), ownCPUSeconds())
                let started = ContinuousClock.now
                let result = try await client.insertAll(
                    dataset: "bench", table: table, rows: rows,
                    options: InsertOptions(maxConcurrentRequests: concurrency))
                let seconds = (ContinuousClock.now - started) / .seconds(1)
                let perRow = { (cpu: Double) in cpu / Double(rows.count) * 1e6 }
                guard result.failures.isEmpty else { throw BenchError("\(result.failures.count) rows failed") }
                print(
                    String(
                        format:
                            "%@  insertAll %d rows, 500/request, %d in flight: %.2f s, %.0f rows/s (CPU per row: client %.1f µs, emulator %.1f µs)",
                        storage.label, rows.count, concurrency, seconds, Double(rows.count) / seconds,
                        perRow(ownCPUSeconds() - clientCPU), perRow(emulator.cpuSeconds() - serverCPU)))
            }
            let latencies = try await queryLatencies(client, table: "events_c\(options.concurrencies[0])", count: options.queries)
            print(
                String(
                    format: "%@  query (parameterized, LIMIT 10) x%d: p50 %.2f ms, p99 %.2f ms, max %.2f ms", storage.label,
                    latencies.count, percentile(latencies, 0.50), percentile(latencies, 0.99), latencies.max() ?? 0))
            print("\(storage.label)  emulator peak RSS \(emulator.peakRSSMiB()) MiB")
        }
    }

    static func queryLatencies(_ client: BigQueryClient, table: String, count: Int) async throws -> [Double] {
        let sql =
            "SELECT event_id, user_id, occurred_at FROM bench.\(table) WHERE occurred_at >= @from AND occurred_at < @to AND event_type = @type ORDER BY occurred_at LIMIT @limit"
        var latencies: [Double] = []
        for index in 0..<(count + 20) {
            let parameters: [QueryParameter] = [
                .timestamp("from", micros: BenchData.startMicros), .timestamp("to", micros: BenchData.startMicros + 86_400_000_000),
                .string("type", BenchData.types[index % BenchData.types.count]), .int64("limit", 10),
            ]
            let started = ContinuousClock.now
            let result = try await client.query(sql, parameters: parameters)
            let elapsed = (ContinuousClock.now - started) / .milliseconds(1)
            guard result.rows.count == 10 else { throw BenchError("query returned \(result.rows.count) rows") }
            if index >= 20 { latencies.append(elapsed) }  // the first 20 warm up connections and caches
        }
        return latencies
    }

    static func percentile(_ values: [Double], _ share: Double) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((Double(sorted.count) * share).rounded(.up)) - 1)]
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

enum BenchData {
    static let startMicros: Int64 = 1_795_341_600_000_000
    static let types = ["click", "view", "purchase", "signup"]
    static let definition = TableDefinition(
        schema: TableSchema(fields: [
            TableFieldSchema(name: "event_id", type: .string, mode: .required),
            TableFieldSchema(name: "event_type", type: .string, mode: .required),
            TableFieldSchema(name: "user_id", type: .integer),
            TableFieldSchema(name: "occurred_at", type: .timestamp, mode: .required),
            TableFieldSchema(name: "amount", type: .numeric),
            TableFieldSchema(name: "payload", type: .json),
        ]),
        timePartitioning: .init(granularity: .day, field: "occurred_at"), clustering: ["event_type", "user_id"])

    /// Rows of about 200 bytes, spread over one day.
    static func rows(_ count: Int) -> [InsertRow] {
        (0..<count).map { index in
            InsertRow(
                insertId: "event-\(index)",
                json: [
                    "event_id": .string("event-\(index)"), "event_type": .string(types[index % types.count]),
                    "user_id": .int(Int64(index % 1000)),
                    "occurred_at": .string(CivilTime.formatTimestamp(micros: startMicros + Int64(index) * 800_000 % 86_400_000_000)),
                    "amount": .string("\(index % 100).25"), "payload": .string(#"{"page":"/p/\#(index % 50)","ok":true}"#),
                ])
        }
    }
}
