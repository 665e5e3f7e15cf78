import Foundation
import WireJSON

/// A message to publish.
public struct PubSubMessage: Sendable, Hashable {
    public var data: Data
    public var attributes: [String: String]
    public var orderingKey: String?

    public init(data: Data, attributes: [String: String] = [:], orderingKey: String? = nil) {
        self.data = data
        self.attributes = attributes
        self.orderingKey = orderingKey
    }

    public init(text: String, attributes: [String: String] = [:], orderingKey: String? = nil) {
        self.init(data: Data(text.utf8), attributes: attributes, orderingKey: orderingKey)
    }

    var json: JSONValue {
        var object: JSONObject = ["data": .string(data.base64EncodedString())]
        if !attributes.isEmpty {
            object["attributes"] = .object(JSONObject(attributes.sorted { $0.key < $1.key }.map { (key: $0.key, value: .string($0.value)) }))
        }
        if let orderingKey { object["orderingKey"] = .string(orderingKey) }
        return .object(object)
    }

    /// Bytes this message adds to a publish request, for batching by size.
    var approximateRequestBytes: Int {
        (data.count + 2) / 3 * 4 + attributes.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 8 }
            + (orderingKey?.utf8.count ?? 0) + 32
    }
}

/// A message as a pull returns it.
public struct PubSubReceivedMessage: Sendable, Hashable {
    public var ackId: String
    public var messageId: String
    public var data: Data
    public var attributes: [String: String]
    /// RFC 3339, as the service sent it.
    public var publishTime: String
    public var orderingKey: String?
    /// Set when the subscription has a dead-letter policy: 1 on the first delivery.
    public var deliveryAttempt: Int?

    init(json: JSONValue) throws {
        guard let ackId = json["ackId"]?.stringValue, let message = json["message"],
            let messageId = message["messageId"]?.stringValue
        else {
            throw PubSubError.invalidResponse("a received message lacks ackId or messageId")
        }
        self.ackId = ackId
        self.messageId = messageId
        let text = message["data"]?.stringValue ?? ""
        guard let data = Data(base64Encoded: text) else { throw PubSubError.invalidResponse("message \(messageId) has invalid base64 data") }
        self.data = data
        var attributes: [String: String] = [:]
        for (key, value) in message["attributes"]?.objectValue ?? [:] { attributes[key] = value.stringValue }
        self.attributes = attributes
        publishTime = message["publishTime"]?.stringValue ?? ""
        orderingKey = message["orderingKey"]?.stringValue
        deliveryAttempt = json["deliveryAttempt"]?.int64Value.map(Int.init)
    }
}

/// What a subscription is created with; nil fields take the service's defaults.
public struct PubSubSubscriptionSettings: Sendable, Hashable {
    public struct DeadLetterPolicy: Sendable, Hashable {
        /// A topic id in the client's project, or a full `projects/P/topics/T` name.
        public var topic: String
        public var maxDeliveryAttempts: Int
        public init(topic: String, maxDeliveryAttempts: Int) {
            self.topic = topic
            self.maxDeliveryAttempts = maxDeliveryAttempts
        }
    }

    public struct RetryPolicy: Sendable, Hashable {
        public var minimumBackoff: Duration
        public var maximumBackoff: Duration
        public init(minimumBackoff: Duration, maximumBackoff: Duration) {
            self.minimumBackoff = minimumBackoff
            self.maximumBackoff = maximumBackoff
        }
    }

    public var topic: String
    /// Pub/Sub takes whole seconds (10 to 600); a fraction is rounded up.
    public var ackDeadline: Duration?
    /// Pub/Sub takes whole seconds; a fraction is rounded up.
    public var messageRetention: Duration?
    public var filter: String?
    public var deadLetterPolicy: DeadLetterPolicy?
    public var retryPolicy: RetryPolicy?

    public init(
        topic: String, ackDeadline: Duration? = nil, messageRetention: Duration? = nil, filter: String? = nil,
        deadLetterPolicy: DeadLetterPolicy? = nil, retryPolicy: RetryPolicy? = nil
    ) {
        self.topic = topic
        self.ackDeadline = ackDeadline
        self.messageRetention = messageRetention
        self.filter = filter
        self.deadLetterPolicy = deadLetterPolicy
        self.retryPolicy = retryPolicy
    }
}

/// A subscription as the service describes it.
public struct PubSubSubscription: Sendable, Hashable {
    public var name: String
    public var topic: String
    public var ackDeadline: Duration
    public var filter: String?
    public var deadLetterTopic: String?
    public var maxDeliveryAttempts: Int?

    init(json: JSONValue) throws {
        guard let name = json["name"]?.stringValue, let topic = json["topic"]?.stringValue else {
            throw PubSubError.invalidResponse("a subscription lacks name or topic")
        }
        self.name = name
        self.topic = topic
        ackDeadline = .seconds(json["ackDeadlineSeconds"]?.int64Value ?? 10)
        filter = json["filter"]?.stringValue
        deadLetterTopic = json["deadLetterPolicy"]?["deadLetterTopic"]?.stringValue
        maxDeliveryAttempts = json["deadLetterPolicy"]?["maxDeliveryAttempts"]?.int64Value.map(Int.init)
    }
}
