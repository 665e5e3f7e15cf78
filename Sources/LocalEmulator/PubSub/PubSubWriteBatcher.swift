import GRDB
import Synchronization

/// Group commit for Pub/Sub's per-request writes (publish, pull, acknowledge, modifyAckDeadline).
///
/// Requests that arrive while a transaction is running are queued and then run together in the next
/// one, so concurrent publishers and pullers share one BEGIN/COMMIT and one trip to the writer queue
/// instead of paying for their own. Nothing is answered before its transaction commits, so durability
/// is what it was. An idle emulator runs each request in its own transaction at once, with no delay.
///
/// A request that throws must not fail the others with it: when a shared transaction throws, it is
/// rolled back whole and each of its requests runs again alone, so only the failing one sees an error.
final class PubSubWriteBatcher: Sendable {
    /// One request's work. `attempt` runs inside a transaction and returns how to answer the request,
    /// called only once that transaction has committed.
    private struct Job: Sendable {
        let attempt: @Sendable (Database) throws -> @Sendable () -> Void
        let fail: @Sendable (any Error) -> Void
    }

    private struct State {
        var queue: [Job] = []
        var draining = false
    }

    private let writer: any DatabaseWriter
    private let state = Mutex(State())
    /// Requests per shared transaction, so one transaction (and the requests waiting on it) stays short.
    static let maximumBatch = 64

    init(writer: any DatabaseWriter) { self.writer = writer }

    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let job = Job(
                attempt: { db in
                    let value = try body(db)
                    return { continuation.resume(returning: value) }
                }, fail: { continuation.resume(throwing: $0) })
            let startDrain = state.withLock { state -> Bool in
                state.queue.append(job)
                if state.draining { return false }
                state.draining = true
                return true
            }
            // Draining runs apart from every request, so no request waits for others' later batches.
            if startDrain { Task { await self.drain() } }
        }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [Job] in
                let batch = Array(state.queue.prefix(Self.maximumBatch))
                state.queue.removeFirst(batch.count)
                if batch.isEmpty { state.draining = false }
                return batch
            }
            if batch.isEmpty { return }
            do {
                let answers = try await writer.write { db in try batch.map { try $0.attempt(db) } }
                for answer in answers { answer() }
            } catch  where batch.count > 1 {
                for job in batch { await run(alone: job) }
            } catch {
                batch[0].fail(error)
            }
        }
    }

    private func run(alone job: Job) async {
        do {
            try await writer.write { db in try job.attempt(db) }()
        } catch {
            job.fail(error)
        }
    }
}
