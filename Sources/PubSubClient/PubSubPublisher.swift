import Synchronization

/// When a publisher sends what it has gathered. Google's client libraries default to
/// 100 messages, 1 MB or 10 ms, whichever comes first.
public struct PubSubBatchSettings: Sendable, Hashable {
    public var maxMessages: Int
    public var maxBytes: Int
    public var maxDelay: Duration

    public init(maxMessages: Int = 100, maxBytes: Int = 1_000_000, maxDelay: Duration = .milliseconds(10)) {
        self.maxMessages = min(max(1, maxMessages), 1000)
        self.maxBytes = max(1, maxBytes)
        self.maxDelay = maxDelay
    }
}

/// Gathers messages published one by one into publish requests, and hands each caller its messageId.
///
/// A batch goes out when it reaches `maxMessages` or `maxBytes`, or `maxDelay` after its first
/// message. Several batches may be in flight at once. `flush()` sends what is waiting and returns once
/// everything sent so far is answered; `shutdown()` also refuses later messages.
public final class PubSubPublisher: Sendable {
    private struct Pending {
        var message: PubSubMessage
        var continuation: CheckedContinuation<String, any Error>
    }

    private struct State {
        var batch: [Pending] = []
        var bytes = 0
        /// Bumped when a new batch starts, so a timer only flushes the batch it was started for.
        var generation = 0
        var inFlight = 0
        var closed = false
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let client: PubSubClient
    public let topic: String
    public let settings: PubSubBatchSettings
    private let state = Mutex(State())

    init(client: PubSubClient, topic: String, settings: PubSubBatchSettings) {
        self.client = client
        self.topic = topic
        self.settings = settings
    }

    /// Messages waiting for their batch to be sent (not counting batches already in flight).
    public var pendingMessages: Int { state.withLock { $0.batch.count } }

    /// Queues the message; returns its messageId once its batch is published.
    public func publish(_ message: PubSubMessage) async throws -> String {
        try await withCheckedThrowingContinuation { continuation in
            enqueue(Pending(message: message, continuation: continuation))
        }
    }

    private func enqueue(_ pending: Pending) {
        let size = pending.message.approximateRequestBytes
        var ready: [[Pending]] = []
        var timerGeneration: Int?
        let refused = state.withLock { state -> Bool in
            if state.closed { return true }
            // A message that would push the batch over the byte limit starts the next batch.
            if !state.batch.isEmpty, state.bytes + size > settings.maxBytes {
                ready.append(take(&state))
            }
            state.batch.append(pending)
            state.bytes += size
            if state.batch.count >= settings.maxMessages || state.bytes >= settings.maxBytes {
                ready.append(take(&state))
            } else if state.batch.count == 1 {
                state.generation += 1
                timerGeneration = state.generation
            }
            return false
        }
        if refused {
            pending.continuation.resume(throwing: PubSubError.publisherClosed)
            return
        }
        for batch in ready { send(batch) }
        if let generation = timerGeneration {
            let delay = settings.maxDelay
            Task { [self] in
                try? await Task.sleep(for: delay)
                flushBatch(ifGeneration: generation)
            }
        }
    }

    /// Takes the waiting batch; the caller must send it. Counts it in flight.
    private func take(_ state: inout State) -> [Pending] {
        let batch = state.batch
        state.batch = []
        state.bytes = 0
        state.inFlight += 1
        return batch
    }

    private func flushBatch(ifGeneration generation: Int?) {
        let batch = state.withLock { state -> [Pending]? in
            guard !state.batch.isEmpty, generation == nil || state.generation == generation else { return nil }
            return take(&state)
        }
        if let batch { send(batch) }
    }

    private func send(_ batch: [Pending]) {
        Task { [self] in
            do {
                let ids = try await client.publish(topic: topic, messages: batch.map(\.message))
                for (pending, id) in zip(batch, ids) { pending.continuation.resume(returning: id) }
            } catch {
                for pending in batch { pending.continuation.resume(throwing: error) }
            }
            let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
                state.inFlight -= 1
                guard state.inFlight == 0, state.batch.isEmpty else { return [] }
                defer { state.idleWaiters = [] }
                return state.idleWaiters
            }
            for waiter in waiters { waiter.resume() }
        }
    }

    /// Sends the waiting batch now and returns when every batch sent so far has its answer.
    public func flush() async {
        flushBatch(ifGeneration: nil)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state -> Bool in
                if state.inFlight == 0, state.batch.isEmpty { return true }
                state.idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    /// Flushes, then refuses further messages with `PubSubError` (publisher closed).
    public func shutdown() async {
        state.withLock { $0.closed = true }
        await flush()
    }
}
