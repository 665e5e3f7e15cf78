import WireJSON

/// The settings of one subscription, validated, with Google's defaults filled in.
struct PubSubSubscriptionConfig: Sendable, Equatable {
    struct DeadLetterPolicy: Sendable, Equatable {
        var topic: String
        var maxDeliveryAttempts: Int
    }

    struct RetryPolicy: Sendable, Equatable {
        var minimumBackoffMicros: Int64
        var maximumBackoffMicros: Int64

        /// Exponential from the minimum, doubling per failed attempt, capped at the maximum.
        func backoff(afterAttempts attempts: Int) -> Int64 {
            let exponent = max(0, min(attempts - 1, 30))
            let (scaled, overflow) = minimumBackoffMicros.multipliedReportingOverflow(by: Int64(1) << exponent)
            return overflow ? maximumBackoffMicros : min(scaled, maximumBackoffMicros)
        }
    }

    var topic: String
    var ackDeadlineSeconds: Int = 10
    var retentionMicros: Int64 = PubSubSubscriptionConfig.defaultRetentionMicros
    var filter: String?
    var deadLetter: DeadLetterPolicy?
    var retry: RetryPolicy?
    var labels: JSONObject?
    var enableMessageOrdering = false

    static let defaultRetentionMicros: Int64 = 7 * 86_400 * 1_000_000
    static let retentionRange: ClosedRange<Int64> = 600 * 1_000_000...31 * 86_400 * 1_000_000

    /// Reads a subscription body as given to create (`PUT`); the topic is checked by the caller.
    init(creating body: JSONObject) throws {
        guard let topic = body["topic"]?.stringValue else {
            throw GoogleAPIError.badRequest("A subscription needs a \"topic\".", reason: "invalidArgument")
        }
        self.topic = try PubSubNames.parseTopic(topic)
        try apply(body, fields: Self.settableFields)
        if let filter = body["filter"] {
            guard let text = filter.stringValue else { throw invalid("\"filter\" must be a string") }
            if !text.isEmpty {
                do throws(PubSubFilterError) { _ = try PubSubFilter(parsing: text) } catch {
                    throw invalid("Invalid filter: \(error.message)")
                }
                self.filter = text
            }
        }
        if let ordering = body["enableMessageOrdering"] {
            guard let flag = ordering.boolValue else { throw invalid("\"enableMessageOrdering\" must be a boolean") }
            enableMessageOrdering = flag
        }
    }

    /// The fields `subscriptions.patch` may change; the others are fixed at creation, as with Google.
    static let settableFields: Set<String> = [
        "ackDeadlineSeconds", "messageRetentionDuration", "deadLetterPolicy", "retryPolicy", "labels",
    ]

    /// Copies `fields` from `body` (a missing field resets it to the default, as a field mask does).
    mutating func apply(_ body: JSONObject, fields: Set<String>) throws {
        for field in fields {
            let value = body[field]
            switch field {
            case "ackDeadlineSeconds":
                guard let value, !value.isNull else {
                    ackDeadlineSeconds = 10
                    continue
                }
                guard let seconds = value.int64Value else { throw invalid("\"ackDeadlineSeconds\" must be an integer") }
                if seconds == 0 {
                    ackDeadlineSeconds = 10
                    continue
                }
                guard (10...600).contains(seconds) else { throw invalid("ack_deadline_secs out of bounds") }
                ackDeadlineSeconds = Int(seconds)
            case "messageRetentionDuration":
                guard let value, !value.isNull else {
                    retentionMicros = Self.defaultRetentionMicros
                    continue
                }
                guard let text = value.stringValue, let micros = PubSubDuration.parse(text),
                    Self.retentionRange.contains(micros)
                else {
                    throw invalid("Invalid message_retention_duration: must be between 600s and 2678400s")
                }
                retentionMicros = micros
            case "deadLetterPolicy":
                deadLetter = try Self.deadLetterPolicy(value)
            case "retryPolicy":
                retry = try Self.retryPolicy(value)
            case "labels":
                guard let value, !value.isNull else {
                    labels = nil
                    continue
                }
                if let problem = ResourceLabels.problem(in: value, allowingRemovals: false) { throw invalid(problem) }
                guard let object = value.objectValue else { throw invalid("Invalid value for labels") }
                labels = object.isEmpty ? nil : object
            default:
                throw invalid("Invalid update_mask provided: \(field) cannot be updated")
            }
        }
    }

