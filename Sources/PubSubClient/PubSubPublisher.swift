import ServiceLifecycle
import Synchronization

/// Gathers messages published one by one into publish requests, and hands each caller its messageId.
///
/// A batch goes out when it reaches `maxMessages` or `maxBytes`, or `maxDelay` after its first
/// message. Several batches may be in flight at once. The messages of one `publish(contentsOf:)` call
/// are never split between batches (unless one request cannot carry them), so a batch may be larger.
///
/// The publisher is a `Service`: its requests and delay timers are child tasks of `run()`, so run it
/// in the `ServiceGroup` of the process (or a task group). Messages published before it runs wait for
/// it. On graceful shutdown it sends what is waiting, refuses later messages, and returns once every
/// batch has its answer; cancelled instead, it fails whatever was not sent with `PubSubError`.
public final class PubSubPublisher: Service, Sendable {
    /// When the publisher sends what it has gathered. Google's client libraries default to
    /// 100 messages, 1 MB or 10 ms, whichever comes first.
    public struct Configuration: Sendable, Hashable {
        public var maxMessages: Int
        public var maxBytes: Int
        public var maxDelay: Duration

        public init(maxMessages: Int = 100, maxBytes: Int = 1_000_000, maxDelay: Duration = .milliseconds(10)) {
            self.maxMessages = min(max(1, maxMessages), 1000)
            self.maxBytes = max(1, maxBytes)
            self.maxDelay = maxDelay
        }
    }

    private struct Pending {
        var message: PubSubMessage
        /// The publish call the message came in, and its place there.
        var receipt: PublishReceipt
        var index: Int
    }

    private struct State {
        var batch: [Pending] = []
        var bytes = 0
        /// Bumped when a new batch starts, so a timer only flushes the batch it was started for.
        var generation = 0
        /// Batches taken and waiting for `run()` to send them.
        var ready: [[Pending]] = []
        /// Batches whose delay timer `run()` has yet to start, by generation.
        var timers: [Int] = []
        /// Batches taken and not yet answered (ready or being sent).
        var unanswered = 0
        var closed = false
        var idleWaiters: [CheckedContinuation<Void, Never>] = []

        var isIdle: Bool { unanswered == 0 && batch.isEmpty }

        /// Takes the waiting batch into `ready`.
        mutating func takeBatch() {
            guard !batch.isEmpty else { return }
            ready.append(batch)
            batch = []
            bytes = 0
            unanswered += 1
        }
    }

    private let client: PubSubClient
    public let topic: String
    public let configuration: Configuration
    private let clock: any Clock<Duration>
    private let state = Mutex(State())
    /// Tells `run()` there is work in `state`; one buffered signal is enough, as it takes all there is.
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    init(client: PubSubClient, topic: String, configuration: Configuration, clock: any Clock<Duration>) {
        self.client = client
        self.topic = topic
        self.configuration = configuration
        self.clock = clock
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Messages waiting for their batch to be sent (not counting batches already taken).
    public var pendingMessages: Int { state.withLock { $0.batch.count } }

    /// Queues the message; returns its messageId once its batch is published.
    public func publish(_ message: PubSubMessage) async throws -> String {
        try await publish(contentsOf: [message])[0]
    }

    /// Queues the messages, in order, with those of other callers; returns their messageIds, in
    /// order, once every one is published.
    ///
    /// The messages of one call travel together, in one publish request (which Pub/Sub takes whole or
    /// not at all), even past `maxMessages` and `maxBytes`: a call that throws published none of them,
    /// a call that returns published all, so a caller never half-publishes (the API's ingest rests on
    /// it). Only a call beyond what one request may carry (`requestMessageLimit` messages or
    /// `requestByteLimit` bytes) is split; then, when one of its requests fails, this throws that error
    /// and the others may have been published all the same.
    ///
    /// One call and one suspension for the lot, where a task per message would cost a task each
    /// (a thousand concurrent 100-event requests made a hundred thousand).
    public func publish(contentsOf messages: [PubSubMessage]) async throws -> [String] {
        guard !messages.isEmpty else { return [] }
        return try await withCheckedThrowingContinuation { continuation in
            let receipt = PublishReceipt(count: messages.count, continuation: continuation)
            enqueue(messages.enumerated().map { Pending(message: $0.element, receipt: receipt, index: $0.offset) })
        }
    }

    /// What one publish request may carry: Pub/Sub's limits (1000 messages, 10 MB), less a margin for
    /// the request's own JSON.
    public static let requestMessageLimit = 1000
    public static let requestByteLimit = 9_000_000

    private func enqueue(_ pendings: [Pending]) {
        let parts = Self.requests(pendings)
        let refused = state.withLock { state -> Bool in
            if state.closed { return true }
            for (part, bytes) in parts {
                // The waiting batch leaves first if the part would push it over a limit: the part starts the next one.
                if !state.batch.isEmpty,
                    state.batch.count + part.count > configuration.maxMessages || state.bytes + bytes > configuration.maxBytes
                {
                    state.takeBatch()
                }
                let started = state.batch.isEmpty
                state.batch += part
                state.bytes += bytes
                if state.batch.count >= configuration.maxMessages || state.bytes >= configuration.maxBytes {
                    state.takeBatch()
                } else if started {
                    state.generation += 1
                    state.timers.append(state.generation)
                }
            }
            return false
        }
        if refused {
            for pending in pendings { pending.receipt.record(.failure(PubSubError.publisherClosed), at: pending.index) }
            return
        }
        wake.yield()
    }

    /// A call's messages as the parts that must each travel in one request: the whole call when one
    /// request can carry it, else the fewest in-order pieces that each fit. With each part's bytes.
    private static func requests(_ pendings: [Pending]) -> [(part: [Pending], bytes: Int)] {
        var parts: [(part: [Pending], bytes: Int)] = []
        var part: [Pending] = []
        var bytes = 0
        for pending in pendings {
            let size = pending.message.approximateRequestBytes
            if !part.isEmpty, part.count == requestMessageLimit || bytes + size > requestByteLimit {
                parts.append((part, bytes))
                part = []
                bytes = 0
            }
            part.append(pending)
            bytes += size
        }
        if !part.isEmpty { parts.append((part, bytes)) }
        return parts
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { requests in
                await withDiscardingTaskGroup { timers in
                    for await _ in wakeUps {
                        let (ready, newTimers, closed) = state.withLock { state in
                            defer {
                                state.ready = []
                                state.timers = []
                            }
                            return (state.ready, state.timers, state.closed)
                        }
                        for batch in ready { requests.addTask { await self.send(batch) } }
                        for generation in newTimers {
                            timers.addTask { await self.flush(afterDelayOf: generation) }
                        }
                        // `close()` took the last batch before it signalled, so nothing can follow.
                        if closed { break }
                    }
                    // Timers only ever flush a batch, and there is none left to flush.
                    timers.cancelAll()
                }
            }
        } onGracefulShutdown: {
            self.close()
        }
        failUnsent()
    }

