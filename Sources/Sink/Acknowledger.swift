import Logging
import PubSubClient

/// Ends the Sink's hold on messages: acknowledge (stored, or dead-lettered) or nack
/// (`modifyAckDeadline` 0, so Pub/Sub redelivers at once), then frees their flow-control room.
struct Acknowledger: Sendable {
    let pubSub: PubSubClient
    let subscription: String
    let retrier: Retrier
    /// How long a failed acknowledge is retried. Giving up is safe: the message is redelivered and
    /// its insertId keeps a second row out.
    let ackBudget: Duration
    let flow: FlowControl
    let leases: LeaseKeeper
    let instruments: SinkInstruments
    let logger: Logger

    /// Pub/Sub takes at most a few thousand ackIds per request; 1000 keeps requests small.
    static let chunkSize = 1000

    func ack(_ messages: [HeldMessage]) async {
        guard !messages.isEmpty else { return }
        for chunk in chunks(messages.map(\.ackId)) {
            do {
                try await retrier.run("acknowledge", budget: ackBudget) {
                    try await pubSub.acknowledge(subscription: subscription, ackIds: chunk)
                }
                instruments.acked.increment(by: chunk.count)
            } catch {
                logger.warning(
                    "acknowledge failed; the messages will be redelivered and deduplicated by insertId",
                    metadata: ["error": "\(error)", "messages": "\(chunk.count)"])
            }
        }
        release(messages)
    }

    func nack(_ messages: [HeldMessage]) async {
        guard !messages.isEmpty else { return }
        await nack(ackIds: messages.map(\.ackId))
        release(messages)
    }

    /// Hands back what is still held (shutdown): flow control no longer matters then.
    func nack(ackIds: [String]) async {
        guard !ackIds.isEmpty else { return }
        // Forgotten first, so the lease keeper does not extend what is being handed back.
        leases.forget(ackIds)
        for chunk in chunks(ackIds) {
            do {
                // Briefly: a nack that fails only delays redelivery until the lease runs out.
                try await retrier.run("nack", budget: .seconds(2)) {
                    try await pubSub.modifyAckDeadline(subscription: subscription, ackIds: chunk, deadline: .zero)
                }
                instruments.nacked.increment(by: chunk.count)
            } catch {
                logger.warning("nack failed; the messages are redelivered when their lease runs out", metadata: ["error": "\(error)"])
            }
        }
    }

    private func release(_ messages: [HeldMessage]) {
        leases.forget(messages.map(\.ackId))
        flow.release(messages: messages.count, bytes: messages.reduce(0) { $0 + $1.bytes })
        instruments.recordHeld(flow.snapshot)
    }

    private func chunks(_ ackIds: [String]) -> [[String]] {
        stride(from: 0, to: ackIds.count, by: Self.chunkSize).map { Array(ackIds[$0..<min($0 + Self.chunkSize, ackIds.count)]) }
    }
}