    private static func deadLetterPolicy(_ value: JSONValue?) throws -> DeadLetterPolicy? {
        guard let value, !value.isNull else { return nil }
        guard let object = value.objectValue else { throw invalid("\"deadLetterPolicy\" must be an object") }
        guard let topic = object["deadLetterTopic"]?.stringValue, !topic.isEmpty else { return nil }
        let attempts = object["maxDeliveryAttempts"]?.int64Value ?? 5
        guard attempts == 0 || (5...100).contains(attempts) else {
            throw invalid("maxDeliveryAttempts must be between 5 and 100")
        }
        return DeadLetterPolicy(topic: try PubSubNames.parseTopic(topic), maxDeliveryAttempts: attempts == 0 ? 5 : Int(attempts))
    }

    private static func retryPolicy(_ value: JSONValue?) throws -> RetryPolicy? {
        guard let value, !value.isNull else { return nil }
        guard let object = value.objectValue else { throw invalid("\"retryPolicy\" must be an object") }
        func duration(_ key: String, default fallback: Int64) throws -> Int64 {
            guard let field = object[key], !field.isNull else { return fallback }
            guard let text = field.stringValue, let micros = PubSubDuration.parse(text),
                micros <= 600 * 1_000_000
            else {
                throw invalid("Invalid retryPolicy.\(key): a duration between 0s and 600s")
            }
            return micros
        }
        let minimum = try duration("minimumBackoff", default: 10 * 1_000_000)
        let maximum = try duration("maximumBackoff", default: 600 * 1_000_000)
        guard minimum <= maximum else { throw invalid("retryPolicy.minimumBackoff exceeds maximumBackoff") }
        return RetryPolicy(minimumBackoffMicros: minimum, maximumBackoffMicros: maximum)
    }

    private func invalid(_ message: String) -> GoogleAPIError { Self.invalid(message) }

    static func invalid(_ message: String) -> GoogleAPIError { .badRequest(message, reason: "invalidArgument") }

    /// The subscription resource as Google returns it; `topic` comes from storage because a deleted
    /// topic rewrites it.
    func json(name: String, topic: String) -> JSONValue {
        var object: JSONObject = [
            "name": .string(name), "topic": .string(topic), "pushConfig": .object(JSONObject()),
            "ackDeadlineSeconds": .int(Int64(ackDeadlineSeconds)),
            "messageRetentionDuration": .string(PubSubDuration.format(micros: retentionMicros)),
        ]
        if let labels { object["labels"] = .object(labels) }
        if enableMessageOrdering { object["enableMessageOrdering"] = true }
        if let filter { object["filter"] = .string(filter) }
        if let deadLetter {
            object["deadLetterPolicy"] = [
                "deadLetterTopic": .string(deadLetter.topic),
                "maxDeliveryAttempts": .int(Int64(deadLetter.maxDeliveryAttempts)),
            ]
        }
        if let retry {
            object["retryPolicy"] = [
                "minimumBackoff": .string(PubSubDuration.format(micros: retry.minimumBackoffMicros)),
                "maximumBackoff": .string(PubSubDuration.format(micros: retry.maximumBackoffMicros)),
            ]
        }
        object["state"] = "ACTIVE"
        return .object(object)
    }

    /// What is stored: the resource without name/topic, which have their own columns.
    var storedJSON: String { json(name: "", topic: topic).encodedString() }

    /// Reads back `storedJSON`.
    init(stored text: String, topic: String) throws {
        let value = try JSONValue(parsing: text)
        guard let object = value.objectValue else { throw GoogleAPIError(.internalServerError, reason: "internal", message: "corrupt subscription") }
        var body = object
        body["topic"] = .string(topic == PubSubNames.deletedTopic ? "projects/deleted/topics/deleted-topic" : topic)
        try self.init(creating: body)
        self.topic = topic
    }
}
