import Foundation
import PubSubClient
import WarehouseClient
import WarehouseSchema
import WireJSON

/// Turns a message's `data` into a row of the table, or says why it cannot be one.
///
/// The row is checked with the shared `RowValidator` against the event schema (the metadata
/// columns are the Sink's own, added after), so the Sink refuses exactly what BigQuery would and a
/// poison message is dead-lettered here instead of costing an insertAll round trip.
struct MessageMapper: Sendable {
    let validator: RowValidator
    let unknownFields: UnknownFieldPolicy
    let idempotencyKeyField: String?
    let metadataColumns: Set<MetadataColumn>
    /// The subscription's full name, as the `subscription_name` column holds it.
    let subscriptionName: String
    private let eventFieldNames: Set<String>

    init(configuration: SinkConfiguration, subscriptionName: String) {
        validator = RowValidator(schema: configuration.schema, ignoreUnknownValues: configuration.unknownFields == .drop)
        unknownFields = configuration.unknownFields
        idempotencyKeyField = configuration.idempotencyKeyField
        metadataColumns = configuration.metadataColumns
        self.subscriptionName = subscriptionName
        eventFieldNames = Set(configuration.schema.fields.map { $0.name.lowercased() })
    }

    func map(_ message: PubSubReceivedMessage) -> HeldMessage {
        let attributeBytes = message.attributes.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
        return HeldMessage(
            ackId: message.ackId, messageId: message.messageId, publishTime: message.publishTime,
            attributes: message.attributes, data: message.data, bytes: message.data.count + attributeBytes,
            mapping: mapping(of: message, attributeBytes: attributeBytes))
    }

    private func mapping(of message: PubSubReceivedMessage, attributeBytes: Int) -> HeldMessage.Mapping {
        let json: JSONValue
        do {
            json = try JSONValue(parsing: Array(message.data))
        } catch {
            return .reject(DeadLetterReason(reason: DeadLetterReason.notJSON, location: "", message: "data is not JSON: \(error)"))
        }
        guard case .object(var event) = json else {
            return .reject(
                DeadLetterReason(reason: DeadLetterReason.notObject, location: "", message: "data is JSON but not an object"))
        }
        if case .invalid(let errors) = validator.validate(event), let first = errors.first {
            let message = errors.map(\.message).joined(separator: " ")
            return .reject(DeadLetterReason(reason: DeadLetterReason.invalid, location: first.location, message: message))
        }
        if unknownFields == .drop {
            // Top-level unknown fields are removed here (nested ones BigQuery ignores, asked with
            // ignoreUnknownValues), so a metadata column's name in an event cannot overwrite it.
            event = JSONObject(event.members.filter { eventFieldNames.contains($0.key.lowercased()) })
        }
        var insertId = message.messageId
        if let key = idempotencyKeyField, case .string(let value)? = event[key], !value.isEmpty { insertId = value }
        if metadataColumns.contains(.subscriptionName) { event[MetadataColumn.subscriptionName.rawValue] = .string(subscriptionName) }
        if metadataColumns.contains(.messageId) { event[MetadataColumn.messageId.rawValue] = .string(message.messageId) }
        if metadataColumns.contains(.publishTime), !message.publishTime.isEmpty {
            event[MetadataColumn.publishTime.rawValue] = .string(message.publishTime)
        }
        if metadataColumns.contains(.attributes) {
            let attributes = message.attributes.sorted { $0.key < $1.key }.map { (key: $0.key, value: JSONValue.string($0.value)) }
            event[MetadataColumn.attributes.rawValue] = .object(JSONObject(attributes))
        }
        // An estimate of the row's JSON for batching by size: the data, the attributes, the metadata.
        let bytes = message.data.count + 2 * attributeBytes + subscriptionName.utf8.count + 160
        return .row(InsertRow(insertId: insertId, json: event), bytes: bytes)
    }
}
