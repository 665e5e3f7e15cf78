import Logging
import PubSubClient

/// One pull loop: waits for flow-control room, pulls at most that many messages, registers their
/// leases with the lease keeper (which extends only those held long), maps them and hands them to
/// the batcher. Several run at once.
struct Puller: Sendable {
    let pubSub: PubSubClient
    let subscription: String
    let mapper: MessageMapper
    let flow: FlowControl
    let leases: LeaseKeeper
    let batcher: SharedBatcher
    let backoff: Backoff
    let clock: SinkClock
    let readiness: ReadinessTracker
    let instruments: SinkInstruments
    let logger: Logger
    /// Where full batches go (the writers).
    let batches: AsyncStream<Batch>.Continuation
    /// Told when a batch gets its first message, so the age timer starts.
    let batchStarted: AsyncStream<Void>.Continuation

    /// Pulls until cancelled.
    func run() async {
        var failures = 0
        while !Task.isCancelled {
            guard let reservation = try? await flow.reserve() else { return }
            let received: [PubSubReceivedMessage]
            do {
                received = try await pubSub.pull(subscription: subscription, maxMessages: reservation.messages)
            } catch {
                flow.received(reservation, sizes: [])
                if Task.isCancelled { return }
                failures += 1
                instruments.retried(operation: "pull", reason: Retrier.reason(error))
                logger.warning("pull failed", metadata: ["error": "\(error)", "failures": "\(failures)"])
                guard (try? await clock.sleep(for: backoff.delay(afterAttempt: failures))) != nil else { return }
                continue
            }
            failures = 0
            logger.trace("pulled", metadata: ["asked": "\(reservation.messages)", "got": "\(received.count)"])
            readiness.pullSucceeded()
            let now = clock.now
            // Held from here on: registered before anything can be cancelled, so shutdown nacks them.
            leases.hold(received.map(\.ackId), now: now)
            let messages = received.map(mapper.map)
            flow.received(reservation, sizes: messages.map(\.bytes))
            guard !messages.isEmpty else { continue }
            instruments.pulled.increment(by: messages.count)
            instruments.recordHeld(flow.snapshot)
            for message in messages {
                let (full, started) = batcher.withLock { batcher -> ([Batch], Bool) in
                    let full = batcher.add(message, now: now)
                    return (full, batcher.current.messages.count == 1)
                }
                for batch in full { batches.yield(batch) }
                if started { batchStarted.yield() }
            }
        }
    }
}
