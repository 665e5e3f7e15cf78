import Synchronization

/// Lets at most `limit` callers through at once; the rest wait their turn, first come first served.
///
/// `/ingestData` holds a request's parsed events and its messages until every one is published, a few
/// hundred KiB for a 100-event body: at a thousand concurrent requests that was over 500 MiB. Behind
/// the gate a waiting request has not read its body yet, so its bytes stay in the socket (the client
/// is slowed by TCP, not buffered by us) and memory is set by `limit`, not by the number of callers.
/// Throughput is set by the publisher either way.
final class AdmissionGate: Sendable {
    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var inside = 0
        var waiting: [Waiter] = []
        /// Index of the first waiter still in `waiting` (taken ones are skipped, then trimmed).
        var head = 0
        var nextId = 0

        /// Takes a place when one is free and nobody is ahead in the queue.
        mutating func admitsAtOnce(limit: Int) -> Bool {
            guard inside < limit, head == waiting.count else { return false }
            inside += 1
            return true
        }
    }

    let limit: Int
    private let state = Mutex(State())

    init(limit: Int) { self.limit = max(1, limit) }

    /// Callers let through and not yet done.
    var admitted: Int { state.withLock { $0.inside } }

    /// Callers waiting for their turn.
    var waiting: Int { state.withLock { $0.waiting.count - $0.head } }

    /// Runs `body` once admitted. A caller cancelled while it waits leaves the queue and throws
    /// `CancellationError` without running `body`.
    func withAdmission<T>(_ body: () async throws -> T) async throws -> T {
        try await enter()
        defer { leave() }
        return try await body()
    }

    private func enter() async throws {
        let ticket = state.withLock { state -> Int? in
            if state.admitsAtOnce(limit: limit) { return nil }
            state.nextId += 1
            return state.nextId
        }
        guard let ticket else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Looked at again under the lock: a place may have been freed since the ticket was taken,
                // with nobody queued yet to hand it to.
                let outcome = state.withLock { state -> Result<Bool, CancellationError> in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if state.admitsAtOnce(limit: limit) { return .success(true) }
                    state.waiting.append(Waiter(id: ticket, continuation: continuation))
                    return .success(false)
                }
                switch outcome {
                case .failure(let error): continuation.resume(throwing: error)
                case .success(true): continuation.resume()
                case .success(false): break
                }
            }
        } onCancel: {
            let removed = state.withLock { state -> Waiter? in
                guard let index = state.waiting[state.head...].firstIndex(where: { $0.id == ticket }) else { return nil }
                return state.waiting.remove(at: index)
            }
            removed?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Hands the place to the first waiter, if any; otherwise frees it.
    private func leave() {
        let next = state.withLock { state -> Waiter? in
            guard state.head < state.waiting.count else {
                state.inside -= 1
                return nil
            }
            let waiter = state.waiting[state.head]
            state.head += 1
            if state.head > 64, state.head * 2 > state.waiting.count {
                state.waiting.removeFirst(state.head)
                state.head = 0
            }
            return waiter
        }
        next?.continuation.resume()
    }
}
