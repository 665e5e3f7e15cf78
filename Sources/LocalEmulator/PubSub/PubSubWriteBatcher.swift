import GRDB
import Synchronization

/// Group commit for Pub/Sub's per-request writes (publish, pull, acknowledge, modifyAckDeadline).
///
/// Requests that arrive while a transaction is running are queued and then run together in the next
/// one, so concurrent publishers and pullers share one BEGIN/COMMIT and one trip to the writer queue
/// instead of paying for their own. Nothing is answered before its transaction commits, so durability
/// is what it was. An idle emulator runs each request in its own transaction at once, with no delay.
///
/// Every transaction runs in the task of one of the requests it serves (the leader): no task outlives
/// the requests, so the server's graceful shutdown, which waits for its requests, waits for their
/// writes too. When the leader's transaction ends, the first queued request leads the next one, so a
/// request runs at most one transaction besides waiting for its own.
///
/// A request that throws must not fail the others with it: when a shared transaction throws, it is
/// rolled back whole and each of its requests runs again alone, so only the failing one sees an error.
/// A cancelled leader hands the others back to the queue: they are not failed for its cancellation.
final class PubSubWriteBatcher: Sendable {
    /// A queued request. `attempt` runs inside a transaction and returns how to answer the request,
    /// called only once that transaction has committed; `lead` tells it to run the next transaction.
    private struct Job: Sendable {
        let attempt: @Sendable (Database) throws -> @Sendable () -> Void
        let fail: @Sendable (any Error) -> Void
        let lead: @Sendable () -> Void
    }

    /// What a queued request is woken with.
    private enum Turn<T: Sendable>: Sendable {
        case answered(Result<T, any Error>)
        case lead
    }

    private struct State {
        var queue: [Job] = []
        /// Whether some request is running (or about to run) a transaction.
        var leading = false
    }

    private let writer: any DatabaseWriter
    private let state = Mutex(State())
    /// Requests per shared transaction, so one transaction (and the requests waiting on it) stays short.
    static let maximumBatch = 64

    init(writer: any DatabaseWriter) { self.writer = writer }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let turn = await withCheckedContinuation { (continuation: CheckedContinuation<Turn<T>, Never>) in
            let job = Job(
                attempt: { db in
                    let value = try body(db)
                    return { continuation.resume(returning: .answered(.success(value))) }
                },
                fail: { continuation.resume(returning: .answered(.failure($0))) },
                lead: { continuation.resume(returning: .lead) })
            let leadNow = state.withLock { state -> Bool in
                if state.leading {
                    state.queue.append(job)
                    return false
                }
                state.leading = true
                return true
            }
            if leadNow { continuation.resume(returning: .lead) }
        }
        switch turn {
        case .answered(let result): return try result.get()
        case .lead: return try await lead(with: body)
        }
    }

    /// Runs one transaction: this request's write first, then queued ones; then hands the lead on.
    private func lead<T: Sendable>(with own: @escaping @Sendable (Database) throws -> T) async throws -> T {
        var handedOff = false
        defer { if !handedOff { handOff() } }
        // A request whose task is cancelled (its caller is gone) writes nothing and leads nobody's write.
        try Task.checkCancellation()
        let others = state.withLock { state -> [Job] in
            let batch = Array(state.queue.prefix(Self.maximumBatch - 1))
            state.queue.removeFirst(batch.count)
            return batch
        }
        if others.isEmpty { return try await writer.write(own) }
        do {
            let (value, answers) = try await writer.write { db in (try own(db), try others.map { try $0.attempt(db) }) }
            // The next leader first, so the next transaction starts before the answered requests (which
            // now build their responses) take the threads.
            handOff()
            handedOff = true
            for answer in answers { answer() }
            return value
        } catch {
            return try await retryAlone(own, others)
        }
    }

    /// After a shared transaction failed: each request alone, so only a failing one sees its error.
    private func retryAlone<T: Sendable>(_ own: @escaping @Sendable (Database) throws -> T, _ others: [Job]) async throws -> T {
        for (index, job) in others.enumerated() {
            if Task.isCancelled {
                requeue(others[index...])
                throw CancellationError()
            }
            do {
                try await writer.write { db in try job.attempt(db) }()
            } catch {
                if Task.isCancelled {
                    requeue(others[index...])
                    throw error
                }
                job.fail(error)
            }
        }
        return try await writer.write(own)
    }

    /// Puts requests this (cancelled) leader did not finish back at the head of the queue.
    private func requeue(_ jobs: ArraySlice<Job>) {
        state.withLock { $0.queue.insert(contentsOf: jobs, at: 0) }
    }

    /// Wakes the first queued request to run the next transaction, or marks that nobody leads.
    private func handOff() {
        let next = state.withLock { state -> Job? in
            if state.queue.isEmpty {
                state.leading = false
                return nil
            }
            return state.queue.removeFirst()
        }
        next?.lead()
    }
}
