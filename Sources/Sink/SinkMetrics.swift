/// The names of the Sink's metrics (swift-metrics; Prometheus spells them as they are). Dashboards
/// and alerts in `iac/` use these names, so they change only with them.
public enum SinkMetricNames {
    /// Counter: messages received from pulls.
    public static let messagesPulled = "sink_messages_pulled_total"
    /// Counter: messages acknowledged after their row was stored (or their dead letter published).
    public static let messagesAcked = "sink_messages_acked_total"
    /// Counter: messages handed back for redelivery (`modifyAckDeadline` 0).
    public static let messagesNacked = "sink_messages_nacked_total"
    /// Counter, dimension `reason`: messages published to the dead-letter topic.
    public static let messagesDeadLettered = "sink_messages_dead_lettered_total"
    /// Counter: rows insertAll stored.
    public static let rowsInserted = "sink_rows_inserted_total"
    /// Recorder (histogram): rows and bytes of each batch written.
    public static let batchRows = "sink_batch_rows"
    public static let batchBytes = "sink_batch_bytes"
    /// Timer: one insertAll request's latency.
    public static let insertDuration = "sink_insert_duration_seconds"
    /// Counter, dimension `reason`: retried insertAll, acknowledge and publish calls.
    public static let retries = "sink_retries_total"
    /// Gauge: messages and bytes held (pulled, not yet acked or nacked).
    public static let messagesInFlight = "sink_messages_in_flight"
    public static let bytesInFlight = "sink_bytes_in_flight"
    /// Gauge: the most messages and bytes held at once since the start, so a scrape that missed the
    /// moment still shows whether the flow-control bounds held (the benchmark's backlog mode reads them).
    public static let messagesInFlightPeak = "sink_messages_in_flight_peak"
    public static let bytesInFlightPeak = "sink_bytes_in_flight_peak"
    /// Counter: leases extended (`modifyAckDeadline`), one per message each time; messages stored
    /// within their first lease are never extended, so a climb means batches held long (retries).
    public static let leasesExtended = "sink_leases_extended_total"
    /// Timer (histogram): from a message's publish time to its row being stored: data freshness.
    public static let publishToStored = "sink_publish_to_stored_seconds"
}
