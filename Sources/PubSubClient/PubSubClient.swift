import AsyncHTTPClient
import Foundation
import GoogleAuth
import GoogleREST
import Logging
import NIOCore
import NIOHTTP1
import WireJSON

/// A Pub/Sub REST v1 client on a shared `HTTPClient`.
///
/// Names may be short ids (`orders`), taken in the client's project, or full names
/// (`projects/P/topics/orders`). Every call retries retryable failures per `retryPolicy`.
public struct PubSubClient: Sendable {
    public let projectId: String
    public let endpoint: RESTEndpoint
    public let retryPolicy: RetryPolicy
    /// How long one call may take; a pull that waits for messages needs more than the service's wait.
    public var requestTimeout: Duration = .seconds(90)
    let transport: RESTTransport

    public init(
        httpClient: HTTPClient, projectId: String, endpoint: RESTEndpoint = .pubSub(),
        credentials: any CredentialProvider = NoCredentialProvider(), retryPolicy: RetryPolicy = .init(),
        logger: Logger = Logger(label: "PubSubClient")
    ) {
        self.projectId = projectId
        self.endpoint = endpoint
        self.retryPolicy = retryPolicy
        transport = RESTTransport(
            httpClient: httpClient, endpoint: endpoint, credentials: credentials,
            userAgent: "warehouse-pubsub-client/1", logger: logger)
    }

    public func topicName(_ topic: String) -> String {
        topic.hasPrefix("projects/") ? topic : "projects/\(projectId)/topics/\(topic)"
    }

    public func subscriptionName(_ subscription: String) -> String {
        subscription.hasPrefix("projects/") ? subscription : "projects/\(projectId)/subscriptions/\(subscription)"
    }

    private func call(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        let transport = transport
        let timeout = requestTimeout
        return try await retryPolicy.run(isRetryable: { ($0 as? PubSubError)?.isRetryable ?? false }) {
            do {
                return try await transport.call(method, "/v1/" + path, body: body, timeout: timeout)
            } catch let failure as RESTFailure {
                throw PubSubError(failure)
            }
        }
    }

    // MARK: topics

    /// Creates the topic; returns its full name. A 409 if it exists (see `PubSubError.isAlreadyExists`).
    @discardableResult
    public func createTopic(_ topic: String) async throws -> String {
        let reply = try await call(.PUT, topicName(topic), .object([:]))
        return reply["name"]?.stringValue ?? topicName(topic)
    }

    /// The topic's full name, or a 404 `PubSubError`.
    @discardableResult
    public func getTopic(_ topic: String) async throws -> String {
        let reply = try await call(.GET, topicName(topic))
        return reply["name"]?.stringValue ?? topicName(topic)
    }

    public func deleteTopic(_ topic: String) async throws {
        _ = try await call(.DELETE, topicName(topic))
    }

    // MARK: subscriptions

    @discardableResult
    public func createSubscription(_ subscription: String, settings: PubSubSubscriptionSettings) async throws -> PubSubSubscription {
        var body: JSONObject = ["topic": .string(topicName(settings.topic))]
        if let deadline = settings.ackDeadline { body["ackDeadlineSeconds"] = .int(Self.wholeSeconds(deadline)) }
        if let retention = settings.messageRetention {
            body["messageRetentionDuration"] = .string("\(Self.wholeSeconds(retention))s")
        }
        if let filter = settings.filter { body["filter"] = .string(filter) }
        if let policy = settings.deadLetterPolicy {
            body["deadLetterPolicy"] = [
                "deadLetterTopic": .string(topicName(policy.topic)),
                "maxDeliveryAttempts": .int(Int64(policy.maxDeliveryAttempts)),
            ]
        }
        if let policy = settings.retryPolicy {
            body["retryPolicy"] = [
                "minimumBackoff": .string(Self.protobufJSON(policy.minimumBackoff)),
                "maximumBackoff": .string(Self.protobufJSON(policy.maximumBackoff)),
            ]
        }
        return try PubSubSubscription(json: try await call(.PUT, subscriptionName(subscription), .object(body)))
    }

    public func getSubscription(_ subscription: String) async throws -> PubSubSubscription {
        try PubSubSubscription(json: try await call(.GET, subscriptionName(subscription)))
    }

    public func deleteSubscription(_ subscription: String) async throws {
        _ = try await call(.DELETE, subscriptionName(subscription))
    }

    /// A protobuf Duration in JSON: seconds with up to nine fractional digits and an `s`.
    static func protobufJSON(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let nanos = attoseconds / 1_000_000_000
        guard nanos != 0 else { return "\(seconds)s" }
        var fraction = String(nanos)
        fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(seconds).\(fraction)s"
    }

    /// Whole seconds, rounded up: what Pub/Sub's integer second fields take.
    static func wholeSeconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return attoseconds > 0 ? seconds + 1 : seconds
    }

    // MARK: messages

    /// Publishes the messages in one request (at most 1000); returns their messageIds in order.
    /// For many small publishes, a `PubSubPublisher` batches them.
    public func publish(topic: String, messages: [PubSubMessage]) async throws -> [String] {
        let reply = try await call(.POST, topicName(topic) + ":publish", ["messages": .array(messages.map(\.json))])
        guard let ids = reply["messageIds"]?.arrayValue?.compactMap(\.stringValue), ids.count == messages.count else {
            throw PubSubError.invalidResponse("publish returned \(reply["messageIds"]?.arrayValue?.count ?? 0) ids for \(messages.count) messages")
        }
        return ids
    }

    /// Up to `maxMessages` messages; with `returnImmediately` false the service may wait briefly for some.
    public func pull(subscription: String, maxMessages: Int, returnImmediately: Bool = false) async throws -> [PubSubReceivedMessage] {
        let reply = try await call(
            .POST, subscriptionName(subscription) + ":pull",
            ["maxMessages": .int(Int64(maxMessages)), "returnImmediately": .bool(returnImmediately)])
        return try (reply["receivedMessages"]?.arrayValue ?? []).map(PubSubReceivedMessage.init(json:))
    }

    public func acknowledge(subscription: String, ackIds: [String]) async throws {
        guard !ackIds.isEmpty else { return }
        _ = try await call(.POST, subscriptionName(subscription) + ":acknowledge", ["ackIds": .array(ackIds.map { .string($0) })])
    }

    /// Extends (or with 0, gives up) the lease of the deliveries; 0 asks for redelivery.
    public func modifyAckDeadline(subscription: String, ackIds: [String], deadline: Duration) async throws {
        guard !ackIds.isEmpty else { return }
        _ = try await call(
            .POST, subscriptionName(subscription) + ":modifyAckDeadline",
            ["ackIds": .array(ackIds.map { .string($0) }), "ackDeadlineSeconds": .int(Self.wholeSeconds(deadline))])
    }

    /// A batching publisher for `topic` on this client; run it as a `Service` (see `PubSubPublisher`).
    /// Its batch delay waits on the clock of the client's retry policy.
    public func publisher(topic: String, configuration: PubSubPublisher.Configuration = .init()) -> PubSubPublisher {
        PubSubPublisher(client: self, topic: topicName(topic), configuration: configuration, clock: retryPolicy.clock)
    }
}
