import Foundation
import LocalEmulator
import PubSubGRPC
import SwiftProtobuf
import WireJSON

/// Topics and subscriptions between their protobuf form and the JSON the store reads and answers.
/// Requests become the very body REST would send, so the store's validation (and its messages)
/// applies to both protocols.
enum PubSubGRPCResources {
    // MARK: topics

    static func createBody(_ topic: Google_Pubsub_V1_Topic) -> JSONObject {
        var body = JSONObject()
        if !topic.labels.isEmpty { body["labels"] = labels(topic.labels) }
        if topic.hasMessageRetentionDuration { body["messageRetentionDuration"] = .string(durationText(topic.messageRetentionDuration)) }
        return body
    }

    static func topic(_ json: JSONValue) -> Google_Pubsub_V1_Topic {
        var topic = Google_Pubsub_V1_Topic()
        topic.name = json["name"]?.stringValue ?? ""
        topic.labels = labels(json["labels"])
        if let text = json["messageRetentionDuration"]?.stringValue, let duration = duration(text) {
            topic.messageRetentionDuration = duration
        }
        return topic
    }

    // MARK: subscriptions

    /// The REST body for a subscription: what create reads, and what an update's mask picks from.
    /// Settings the emulator cannot honour are refused rather than dropped, so nothing is stored
    /// other than it was sent.
    static func body(_ subscription: Google_Pubsub_V1_Subscription) throws -> JSONObject {
        if !subscription.pushConfig.pushEndpoint.isEmpty {
            throw PubSubGRPCError.invalid(
                "Push subscriptions are not supported by this emulator: leave push_config empty and pull (Pull or StreamingPull)")
        }
        if subscription.retainAckedMessages {
            throw PubSubGRPCError.invalid("retain_acked_messages is not supported by this emulator")
        }
        var body = JSONObject()
        if !subscription.topic.isEmpty { body["topic"] = .string(subscription.topic) }
        if subscription.ackDeadlineSeconds != 0 { body["ackDeadlineSeconds"] = .int(Int64(subscription.ackDeadlineSeconds)) }
        if subscription.hasMessageRetentionDuration {
            body["messageRetentionDuration"] = .string(durationText(subscription.messageRetentionDuration))
        }
        if !subscription.labels.isEmpty { body["labels"] = labels(subscription.labels) }
        if !subscription.filter.isEmpty { body["filter"] = .string(subscription.filter) }
        if subscription.enableMessageOrdering { body["enableMessageOrdering"] = true }
        if subscription.hasDeadLetterPolicy {
            let policy = subscription.deadLetterPolicy
            body["deadLetterPolicy"] = [
                "deadLetterTopic": .string(policy.deadLetterTopic), "maxDeliveryAttempts": .int(Int64(policy.maxDeliveryAttempts)),
            ]
        }
        if subscription.hasRetryPolicy {
            var retry = JSONObject()
            let policy = subscription.retryPolicy
            if policy.hasMinimumBackoff { retry["minimumBackoff"] = .string(durationText(policy.minimumBackoff)) }
            if policy.hasMaximumBackoff { retry["maximumBackoff"] = .string(durationText(policy.maximumBackoff)) }
            body["retryPolicy"] = .object(retry)
        }
        return body
    }

    static func subscription(_ json: JSONValue) -> Google_Pubsub_V1_Subscription {
        var subscription = Google_Pubsub_V1_Subscription()
        subscription.name = json["name"]?.stringValue ?? ""
        subscription.topic = json["topic"]?.stringValue ?? ""
        // Google answers an empty push config for a pull subscription, not none.
        subscription.pushConfig = Google_Pubsub_V1_PushConfig()
        subscription.ackDeadlineSeconds = Int32(clamping: json["ackDeadlineSeconds"]?.int64Value ?? 10)
        if let text = json["messageRetentionDuration"]?.stringValue, let duration = duration(text) {
            subscription.messageRetentionDuration = duration
        }
        subscription.labels = labels(json["labels"])
        subscription.enableMessageOrdering = json["enableMessageOrdering"]?.boolValue ?? false
        subscription.filter = json["filter"]?.stringValue ?? ""
        if let policy = json["deadLetterPolicy"]?.objectValue {
            subscription.deadLetterPolicy.deadLetterTopic = policy["deadLetterTopic"]?.stringValue ?? ""
            subscription.deadLetterPolicy.maxDeliveryAttempts = Int32(clamping: policy["maxDeliveryAttempts"]?.int64Value ?? 0)
        }
        if let policy = json["retryPolicy"]?.objectValue {
            var retry = Google_Pubsub_V1_RetryPolicy()
            if let text = policy["minimumBackoff"]?.stringValue, let value = duration(text) { retry.minimumBackoff = value }
            if let text = policy["maximumBackoff"]?.stringValue, let value = duration(text) { retry.maximumBackoff = value }
            subscription.retryPolicy = retry
        }
        subscription.state = .active
        return subscription
    }

    // MARK: values

    /// An update mask's paths for the store, which reads both spellings. Over gRPC a path is a proto
    /// field name (`ack_deadline_seconds`), and Google refuses REST's (`ackDeadlineSeconds`) there:
    /// so does the emulator, so the mistake shows up before production.
    static func maskPaths(_ mask: Google_Protobuf_FieldMask, of resource: String) throws -> String {
        for path in mask.paths where path.contains(where: \.isUppercase) {
            throw PubSubGRPCError.invalid(
                "Invalid update_mask provided in the Update\(resource)Request: \(path) is not a known \(resource) field. "
                    + "Field paths are proto field names, such as 'message_retention_duration'.")
        }
        return mask.paths.joined(separator: ",")
    }

    static func labels(_ map: [String: String]) -> JSONValue {
        .object(JSONObject(map.sorted { $0.key < $1.key }.map { (key: $0.key, value: JSONValue.string($0.value)) }))
    }

    static func labels(_ json: JSONValue?) -> [String: String] {
        guard let object = json?.objectValue else { return [:] }
        var map: [String: String] = [:]
        for (key, value) in object { map[key] = value.stringValue ?? "" }
        return map
    }

    /// A protobuf Duration in JSON's text form. A negative or malformed one becomes "-1s", which the
    /// store refuses with its own message (none of which repeats the value).
    static func durationText(_ duration: Google_Protobuf_Duration) -> String {
        guard duration.seconds >= 0, duration.nanos >= 0, duration.nanos < 1_000_000_000 else { return "-1s" }
        guard duration.nanos != 0 else { return "\(duration.seconds)s" }
        let fraction = String(duration.nanos)
        return "\(duration.seconds)." + String(repeating: "0", count: 9 - fraction.count) + fraction + "s"
    }

    static func duration(_ text: String) -> Google_Protobuf_Duration? {
        guard let micros = PubSubDuration.parse(text) else { return nil }
        return Google_Protobuf_Duration(seconds: micros / 1_000_000, nanos: Int32((micros % 1_000_000) * 1000))
    }

    static func timestamp(micros: Int64) -> Google_Protobuf_Timestamp {
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        return Google_Protobuf_Timestamp(seconds: seconds, nanos: Int32((micros - seconds * 1_000_000) * 1000))
    }
}
