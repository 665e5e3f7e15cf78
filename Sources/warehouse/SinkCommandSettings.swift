import Foundation
import GoogleAuth
import GoogleREST
import Logging
import Operations
import PubSubClient
import Sink
import WarehouseClient
import WarehouseSchema

/// Everything `warehouse sink` runs with, read and checked from its flags and environment.
struct SinkCommandSettings: Sendable {
    var sink: SinkConfiguration
    var projectId: String
    var pubSubEndpoint: RESTEndpoint
    var bigQueryEndpoint: RESTEndpoint
    var operationsHost: String
    var operationsPort: Int
    var logFormat: LogFormat
    var logLevel: Logger.Level
}

extension SinkCommandOptions {
    /// Reads every setting from its flag or environment variable and checks it, so a bad value is
    /// refused at start with the flag and the variable named, never met later as a crash.
    func resolve(environment: [String: String]) throws(SinkSettingError) -> SinkCommandSettings {
        let reader = SettingReader(options: self, environment: environment)
        let pubSubEndpoint = reader.text(.pubSubEndpoint).map(RESTEndpoint.emulator(host:)) ?? .pubSub
        let bigQueryEndpoint = reader.text(.bigQueryEndpoint).map(RESTEndpoint.emulator(host:)) ?? .bigQuery
        let schemaPath = reader.text(.schema) ?? "schemas/events.json"
        let schema: TableSchema
        do {
            schema = try TableDefinition(contentsOfFile: schemaPath).schema
        } catch {
            throw SinkSettingError(.schema, schemaPath, "cannot be used: \(error.message)")
        }
        var sink = SinkConfiguration(
            subscription: try reader.required(.subscription), dataset: try reader.required(.dataset), table: try reader.required(.table),
            deadLetterTopic: try reader.required(.deadLetterTopic), schema: schema)
        try reader.read(.partitionField, into: &sink.partitionField) { SettingText.optionalName($0) }
        try reader.read(.clusteringFields, into: &sink.clusteringFields) { SettingText.list($0) }
        try reader.read(.requirePartitionFilter, into: &sink.requirePartitionFilter, "is not true or false", SettingText.bool)
        try reader.read(.idempotencyKeyField, into: &sink.idempotencyKeyField) { SettingText.optionalName($0) }
        try reader.read(.unknownFields, into: &sink.unknownFields, "is not drop or dead-letter", UnknownFieldPolicy.init(rawValue:))
        try reader.read(.metadataColumns, into: &sink.metadataColumns, "names a column other than \(Self.metadataNames)") { text in
            let names = SettingText.list(text)
            let columns = names.compactMap(MetadataColumn.init(rawValue:))
            return columns.count == names.count ? Set(columns) : nil
        }
        try reader.read(.pullConcurrency, into: &sink.pullConcurrency, within: 1...64)
        try reader.read(.maxMessagesPerPull, into: &sink.maxMessagesPerPull, within: 1...1000)
        try reader.read(.maxOutstandingMessages, into: &sink.maxOutstandingMessages, within: 1...10_000_000)
        try reader.readBytes(.maxOutstandingBytes, into: &sink.maxOutstandingBytes, within: 1...(64 << 30))
        try reader.readDuration(.leaseExtension, into: &sink.leaseExtension, within: .seconds(10) ... .seconds(600))
        try reader.readDuration(.maxLeaseDuration, into: &sink.maxLeaseDuration, within: .seconds(10) ... .seconds(7 * 24 * 3600))
        try reader.read(.maxBatchRows, into: &sink.maxBatchRows, within: 1...50_000)
        try reader.readBytes(.maxBatchBytes, into: &sink.maxBatchBytes, within: 1...10_000_000)
        try reader.readDuration(.maxBatchAge, into: &sink.maxBatchAge, within: .milliseconds(1) ... .seconds(60))
        try reader.read(.maxConcurrentInserts, into: &sink.maxConcurrentInserts, within: 1...256)
        try reader.readDuration(.initialBackoff, into: &sink.initialBackoff, within: .milliseconds(1) ... .seconds(60))
        try reader.readDuration(.maxBackoff, into: &sink.maxBackoff, within: .milliseconds(1) ... .seconds(600))
        try reader.readDuration(.maxRetryDuration, into: &sink.maxRetryDuration, within: .seconds(1) ... .seconds(24 * 3600))
        try reader.readDuration(.shutdownDeadline, into: &sink.shutdownDeadline, within: .milliseconds(100) ... .seconds(3600))
        try Self.check(sink, schema: schema, reader: reader)

        var operationsPort = 8080
        try reader.read(.port, into: &operationsPort, within: 0...65535)
        var logFormat = LogFormat.automatic(environment: environment)
        try reader.read(.logFormat, into: &logFormat, "is not json or text", LogFormat.init(rawValue:))
        var logLevel = Logger.Level.info
        try reader.read(
            .logLevel, into: &logLevel, "is not one of trace, debug, info, notice, warning, error, critical", Logger.Level.init(rawValue:))

        return SinkCommandSettings(
            sink: sink,
            projectId: try Self.project(reader, environment: environment, emulated: pubSubEndpoint.isEmulator && bigQueryEndpoint.isEmulator),
            pubSubEndpoint: pubSubEndpoint, bigQueryEndpoint: bigQueryEndpoint, operationsHost: reader.text(.operationsHost) ?? "0.0.0.0",
            operationsPort: operationsPort, logFormat: logFormat, logLevel: logLevel)
    }

    private static let metadataNames = MetadataColumn.allCases.map(\.rawValue).joined(separator: ", ")

    /// What only makes sense against the schema or another setting.
    private static func check(_ sink: SinkConfiguration, schema: TableSchema, reader: SettingReader) throws(SinkSettingError) {
        if let field = sink.partitionField {
            guard let type = schema.field(named: field)?.type else {
                throw SinkSettingError(.partitionField, field, "is not a field of the schema")
            }
            guard type == .timestamp || type == .date else {
                throw SinkSettingError(.partitionField, field, "is \(type.rawValue); a partition field must be TIMESTAMP or DATE")
            }
        }
        let clustering = reader.text(.clusteringFields) ?? sink.clusteringFields.joined(separator: ",")
        guard sink.clusteringFields.count <= 4 else { throw SinkSettingError(.clusteringFields, clustering, "names more than 4 columns") }
        for field in sink.clusteringFields where schema.field(named: field) == nil {
            throw SinkSettingError(.clusteringFields, clustering, "names \(field), which is not a field of the schema")
        }
        if let key = sink.idempotencyKeyField, schema.field(named: key) == nil {
            throw SinkSettingError(.idempotencyKeyField, key, "is not a field of the schema (none uses the messageId)")
        }
        if sink.maxBackoff < sink.initialBackoff {
            throw SinkSettingError(
                .maxBackoff, SettingText.format(sink.maxBackoff),
                "is shorter than \(SinkSetting.initialBackoff.names) (\(SettingText.format(sink.initialBackoff)))")
        }
    }

    /// As `BigQueryOptions` finds it: the flag, GOOGLE_CLOUD_PROJECT, the key's project, or
    /// local-project when both APIs are emulated.
    private static func project(_ reader: SettingReader, environment: [String: String], emulated: Bool) throws(SinkSettingError) -> String {
        let keyProject = environment["GOOGLE_APPLICATION_CREDENTIALS"].flatMap { try? ServiceAccountKey(contentsOfFile: $0).projectID }
        guard let project = reader.text(.project) ?? keyProject ?? (emulated ? "local-project" : nil) else {
            throw SinkSettingError(.project, missing: ())
        }
        return project
    }
}
