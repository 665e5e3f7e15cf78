import Foundation
import PubSubClient
import WarehouseClient

/// A pulled message the Sink holds until it is acked or nacked, with what became of it.
struct HeldMessage: Sendable {
    var ackId: String
    var messageId: String
    var publishTime: String
    var attributes: [String: String]
    var data: Data
    /// What flow control counts: the message's data and attributes.
    var bytes: Int
    var mapping: Mapping

    /// A row to insert, or the reason the message can never be one.
    enum Mapping: Sendable {
        case row(InsertRow, bytes: Int)
        case reject(DeadLetterReason)
    }

    var traceparent: String? { attributes["traceparent"] }
}

/// Why a message goes to the dead-letter topic: `error_reason`, `error_location`, `error_message`.
struct DeadLetterReason: Sendable, Hashable {
    /// `not_json`, `not_object`, `invalid` (the schema, or BigQuery, refused the row).
    var reason: String
    var location: String
    var message: String

    static let notJSON = "not_json"
    static let notObject = "not_object"
    static let invalid = "invalid"
}
