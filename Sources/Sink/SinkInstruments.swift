import Metrics

/// The Sink's metrics, made from one injected factory (tests pass `TestMetrics` and read them).
struct SinkInstruments: Sendable {
    let factory: any MetricsFactory
    let pulled: Counter
    let acked: Counter
    let nacked: Counter
    let rowsInserted: Counter
    let batchRows: Recorder
    let batchBytes: Recorder
    let insertDuration: CoreMetrics.Timer
    let messagesInFlight: Gauge
    let bytesInFlight: Gauge
    let messagesInFlightPeak: Gauge
    let bytesInFlightPeak: Gauge
    let publishToStored: CoreMetrics.Timer
    let leasesExtended: Counter

    init(factory: any MetricsFactory) {
        self.factory = factory
        pulled = Counter(label: SinkMetricNames.messagesPulled, factory: factory)
        acked = Counter(label: SinkMetricNames.messagesAcked, factory: factory)
        nacked = Counter(label: SinkMetricNames.messagesNacked, factory: factory)
        rowsInserted = Counter(label: SinkMetricNames.rowsInserted, factory: factory)
        batchRows = Recorder(label: SinkMetricNames.batchRows, factory: factory)
        batchBytes = Recorder(label: SinkMetricNames.batchBytes, factory: factory)
        insertDuration = CoreMetrics.Timer(label: SinkMetricNames.insertDuration, factory: factory)
        messagesInFlight = Gauge(label: SinkMetricNames.messagesInFlight, factory: factory)
        bytesInFlight = Gauge(label: SinkMetricNames.bytesInFlight, factory: factory)
        messagesInFlightPeak = Gauge(label: SinkMetricNames.messagesInFlightPeak, factory: factory)
        bytesInFlightPeak = Gauge(label: SinkMetricNames.bytesInFlightPeak, factory: factory)
        publishToStored = CoreMetrics.Timer(label: SinkMetricNames.publishToStored, factory: factory)
        leasesExtended = Counter(label: SinkMetricNames.leasesExtended, factory: factory)
    }

    /// Records what is held now and the most held at once so far.
    func recordHeld(_ held: FlowControl.Snapshot) {
        messagesInFlight.record(held.messages)
        bytesInFlight.record(held.bytes)
        messagesInFlightPeak.record(held.peakMessages)
        bytesInFlightPeak.record(held.peakBytes)
    }

    func deadLettered(reason: String, count: Int) {
        Counter(label: SinkMetricNames.messagesDeadLettered, dimensions: [("reason", reason)], factory: factory)
            .increment(by: count)
    }

    /// `operation`: `insert`, `acknowledge`, `publish` or `lease`; `reason`: what failed.
    func retried(operation: String, reason: String) {
        Counter(label: SinkMetricNames.retries, dimensions: [("operation", operation), ("reason", reason)], factory: factory)
            .increment()
    }
}
