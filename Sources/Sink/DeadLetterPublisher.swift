import Logging
import PubSubClient

/// Publishes messages that can never be rows to the dead-letter topic: the original data and
/// attributes, plus why (`error_reason`, `error_location`, `error_message`) and where from
/// (`source_subscription`, `source_message_id`, `source_publish_time`).
struct DeadLetterPublisher: Sendable {
    let pubSub: PubSubClient
    let topic: String
    let subscription: String
    let retrier: Retrier
    let budget: Duration
    let instruments: SinkInstruments
    let logger: Logger

    /// Pub/Sub's limit on one attribute value.
    static let maxAttributeBytes = 1024
    static let chunkSize = 500

    /// True when every message was published; only then may they be acked.
    func publish(_ letters: [(message: HeldMessage, reason: DeadLetterReason)]) async -> Bool {
        for start in stride(from: 0, to: letters.count, by: Self.chunkSize) {
            let chunk = letters[start..<min(start + Self.chunkSize, letters.count)]
            do {
                _ = try await retrier.run("publish", budget: budget) {
                    try await pubSub.publish(topic: topic, messages: chunk.map(deadLetter))
                }
            } catch {
                logger.error(
                    "dead-letter publish failed; the messages are nacked, not acked",
                    metadata: ["error": "\(error)", "messages": "\(letters.count)"])
                return false
            }
            for letter in chunk { instruments.deadLettered(reason: letter.reason.reason, count: 1) }
        }
        return true
    }

    func deadLetter(_ letter: (message: HeldMessage, reason: DeadLetterReason)) -> PubSubMessage {
        var attributes = letter.message.attributes
        attributes["error_reason"] = letter.reason.reason
        attributes["error_location"] = Self.truncated(letter.reason.location)
        attributes["error_message"] = Self.truncated(letter.reason.message)
        attributes["source_subscription"] = subscription
        attributes["source_message_id"] = letter.message.messageId
        attributes["source_publish_time"] = letter.message.publishTime
        return PubSubMessage(data: letter.message.data, attributes: attributes)
    }

    /// At most `maxAttributeBytes` of UTF-8, cut at a character boundary.
    static func truncated(_ text: String) -> String {
        guard text.utf8.count > maxAttributeBytes else { return text }
        var result = ""
        for character in text {
            guard result.utf8.count + character.utf8.count <= maxAttributeBytes - 3 else { break }
            result.append(character)
        }
        return result + "..."
    }
}
