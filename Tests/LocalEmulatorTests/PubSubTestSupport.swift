import Foundation
import Hummingbird
import HummingbirdTesting
import LocalEmulator
import Synchronization
import WireJSON

/// A JSON answer of the emulator, with the Pub/Sub parts tests look at.
typealias PubSubReply = JSONReply

extension JSONReply {
    var errorStatus: String? { json["error"]?["status"]?.stringValue }
    var received: [JSONValue] { json["receivedMessages"]?.arrayValue ?? [] }
    var ackIds: [String] { received.compactMap { $0["ackId"]?.stringValue } }
    var dataTexts: [String] {
        received.compactMap { $0["message"]?["data"]?.stringValue }.compactMap { Data(base64Encoded: $0) }
            .map { String(decoding: $0, as: UTF8.self) }
    }
}

/// Calls the emulator's Pub/Sub routes over real HTTP.
struct PubSubCaller: Sendable {
    let client: any TestClientProtocol
    let project = "test-project"

    /// `raw` sends text as is (for malformed bodies); otherwise `body` is encoded.
    @discardableResult
    func call(_ method: HTTPRequest.Method, _ path: String, _ body: JSONValue? = nil, raw: String? = nil) async throws -> PubSubReply {
        let text = raw ?? body?.encodedString()
        return try await EmulatorClient(client: client).call(method, path, rawBody: text.map { ByteBuffer(string: $0) })
    }

    func topicPath(_ id: String) -> String { "/v1/projects/\(project)/topics/\(id)" }
    func subscriptionPath(_ id: String) -> String { "/v1/projects/\(project)/subscriptions/\(id)" }
    func topicName(_ id: String) -> String { "projects/\(project)/topics/\(id)" }

    @discardableResult
    func createTopic(_ id: String) async throws -> PubSubReply { try await call(.put, topicPath(id)) }

    @discardableResult
    func createSubscription(_ id: String, topic: String, _ extra: JSONObject = [:]) async throws -> PubSubReply {
        var body: JSONObject = ["topic": .string(topicName(topic))]
        for (key, value) in extra { body[key] = value }
        return try await call(.put, subscriptionPath(id), .object(body))
    }

    /// Publishes UTF-8 texts, each with the given attributes.
    @discardableResult
    func publish(_ topic: String, _ texts: [String], attributes: JSONObject? = nil) async throws -> PubSubReply {
        let messages: [JSONValue] = texts.map { text in
            var message: JSONObject = ["data": .string(Data(text.utf8).base64EncodedString())]
            if let attributes { message["attributes"] = .object(attributes) }
            return .object(message)
        }
        return try await call(.post, topicPath(topic) + ":publish", ["messages": .array(messages)])
    }

    func pull(_ subscription: String, max: Int = 100, immediately: Bool = true) async throws -> PubSubReply {
        try await call(
            .post, subscriptionPath(subscription) + ":pull",
            ["maxMessages": .int(Int64(max)), "returnImmediately": .bool(immediately)])
    }

    @discardableResult
    func ack(_ subscription: String, _ ackIds: [String]) async throws -> PubSubReply {
        try await call(.post, subscriptionPath(subscription) + ":acknowledge", ["ackIds": .array(ackIds.map { .string($0) })])
    }

    @discardableResult
    func modifyAckDeadline(_ subscription: String, _ ackIds: [String], seconds: Int) async throws -> PubSubReply {
        try await call(
            .post, subscriptionPath(subscription) + ":modifyAckDeadline",
            ["ackIds": .array(ackIds.map { .string($0) }), "ackDeadlineSeconds": .int(Int64(seconds))])
    }
}

/// Runs `body` against a live emulator on an ephemeral port.
func withPubSubEmulator(
    clock: ManualClock = ManualClock(), databasePath: String? = nil,
    pullWait: Duration = .milliseconds(300),
    _ body: @escaping @Sendable (PubSubCaller) async throws -> Void
) async throws {
    var configuration = EmulatorConfiguration(databasePath: databasePath)
    configuration.clock = clock
    configuration.pubSub = PubSubEmulatorConfiguration(pullWait: pullWait)
    let emulator = try LocalEmulator(configuration: configuration)
    try await emulator.makeApplication().test(.live) { client in
        try await body(PubSubCaller(client: client))
    }
}
