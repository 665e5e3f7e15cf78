import WarehouseSchema

/// Everything a Sink needs to know, with the defaults a user would pick.
///
/// Only the names of the subscription, the table and the dead-letter topic, and the event schema,
/// have no default. `validate()` says what is wrong before anything starts.
public struct SinkConfiguration: Sendable, Hashable {
    // MARK: where from, where to

    /// The subscription to pull: a short id in the client's project, or `projects/P/subscriptions/S`.
    public var subscription: String
    /// The dataset and table the rows go to; both are created at start when missing.
    public var dataset: String
    public var table: String
    /// Where messages that can never be stored go, with the reason in their attributes.
    public var deadLetterTopic: String

    // MARK: the table

    /// The event's fields (`schemas/events.json`); the metadata columns are added to these.
    public var schema: TableSchema
    /// The TIMESTAMP or DATE field the table is partitioned on by DAY; nil for an unpartitioned table.
    public var partitionField: String?
    /// Clustering columns, in order (at most four, as BigQuery allows).
    public var clusteringFields: [String]
    /// Whether every query of the table must name a partition range.
    public var requirePartitionFilter: Bool

    // MARK: mapping a message to a row

    /// The event field whose value becomes the row's insertId; nil (or a message without it) uses
    /// the Pub/Sub messageId.
    public var idempotencyKeyField: String?
    /// What happens to a field the schema does not have.
    public var unknownFields: UnknownFieldPolicy
    /// The metadata columns written beside the event, as a Pub/Sub BigQuery subscription writes
    /// them with `write_metadata`.
    public var metadataColumns: Set<MetadataColumn>

    // MARK: pulling and flow control

    /// Pull requests kept outstanding at once.
    public var pullConcurrency: Int
    /// Largest `maxMessages` of one pull.
    public var maxMessagesPerPull: Int
    /// Messages held (pulled and not yet acked or nacked) at most; pulling waits below it.
    public var maxOutstandingMessages: Int
    /// Bytes of message data held at most; pulling waits below it.
    public var maxOutstandingBytes: Int

    // MARK: leases

    /// The ack deadline asked for each time a held message's lease is extended.
    public var leaseExtension: Duration
    /// How long in all a message may be held before the Sink stops extending it and lets Pub/Sub
    /// redeliver it.
    public var maxLeaseDuration: Duration

    // MARK: batching and writing

    /// A batch is written at this many rows (insertAll's recommended maximum is 500)...
    public var maxBatchRows: Int
    /// ...or at this many bytes of row JSON, safely under insertAll's 10 MB request limit...
    public var maxBatchBytes: Int
    /// ...or this long after its first row arrived, whichever comes first.
    public var maxBatchAge: Duration
    /// insertAll requests in flight at once.
    public var maxConcurrentInserts: Int

    // MARK: retrying

    /// Exponential backoff with full jitter between attempts of a retryable failure.
    public var initialBackoff: Duration
    public var maxBackoff: Duration
    /// After this long of retrying one batch, its messages are nacked so Pub/Sub redelivers them
    /// (and its own dead-letter policy counts the attempt).
    public var maxRetryDuration: Duration

    // MARK: shutdown

    /// On shutdown, the time to flush and ack before what is left is nacked (Cloud Run allows 10 s
    /// between SIGTERM and SIGKILL).
    public var shutdownDeadline: Duration

    // MARK: readiness

    /// Ready only if a pull succeeded within this long (and the table is ensured and inserts are
    /// not failing again and again).
    public var readinessWindow: Duration

    public init(
        subscription: String, dataset: String, table: String, deadLetterTopic: String, schema: TableSchema,
        partitionField: String? = "occurred_at", clusteringFields: [String] = ["event_type", "user_id"],
        requirePartitionFilter: Bool = true, idempotencyKeyField: String? = "event_id",
        unknownFields: UnknownFieldPolicy = .deadLetter, metadataColumns: Set<MetadataColumn> = Set(MetadataColumn.allCases),
        pullConcurrency: Int = 2, maxMessagesPerPull: Int = 1000, maxOutstandingMessages: Int = 10_000,
        maxOutstandingBytes: Int = 100 * 1024 * 1024, leaseExtension: Duration = .seconds(60),
        maxLeaseDuration: Duration = .seconds(3600), maxBatchRows: Int = 500, maxBatchBytes: Int = 5 * 1024 * 1024,
        maxBatchAge: Duration = .milliseconds(200), maxConcurrentInserts: Int = 4,
        initialBackoff: Duration = .milliseconds(100), maxBackoff: Duration = .seconds(10),
        maxRetryDuration: Duration = .seconds(120), shutdownDeadline: Duration = .seconds(8),
        readinessWindow: Duration = .seconds(60)
    ) {
        self.subscription = subscription
        self.dataset = dataset
        self.table = table
        self.deadLetterTopic = deadLetterTopic
        self.schema = schema
        self.partitionField = partitionField
        self.clusteringFields = clusteringFields
        self.requirePartitionFilter = requirePartitionFilter
        self.idempotencyKeyField = idempotencyKeyField
        self.unknownFields = unknownFields
        self.metadataColumns = metadataColumns
        self.pullConcurrency = pullConcurrency
        self.maxMessagesPerPull = maxMessagesPerPull
        self.maxOutstandingMessages = maxOutstandingMessages
        self.maxOutstandingBytes = maxOutstandingBytes
        self.leaseExtension = leaseExtension
        self.maxLeaseDuration = maxLeaseDuration
        self.maxBatchRows = maxBatchRows
        self.maxBatchBytes = maxBatchBytes
        self.maxBatchAge = maxBatchAge
        self.maxConcurrentInserts = maxConcurrentInserts
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxRetryDuration = maxRetryDuration
        self.shutdownDeadline = shutdownDeadline
        self.readinessWindow = readinessWindow
    }
}

/// What the Sink does with a field the table's schema does not have.
public enum UnknownFieldPolicy: String, Sendable, Hashable, CaseIterable {
    /// The row is stored without it.
    case drop
    /// The message goes to the dead-letter topic (reason `invalid`).
    case deadLetter = "dead-letter"
}

/// A column the Sink can write beside the event's fields, named and typed as a Pub/Sub BigQuery
/// subscription names them with `write_metadata` on.
public enum MetadataColumn: String, Sendable, Hashable, CaseIterable {
    /// STRING: the subscription's full name.
    case subscriptionName = "subscription_name"
    /// STRING: the Pub/Sub messageId.
    case messageId = "message_id"
    /// TIMESTAMP: when Pub/Sub accepted the message.
    case publishTime = "publish_time"
    /// JSON: the message's attributes as an object of strings.
    case attributes
}
