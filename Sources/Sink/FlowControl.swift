import Synchronization

/// Bounds the messages and bytes the Sink holds, so memory is set by configuration and not by the
/// subscription's backlog.
///
/// A pull first reserves room (`reserve`), asking for no more messages than are left under both
/// bounds. Bytes are only known after the pull, so each reserved message counts as a quarter
/// larger than the largest seen so far (and while none has been seen, one pull of one message finds
/// out): the byte bound holds unless messages grow by more than that at once. Releasing (ack or
/// nack) wakes the pulls waiting for room.
final class FlowControl: Sendable {
    struct Snapshot: Sendable, Hashable {
        var messages = 0
        var bytes = 0
        /// The most held at once since the start: the bound tests check.
        var peakMessages = 0
        var peakBytes = 0
    }

    /// Room a pull may fill: at most `messages` messages, counted as `bytes` until they arrive.
    struct Reservation: Sendable {
        var messages: Int
        var bytes: Int
    }

    private struct State {
        var held = Snapshot()
        var reserved = Reservation(messages: 0, bytes: 0)
        var largestMessage = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    let maxMessages: Int
    let maxBytes: Int
    let maxPerPull: Int
    private let state = Mutex(State())

    init(maxMessages: Int, maxBytes: Int, maxPerPull: Int) {
        self.maxMessages = maxMessages
        self.maxBytes = maxBytes
        self.maxPerPull = maxPerPull
    }

    var snapshot: Snapshot { state.withLock { $0.held } }

    /// Waits until there is room, then reserves it for the next pull.
    func reserve() async throws -> Reservation {
        while true {
            try Task.checkCancellation()
            if let granted = state.withLock({ tryReserve(&$0) }) { return granted }
            let id = state.withLock { state -> Int in
                state.nextWaiter += 1
                return state.nextWaiter
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    let resumeNow = state.withLock { state -> Bool in
                        // Checked under the lock, so a release or a cancellation between the first
                        // try and here is not missed.
                        if grantable(state) != nil || Task.isCancelled { return true }
                        state.waiters[id] = continuation
                        return false
                    }
                    if resumeNow { continuation.resume() }
                }
            } onCancel: {
                state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
            }
        }
    }

    /// A pull with `reservation` got `messages` messages holding `sizes` bytes each.
    func received(_ reservation: Reservation, sizes: [Int]) {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.reserved.messages -= reservation.messages
            state.reserved.bytes -= reservation.bytes
            state.held.messages += sizes.count
            state.held.bytes += sizes.reduce(0, +)
            state.largestMessage = max(state.largestMessage, sizes.max() ?? 0)
            state.held.peakMessages = max(state.held.peakMessages, state.held.messages)
            state.held.peakBytes = max(state.held.peakBytes, state.held.bytes)
            return takeWaiters(&state)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Messages acked or nacked: their room is free again.
    func release(messages: Int, bytes: Int) {
        guard messages > 0 else { return }
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.held.messages -= messages
            state.held.bytes -= bytes
            return takeWaiters(&state)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// What a pull may reserve now, or nil when it must wait.
    private func grantable(_ state: State) -> Reservation? {
        let messagesLeft = maxMessages - state.held.messages - state.reserved.messages
        let bytesLeft = maxBytes - state.held.bytes - state.reserved.bytes
        guard messagesLeft > 0, bytesLeft > 0 else { return nil }
        guard state.largestMessage > 0 else {
            // No size known yet: one pull of a single message finds it out.
            return state.reserved.messages == 0 ? Reservation(messages: 1, bytes: 0) : nil
        }
        let estimate = state.largestMessage + state.largestMessage / 4 + 1
        var count = min(maxPerPull, messagesLeft, bytesLeft / estimate)
        // A message larger than the whole byte bound still gets through, alone.
        if count == 0, state.held.messages == 0, state.reserved.messages == 0 { count = 1 }
        return count >= 1 ? Reservation(messages: count, bytes: count * estimate) : nil
    }

    private func tryReserve(_ state: inout State) -> Reservation? {
        guard let reservation = grantable(state) else { return nil }
        state.reserved.messages += reservation.messages
        state.reserved.bytes += reservation.bytes
        return reservation
    }

    private func takeWaiters(_ state: inout State) -> [CheckedContinuation<Void, Never>] {
        defer { state.waiters.removeAll() }
        return Array(state.waiters.values)
    }
}
