import Synchronization

/// Lets callers through while the sum of their weights stays within `capacity`; the rest wait their
/// turn, first come first served (a heavy caller at the head is not overtaken by light ones behind it).
///
/// The API's `/ingestData` and the emulator's request bodies each go through one. `/ingestData` holds
/// a request's parsed events and its messages until every one is published, some twenty times the
/// body's size: a thousand concurrent 100-event requests took the API past 500 MiB.
/// Weighed by body size, a waiting request has not read its body yet, so its bytes stay in the socket
/// (the client is slowed by TCP, not buffered here) and memory is set by `capacity`, not by the number
/// of callers. By bytes rather than by requests, so that small requests, which spend most of their
/// time waiting for the publisher's batch, are not held to the same count as large ones.
public final class AdmissionGate: Sendable {
    private struct Waiter {
        let id: Int
        let weight: Int
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var used = 0
        var inside = 0
        var waiting: [Waiter] = []
        /// Index of the first waiter still in `waiting` (taken ones are skipped, then trimmed).
        var head = 0
        var nextId = 0

        /// Takes room for `weight` when there is enough and nobody is ahead in the queue.
        mutating func admitsAtOnce(_ weight: Int, capacity: Int) -> Bool {
            guard used + weight <= capacity, head == waiting.count else { return false }
            used += weight
            inside += 1
            return true
        }
    }

    public let capacity: Int
    private let state = Mutex(State())

    public init(capacity: Int) { self.capacity = max(1, capacity) }

    /// Callers let through and not yet done.
    public var admitted: Int { state.withLock { $0.inside } }

    /// Callers waiting for their turn.
    public var waiting: Int { state.withLock { $0.waiting.count - $0.head } }

    /// Runs `body` once `weight` fits (a weight over `capacity` counts as `capacity`, so it passes
    /// alone). A caller cancelled while it waits leaves the queue and throws `CancellationError`
    /// without running `body`.
    public func withAdmission<T>(weight: Int, _ body: () async throws -> T) async throws -> T {
        let weight = min(max(weight, 0), capacity)
        try await enter(weight)
        defer { leave(weight) }
        return try await body()
    }

    private func enter(_ weight: Int) async throws {
        let ticket = state.withLock { state -> Int? in
            if state.admitsAtOnce(weight, capacity: capacity) { return nil }
            state.nextId += 1
            return state.nextId
        }
        guard let ticket else { return }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // Looked at again under the lock: room may have been freed since the ticket was taken,
                // with nobody queued yet to hand it to.
                let outcome = state.withLock { state -> Result<Bool, CancellationError> in
                    if Task.isCancelled { return .failure(CancellationError()) }
                    if state.admitsAtOnce(weight, capacity: capacity) { return .success(true) }
                    state.waiting.append(Waiter(id: ticket, weight: weight, continuation: continuation))
                    return .success(false)
                }
                switch outcome {
                case .failure(let error): continuation.resume(throwing: error)
                case .success(true): continuation.resume()
                case .success(false): break
                }
            }
        } onCancel: {
            let (removed, admitted) = state.withLock { state -> (Waiter?, [Waiter]) in
                guard let index = state.waiting[state.head...].firstIndex(where: { $0.id == ticket }) else { return (nil, []) }
                let removed = state.waiting.remove(at: index)
                // A heavy waiter that leaves from the head may unblock lighter ones behind it.
                return (removed, admitNext(&state))
            }
            removed?.continuation.resume(throwing: CancellationError())
            for waiter in admitted { waiter.continuation.resume() }
        }
    }

    /// Frees `weight` and lets in the waiters at the head that now fit.
    private func leave(_ weight: Int) {
        let admitted = state.withLock { state -> [Waiter] in
            state.used -= weight
            state.inside -= 1
            return admitNext(&state)
        }
        for waiter in admitted { waiter.continuation.resume() }
    }

    private func admitNext(_ state: inout State) -> [Waiter] {
        var admitted: [Waiter] = []
        while state.head < state.waiting.count, state.used + state.waiting[state.head].weight <= capacity {
            let waiter = state.waiting[state.head]
            state.head += 1
            state.used += waiter.weight
            state.inside += 1
            admitted.append(waiter)
        }
        if state.head > 64, state.head * 2 > state.waiting.count {
            state.waiting.removeFirst(state.head)
            state.head = 0
        }
        return admitted
    }
}
