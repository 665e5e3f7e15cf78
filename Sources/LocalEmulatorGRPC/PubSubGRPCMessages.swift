import Foundation
import LocalEmulator
import PubSubGRPC
import WireJSON

/// Published and delivered messages between protobuf and the store's form.
enum PubSubGRPCMessages {
    /// A publish request's messages, checked by the same code (and with the same messages) as a
    /// REST publish body.
    static func incoming(_ messages: [Google_Pubsub_V1_PubsubMessage]) throws -> [PubSubIncomingMessage] {
        try PubSubIncomingMessage.checkBatchSize(messages.count)
        // Straight from the protobuf to the validated message: the bytes are encoded once, already in the
        // stored form, with no JSON built and parsed in between.
        return try messages.enumerated().map { index, message in
            try PubSubIncomingMessage(
                validating: PubSubBase64.encode(message.data),
                attributes: message.attributes.map { (key: $0.key, value: $0.value) },
                orderingKey: message.orderingKey, index: index)
        }
    }

    static func received(_ deliveries: [PubSubDelivery], showAttempts: Bool) -> [Google_Pubsub_V1_ReceivedMessage] {
        deliveries.map { delivery in
            var message = Google_Pubsub_V1_PubsubMessage()
            // Stored by our own encoder at publish: valid base64 and a JSON object of strings.
            message.data = Data(PubSubBase64.decode(delivery.dataBase64) ?? [])
            if let attributes = delivery.attributesJSON, let parsed = try? JSONValue(parsing: attributes) {
                message.attributes = PubSubGRPCResources.labels(parsed)
            }
            message.messageID = String(delivery.messageId)
            message.publishTime = PubSubGRPCResources.timestamp(micros: delivery.publishMicros)
            message.orderingKey = delivery.orderingKey ?? ""
            var received = Google_Pubsub_V1_ReceivedMessage()
            received.ackID = delivery.ackId
            received.message = message
            if showAttempts { received.deliveryAttempt = Int32(clamping: delivery.attempt) }
            return received
        }
    }

    /// The ack ids of an acknowledge or modifyAckDeadline request, parsed as REST parses them.
    static func ackIds(_ texts: [String]) throws -> [PubSubAckId] {
        try PubSubAckId.list(from: ["ackIds": .array(texts.map { .string($0) })])
    }

    /// A byte count for flow control: what a client counts against its outstanding-bytes limit.
    static func size(_ message: Google_Pubsub_V1_ReceivedMessage) -> Int {
        message.message.data.count + message.message.attributes.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count }
            + message.message.orderingKey.utf8.count
    }
}
