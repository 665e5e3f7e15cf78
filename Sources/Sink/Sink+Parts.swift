import WarehouseClient

extension Sink {
    /// The collaborators of one run, wired from the configuration.
    struct Parts: Sendable {
        var subscription: String
        var mapper: MessageMapper
        var batcher: SharedBatcher
        var tables: TableKeeper
        var acknowledger: Acknowledger
        var writer: BatchWriter
    }

    func makeParts() -> Parts {
        let subscription = pubSub.subscriptionName(configuration.subscription)
        let retrier = Retrier(backoff: backoff, clock: clock, instruments: instruments, logger: logger)
        let tables = TableKeeper(
            bigQuery: bigQuery, dataset: configuration.dataset, table: configuration.table,
            definition: SinkTable.definition(for: configuration), retrier: retrier, readiness: readinessTracker, logger: logger)
        let acknowledger = Acknowledger(
            pubSub: pubSub, subscription: subscription, retrier: retrier, ackBudget: configuration.maxRetryDuration, flow: flow,
            leases: leases, instruments: instruments, logger: logger)
        let deadLetters = DeadLetterPublisher(
            pubSub: pubSub, topic: configuration.deadLetterTopic, subscription: subscription, retrier: retrier,
            budget: configuration.maxRetryDuration, instruments: instruments, logger: logger)
        let options = InsertOptions(
            skipInvalidRows: true, ignoreUnknownValues: configuration.unknownFields == .drop,
            maxRowsPerRequest: configuration.maxBatchRows, maxConcurrentRequests: 1)
        let writer = BatchWriter(
            bigQuery: bigQuery, dataset: configuration.dataset, table: configuration.table, options: options,
            retryBudget: configuration.maxRetryDuration, backoff: backoff, clock: clock, wallClock: wallClock, tables: tables,
            deadLetters: deadLetters, acknowledger: acknowledger, readiness: readinessTracker, instruments: instruments, inserts: inserts,
            logger: logger)
        return Parts(
            subscription: subscription, mapper: MessageMapper(configuration: configuration, subscriptionName: subscription),
            batcher: SharedBatcher(
                Batcher(maxRows: configuration.maxBatchRows, maxBytes: configuration.maxBatchBytes, maxAge: configuration.maxBatchAge)),
            tables: tables, acknowledger: acknowledger, writer: writer)
    }
}
