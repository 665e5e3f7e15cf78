import ArgumentParser
import Foundation

/// The flags of `warehouse sink`, as the user typed them. Every one is optional text here: what a
/// flag lacks comes from its environment variable, and `resolve(environment:)` reads and checks
/// both the same way, so a bad value names the flag and the variable whichever it came from.
struct SinkCommandOptions: ParsableArguments {
    @Option(name: SinkSetting.project.name, help: SinkSetting.project.help) var project: String?
    @Option(name: SinkSetting.pubSubEndpoint.name, help: SinkSetting.pubSubEndpoint.help) var pubSubEndpoint: String?
    @Option(name: SinkSetting.bigQueryEndpoint.name, help: SinkSetting.bigQueryEndpoint.help) var bigQueryEndpoint: String?
    @Option(name: SinkSetting.subscription.name, help: SinkSetting.subscription.help) var subscription: String?
    @Option(name: SinkSetting.dataset.name, help: SinkSetting.dataset.help) var dataset: String?
    @Option(name: SinkSetting.table.name, help: SinkSetting.table.help) var table: String?
    @Option(name: SinkSetting.deadLetterTopic.name, help: SinkSetting.deadLetterTopic.help) var deadLetterTopic: String?
    @Option(name: SinkSetting.schema.name, help: SinkSetting.schema.help) var schema: String?
    @Option(name: SinkSetting.partitionField.name, help: SinkSetting.partitionField.help) var partitionField: String?
    @Option(name: SinkSetting.clusteringFields.name, help: SinkSetting.clusteringFields.help) var clusteringFields: String?
    @Option(name: SinkSetting.requirePartitionFilter.name, help: SinkSetting.requirePartitionFilter.help) var requirePartitionFilter: String?
    @Option(name: SinkSetting.idempotencyKeyField.name, help: SinkSetting.idempotencyKeyField.help) var idempotencyKeyField: String?
    @Option(name: SinkSetting.unknownFields.name, help: SinkSetting.unknownFields.help) var unknownFields: String?
    @Option(name: SinkSetting.metadataColumns.name, help: SinkSetting.metadataColumns.help) var metadataColumns: String?
    @Option(name: SinkSetting.pullConcurrency.name, help: SinkSetting.pullConcurrency.help) var pullConcurrency: String?
    @Option(name: SinkSetting.maxMessagesPerPull.name, help: SinkSetting.maxMessagesPerPull.help) var maxMessagesPerPull: String?
    @Option(name: SinkSetting.maxOutstandingMessages.name, help: SinkSetting.maxOutstandingMessages.help) var maxOutstandingMessages: String?
    @Option(name: SinkSetting.maxOutstandingBytes.name, help: SinkSetting.maxOutstandingBytes.help) var maxOutstandingBytes: String?
    @Option(name: SinkSetting.leaseExtension.name, help: SinkSetting.leaseExtension.help) var leaseExtension: String?
    @Option(name: SinkSetting.maxLeaseDuration.name, help: SinkSetting.maxLeaseDuration.help) var maxLeaseDuration: String?
    @Option(name: SinkSetting.maxBatchRows.name, help: SinkSetting.maxBatchRows.help) var maxBatchRows: String?
    @Option(name: SinkSetting.maxBatchBytes.name, help: SinkSetting.maxBatchBytes.help) var maxBatchBytes: String?
    @Option(name: SinkSetting.maxBatchAge.name, help: SinkSetting.maxBatchAge.help) var maxBatchAge: String?
    @Option(name: SinkSetting.maxConcurrentInserts.name, help: SinkSetting.maxConcurrentInserts.help) var maxConcurrentInserts: String?
    @Option(name: SinkSetting.initialBackoff.name, help: SinkSetting.initialBackoff.help) var initialBackoff: String?
    @Option(name: SinkSetting.maxBackoff.name, help: SinkSetting.maxBackoff.help) var maxBackoff: String?
    @Option(name: SinkSetting.maxRetryDuration.name, help: SinkSetting.maxRetryDuration.help) var maxRetryDuration: String?
    @Option(name: SinkSetting.shutdownDeadline.name, help: SinkSetting.shutdownDeadline.help) var shutdownDeadline: String?
    @Option(name: SinkSetting.port.name, help: SinkSetting.port.help) var port: String?
    @Option(name: SinkSetting.operationsHost.name, help: SinkSetting.operationsHost.help) var operationsHost: String?
    @Option(name: SinkSetting.logFormat.name, help: SinkSetting.logFormat.help) var logFormat: String?
    @Option(name: SinkSetting.logLevel.name, help: SinkSetting.logLevel.help) var logLevel: String?

    /// The text given for `setting`: the flag, else its environment variable (a blank one counts as unset).
    func given(_ setting: SinkSetting, environment: [String: String]) -> String? {
        if let flag = flagValues[setting.flag] ?? nil { return flag }
        guard let value = environment[setting.variable], !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        return value
    }

    private var flagValues: [String: String?] {
        [
            SinkSetting.project.flag: project,
            SinkSetting.pubSubEndpoint.flag: pubSubEndpoint,
            SinkSetting.bigQueryEndpoint.flag: bigQueryEndpoint,
            SinkSetting.subscription.flag: subscription,
            SinkSetting.dataset.flag: dataset,
            SinkSetting.table.flag: table,
            SinkSetting.deadLetterTopic.flag: deadLetterTopic,
            SinkSetting.schema.flag: schema,
            SinkSetting.partitionField.flag: partitionField,
            SinkSetting.clusteringFields.flag: clusteringFields,
            SinkSetting.requirePartitionFilter.flag: requirePartitionFilter,
            SinkSetting.idempotencyKeyField.flag: idempotencyKeyField,
            SinkSetting.unknownFields.flag: unknownFields,
            SinkSetting.metadataColumns.flag: metadataColumns,
            SinkSetting.pullConcurrency.flag: pullConcurrency,
            SinkSetting.maxMessagesPerPull.flag: maxMessagesPerPull,
            SinkSetting.maxOutstandingMessages.flag: maxOutstandingMessages,
            SinkSetting.maxOutstandingBytes.flag: maxOutstandingBytes,
            SinkSetting.leaseExtension.flag: leaseExtension,
            SinkSetting.maxLeaseDuration.flag: maxLeaseDuration,
            SinkSetting.maxBatchRows.flag: maxBatchRows,
            SinkSetting.maxBatchBytes.flag: maxBatchBytes,
            SinkSetting.maxBatchAge.flag: maxBatchAge,
            SinkSetting.maxConcurrentInserts.flag: maxConcurrentInserts,
            SinkSetting.initialBackoff.flag: initialBackoff,
            SinkSetting.maxBackoff.flag: maxBackoff,
            SinkSetting.maxRetryDuration.flag: maxRetryDuration,
            SinkSetting.shutdownDeadline.flag: shutdownDeadline,
            SinkSetting.port.flag: port,
            SinkSetting.operationsHost.flag: operationsHost,
            SinkSetting.logFormat.flag: logFormat,
            SinkSetting.logLevel.flag: logLevel,
        ]
    }
}
