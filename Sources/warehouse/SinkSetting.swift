import ArgumentParser
import Foundation
import Sink
import WarehouseSchema

/// One setting of `warehouse sink`: its flag, the environment variable read when the flag is
/// absent, and the help shown for both. Flag and variable are spelled from one name, so `--help`
/// and the environment never disagree.
struct SinkSetting: Sendable {
    let flag: String
    let variable: String
    let summary: String
    let defaultText: String?

    init(_ flag: String, variable: String? = nil, _ summary: String, default defaultText: String?) {
        self.flag = flag
        self.variable = variable ?? "WAREHOUSE_" + flag.uppercased().replacingOccurrences(of: "-", with: "_")
        self.summary = summary
        self.defaultText = defaultText
    }

    var name: NameSpecification { .customLong(flag) }

    var help: ArgumentHelp {
        let fallback = defaultText.map { "Default: \($0)." } ?? "Required."
        return ArgumentHelp("\(summary) \(fallback) Env: \(variable).")
    }

    /// How an error names this setting, whichever of the two spellings the value came from.
    var names: String { "--\(flag) / \(variable)" }
}

extension SinkSetting {
    /// SinkConfiguration's own defaults, shown in `--help` so the two cannot drift.
    private static let defaults = SinkConfiguration(subscription: "", dataset: "", table: "", deadLetterTopic: "", schema: TableSchema(fields: []))

    static let project = SinkSetting(
        "project", variable: "GOOGLE_CLOUD_PROJECT", "Google Cloud project.",
        default: "the project of the key in $GOOGLE_APPLICATION_CREDENTIALS, else local-project with an emulator")
    static let pubSubEndpoint = SinkSetting(
        "pubsub-endpoint", variable: "PUBSUB_EMULATOR_HOST", "Pub/Sub API address (host:port of an emulator, or a URL).",
        default: "https://pubsub.googleapis.com")
    static let bigQueryEndpoint = SinkSetting(
        "bigquery-endpoint", variable: "BIGQUERY_EMULATOR_HOST", "BigQuery API address (host:port of an emulator, or a URL).",
        default: "https://bigquery.googleapis.com")
    static let subscription = SinkSetting("subscription", "Subscription to pull (id or projects/P/subscriptions/S).", default: nil)
    static let dataset = SinkSetting("dataset", "Dataset of the table (created when missing).", default: nil)
    static let table = SinkSetting("table", "Table the rows go to (created when missing).", default: nil)
    static let deadLetterTopic = SinkSetting(
        "dead-letter-topic", "Topic for messages that can never be stored (id or projects/P/topics/T).", default: nil)
    static let schema = SinkSetting("schema", "Event schema file (bq mk --schema form).", default: "schemas/events.json")
    static let partitionField = SinkSetting(
        "partition-field", "TIMESTAMP or DATE field the table is partitioned on by DAY; none for no partitioning.",
        default: defaults.partitionField ?? "none")
    static let clusteringFields = SinkSetting(
        "clustering-fields", "Clustering columns, comma-separated (at most 4); none for no clustering.",
        default: defaults.clusteringFields.isEmpty ? "none" : defaults.clusteringFields.joined(separator: ","))
    static let requirePartitionFilter = SinkSetting(
        "require-partition-filter", "Whether queries of the table must name a partition range (true/false).",
        default: "\(defaults.requirePartitionFilter)")
    static let idempotencyKeyField = SinkSetting(
        "idempotency-key-field", "Event field used as insertId; none to use the Pub/Sub messageId.",
        default: defaults.idempotencyKeyField ?? "none")
    static let unknownFields = SinkSetting(
        "unknown-fields", "A field the schema lacks: drop it, or dead-letter the message (drop, dead-letter).",
        default: defaults.unknownFields.rawValue)
    static let metadataColumns = SinkSetting(
        "metadata-columns", "Metadata columns, comma-separated (\(MetadataColumn.allCases.map(\.rawValue).joined(separator: ", "))); none for none.",
        default: MetadataColumn.allCases.filter(defaults.metadataColumns.contains).map(\.rawValue).joined(separator: ","))
    static let pullConcurrency = SinkSetting(
        "pull-concurrency", "Pull requests kept outstanding at once.", default: "\(defaults.pullConcurrency)")
    static let maxMessagesPerPull = SinkSetting(
        "max-messages-per-pull", "Most messages one pull asks for (1-1000).", default: "\(defaults.maxMessagesPerPull)")
    static let maxOutstandingMessages = SinkSetting(
        "max-outstanding-messages", "Most messages held (pulled, not yet acked) at once.", default: "\(defaults.maxOutstandingMessages)")
    static let maxOutstandingBytes = SinkSetting(
        "max-outstanding-bytes", "Most bytes of message data held at once (e.g. 100MiB).",
        default: SettingText.formatBytes(defaults.maxOutstandingBytes))
    static let leaseExtension = SinkSetting(
        "lease-extension", "Ack deadline asked for at each lease extension (10s-600s).", default: SettingText.format(defaults.leaseExtension))
    static let maxLeaseDuration = SinkSetting(
        "max-lease-duration", "Longest a message is held before Pub/Sub may redeliver it.", default: SettingText.format(defaults.maxLeaseDuration))
    static let maxBatchRows = SinkSetting(
        "max-batch-rows", "Rows that make a batch be written (1-50000).", default: "\(defaults.maxBatchRows)")
    static let maxBatchBytes = SinkSetting(
        "max-batch-bytes", "Bytes of rows that make a batch be written (at most 10MB, insertAll's limit).",
        default: SettingText.formatBytes(defaults.maxBatchBytes))
    static let maxBatchAge = SinkSetting(
        "max-batch-age", "Age of a batch's first row that makes it be written (e.g. 200ms).", default: SettingText.format(defaults.maxBatchAge))
    static let maxConcurrentInserts = SinkSetting(
        "max-concurrent-inserts", "insertAll requests in flight at once.", default: "\(defaults.maxConcurrentInserts)")
    static let initialBackoff = SinkSetting(
        "initial-backoff", "First wait before retrying a retryable failure.", default: SettingText.format(defaults.initialBackoff))
    static let maxBackoff = SinkSetting("max-backoff", "Longest wait between retries.", default: SettingText.format(defaults.maxBackoff))
    static let maxRetryDuration = SinkSetting(
        "max-retry-duration", "How long one batch is retried before its messages are nacked for redelivery.",
        default: SettingText.format(defaults.maxRetryDuration))
    static let shutdownDeadline = SinkSetting(
        "shutdown-deadline", "Time to flush and ack on SIGTERM before the rest is nacked (Cloud Run allows 10s).",
        default: SettingText.format(defaults.shutdownDeadline))
    static let port = SinkSetting("port", variable: "PORT", "Port of /healthz, /readyz and /metrics (0 picks a free one).", default: "8080")
    static let operationsHost = SinkSetting("operations-host", "Address /healthz, /readyz and /metrics listen on.", default: "0.0.0.0")
    static let logFormat = SinkSetting(
        "log-format", "Log format: json (Cloud Logging's structured lines) or text.", default: "json when $K_SERVICE is set (Cloud Run), else text")
    static let logLevel = SinkSetting("log-level", "Log level: trace, debug, info, notice, warning, error, critical.", default: "info")
}
