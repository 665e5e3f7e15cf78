import Foundation
import PubSubClient
import Sink
import WarehouseSchema

/// The event schema of `schemas/events.json`, and configurations built on it.
enum SinkFixtures {
    static let schema = TableSchema(fields: [
        TableFieldSchema(name: "event_id", type: .string, mode: .required),
        TableFieldSchema(name: "event_type", type: .string, mode: .required),
        TableFieldSchema(name: "user_id", type: .string),
        TableFieldSchema(name: "occurred_at", type: .timestamp, mode: .required),
        TableFieldSchema(name: "payload", type: .json),
    ])

    static func configuration(subscription: String = "events-sub", deadLetterTopic: String = "events-dead") -> SinkConfiguration {
        SinkConfiguration(subscription: subscription, dataset: "analytics", table: "events", deadLetterTopic: deadLetterTopic, schema: schema)
    }

    /// An event as a producer sends it; `2026-11-22T10:00:00Z` plus `index` seconds.
    static func event(_ index: Int, id: String? = nil, type: String = "click") -> String {
        let seconds = 1_795_341_600 + index
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let formatter = ISO8601DateFormatter()
        return
            #"{"event_id":"\#(id ?? "event-\(index)")","event_type":"\#(type)","user_id":"u\#(index % 7)","occurred_at":"\#(formatter.string(from: date))","payload":{"n":\#(index)}}"#
    }
}