    private func flush(afterDelayOf generation: Int) async {
        do { try await clock.sleep(for: configuration.maxDelay) } catch { return }
        let taken = state.withLock { state -> Bool in
            guard state.generation == generation, !state.batch.isEmpty else { return false }
            state.takeBatch()
            return true
        }
        if taken { wake.yield() }
    }

    private func send(_ batch: [Pending]) async {
        do {
            let ids = try await client.publish(topic: topic, messages: batch.map(\.message))
            for (pending, id) in zip(batch, ids) { pending.receipt.record(.success(id), at: pending.index) }
        } catch {
            for pending in batch { pending.receipt.record(.failure(error), at: pending.index) }
        }
        answered(batches: 1)
    }

    private func answered(batches: Int) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.unanswered -= batches
            guard state.isIdle else { return [] }
            defer { state.idleWaiters = [] }
            return state.idleWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    /// After `run()` ended without sending everything (it was cancelled): nothing will send it now.
    private func failUnsent() {
        let unsent = state.withLock { state -> [[Pending]] in
            state.closed = true
            state.takeBatch()
            defer { state.ready = [] }
            return state.ready
        }
        for batch in unsent {
            for pending in batch { pending.receipt.record(.failure(PubSubError.publisherClosed), at: pending.index) }
        }
        answered(batches: unsent.count)
        wake.finish()
    }

    /// Refuses later messages and sends the waiting batch now.
    private func close() {
        state.withLock { state in
            state.closed = true
            state.takeBatch()
        }
        wake.yield()
    }

    /// Sends the waiting batch now and returns when every batch taken so far has its answer.
    public func flush() async {
        let hasBatch = state.withLock { state -> Bool in
            state.takeBatch()
            return !state.ready.isEmpty
        }
        if hasBatch { wake.yield() }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state -> Bool in
                if state.isIdle { return true }
                state.idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    /// Refuses further messages with `PubSubError` (publisher closed), sends what is waiting and returns
    /// once everything is answered; `run()` then returns.
    public func shutdown() async {
        close()
        await flush()
    }
}

/// The messageIds of one `publish` call, gathered as its messages' batches are answered; the call
/// resumes once all are in, with the ids in order or with the first failure.
private final class PublishReceipt: Sendable {
    private struct State {
        var ids: [String]
        var remaining: Int
        var failure: (any Error)?
        var continuation: CheckedContinuation<[String], any Error>?
    }
    private let state: Mutex<State>

    init(count: Int, continuation: CheckedContinuation<[String], any Error>) {
        state = Mutex(State(ids: Array(repeating: "", count: count), remaining: count, continuation: continuation))
    }

    func record(_ result: Result<String, any Error>, at index: Int) {
        let finished = state.withLock { state -> (CheckedContinuation<[String], any Error>, Result<[String], any Error>)? in
            switch result {
            case .success(let id): state.ids[index] = id
            case .failure(let error): if state.failure == nil { state.failure = error }
            }
            state.remaining -= 1
            guard state.remaining == 0, let continuation = state.continuation else { return nil }
            state.continuation = nil
            return (continuation, state.failure.map { .failure($0) } ?? .success(state.ids))
        }
        if let (continuation, outcome) = finished { continuation.resume(with: outcome) }
    }
}
