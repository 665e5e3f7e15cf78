import Foundation
import WireJSON

/// A message as a publisher sent it, validated.
package struct PubSubIncomingMessage: Sendable {
    /// The payload as standard, padded base64: stored and sent back as is, so pulls need no re-encoding.
    var dataBase64: String
    var attributes: [(key: String, value: String)]
    var orderingKey: String?

    /// The attributes as stored (a JSON object), nil when there are none. Written directly: this runs
    /// once per published message.
    var attributesJSON: String? {
        guard !attributes.isEmpty else { return nil }
        var out: [UInt8] = [UInt8(ascii: "{")]
        out.reserveCapacity(attributes.reduce(2) { $0 + $1.key.utf8.count + $1.value.utf8.count + 6 })
        for (position, attribute) in attributes.enumerated() {
            if position > 0 { out.append(UInt8(ascii: ",")) }
            JSONValue.encodeString(attribute.key, into: &out)
            out.append(UInt8(ascii: ":"))
            JSONValue.encodeString(attribute.value, into: &out)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }

    var attributeMap: [String: String] {
        Dictionary(attributes.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// Google's limits: 1000 messages a call, 100 attributes, keys up to 256 bytes and values up to 1024.
    static let maximumMessagesPerPublish = 1000

    init(dataBase64: String, attributes: [(key: String, value: String)], orderingKey: String?) {
        self.dataBase64 = dataBase64
        self.attributes = attributes
        self.orderingKey = orderingKey
    }

    /// A REST message: `data` in base64 (any of the forms Google accepts), `attributes` an object of
    /// strings, `orderingKey` a string.
    init(json: JSONValue, index: Int) throws {
        guard let object = json.objectValue else { throw Self.invalid("messages[\(index)] must be an object") }
        var dataBase64 = ""
        if let data = object["data"], !data.isNull {
            guard let text = data.stringValue, let canonical = PubSubBase64.canonical(text) else {
                throw Self.invalid("Payload isn't valid for request. messages[\(index)].data is not valid base64.")
            }
            dataBase64 = canonical
        }
        var attributes: [(key: String, value: String)] = []
        if let value = object["attributes"], !value.isNull {
            guard let map = value.objectValue else { throw Self.invalid("messages[\(index)].attributes must be an object") }
            guard map.count <= Self.maximumAttributes else { throw Self.tooManyAttributes(index) }
            for (key, value) in map {
                guard let text = value.stringValue else {
                    throw Self.invalid("messages[\(index)].attributes.\(key) must be a string")
                }
                attributes.append((key: key, value: text))
            }
        }
        var orderingKey: String?
        if let key = object["orderingKey"], !key.isNull {
            guard let text = key.stringValue else { throw Self.invalid("messages[\(index)].orderingKey must be a string") }
            orderingKey = text
        }
        try self.init(validating: dataBase64, attributes: attributes, orderingKey: orderingKey, index: index)
    }

    /// Google's rules for a message's parts, whichever protocol brought them: REST and gRPC answer the
    /// same message with the same error. `dataBase64` must already be standard padded base64.
    package init(
        validating dataBase64: String, attributes: [(key: String, value: String)], orderingKey: String?, index: Int
    ) throws {
        guard attributes.count <= Self.maximumAttributes else { throw Self.tooManyAttributes(index) }
        for (key, value) in attributes {
            guard !key.isEmpty, key.utf8.count <= 256, !key.hasPrefix("goog") else {
                throw Self.invalid("messages[\(index)] has an invalid attribute key '\(key)': 1-256 bytes, not starting with 'goog'")
            }
            guard value.utf8.count <= 1024 else {
                throw Self.invalid("messages[\(index)].attributes.\(key) is longer than 1024 bytes")
            }
        }
        if let orderingKey, orderingKey.utf8.count > 1024 {
            throw Self.invalid("messages[\(index)].orderingKey is longer than 1024 bytes")
        }
        guard !dataBase64.isEmpty || !attributes.isEmpty else { throw Self.invalid("Some messages are empty") }
        self.init(dataBase64: dataBase64, attributes: attributes, orderingKey: orderingKey?.isEmpty == false ? orderingKey : nil)
    }

    /// The `messages` array of a publish body.
    package static func batch(from body: JSONObject) throws -> [PubSubIncomingMessage] {
        let list = body["messages"]?.arrayValue ?? []
        try checkBatchSize(list.count)
        return try list.enumerated().map { try PubSubIncomingMessage(json: $0.element, index: $0.offset) }
    }

    /// Google's bounds on one publish call: at least one message, at most 1000.
    package static func checkBatchSize(_ count: Int) throws {
        guard count > 0 else { throw invalid("No messages to publish") }
        guard count <= maximumMessagesPerPublish else {
            throw invalid(
                "The value for message_count is too large. You passed \(count) in the request, but the maximum value is \(maximumMessagesPerPublish)."
            )
        }
    }

    private static let maximumAttributes = 100

    private static func tooManyAttributes(_ index: Int) -> GoogleAPIError {
        invalid("messages[\(index)] has more than \(maximumAttributes) attributes")
    }

    static func invalid(_ message: String) -> GoogleAPIError { .badRequest(message, reason: "invalidArgument") }
}

/// One message handed to a puller.
package struct PubSubDelivery: Sendable {
    var rowId: Int64
    package var attempt: Int
    package var messageId: Int64
    package var dataBase64: String
    package var attributesJSON: String?
    package var orderingKey: String?
    package var publishMicros: Int64

    package var ackId: String { PubSubAckId(rowId: rowId, attempt: attempt).text }
}

/// An ackId names one delivery of one stored message: a later delivery makes older ackIds stale.
package struct PubSubAckId: Sendable, Equatable {
    var rowId: Int64
    var attempt: Int

    var text: String { "\(rowId)-\(attempt)" }

    init(rowId: Int64, attempt: Int) {
        self.rowId = rowId
        self.attempt = attempt
    }

    init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let rowId = Int64(parts[0]), let attempt = Int(parts[1]), rowId > 0, attempt > 0 else {
            return nil
        }
        self.init(rowId: rowId, attempt: attempt)
    }

    /// The `ackIds` of an acknowledge or modifyAckDeadline body; malformed ones are a 400, as with Google.
    package static func list(from body: JSONObject) throws -> [PubSubAckId] {
        guard let list = body["ackIds"]?.arrayValue, !list.isEmpty else {
            throw GoogleAPIError.badRequest("No ack ids specified.", reason: "invalidArgument")
        }
        return try list.map { value in
            guard let text = value.stringValue, let ackId = PubSubAckId(text) else {
                throw GoogleAPIError.badRequest(
                    "Invalid ack id (ack_id=\(value.stringValue ?? value.encodedString()))",
                    reason: "invalidArgument")
            }
            return ackId
        }
    }
}
