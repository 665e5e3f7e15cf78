import Synchronization

/// Wakes pulls that wait on an empty subscription as soon as a message arrives for it.
///
/// Each subscription has a generation number that every publish (or nack) to it bumps. A pull reads
/// the generation before it looks at the database and then waits only while the generation is
/// unchanged, so a message committed between the look and the wait is never missed. Waiting holds
/// no database connection and no thread.
final class PubSubSignals: Sendable {
    private struct State {
        var generations: [Int64: UInt64] = [:]
        var waiters: [Int64: [Int: CheckedContinuation<Void, Never>]] = [:]
        var pending: Set<Int> = []
        var cancelled: Set<Int> = []
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    func generation(of subscription: Int64) -> UInt64 {
        state.withLock { $0.generations[subscription, default: 0] }
    }

    func notify(_ subscriptions: some Sequence<Int64>) {
        let woken = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            var woken: [CheckedContinuation<Void, Never>] = []
            for subscription in subscriptions {
                state.generations[subscription, default: 0] &+= 1
                if let waiters = state.waiters.removeValue(forKey: subscription) {
                    for (id, continuation) in waiters {
                        state.pending.remove(id)
                        woken.append(continuation)
                    }
                }
            }
            return woken
        }
        for continuation in woken { continuation.resume() }
    }

    /// Returns when the subscription's generation moves past `token`, after `timeout`, or on cancellation.
    func wait(for subscription: Int64, after token: UInt64, timeout: Duration) async {
        let id = state.withLock { state in
            state.nextWaiter += 1
            state.pending.insert(state.nextWaiter)
            return state.nextWaiter
        }
        // The timer is a child task, so it never outlives the wait: the waiting itself stays in this
        // task (a publish wakes it directly), and the timer is cancelled and awaited once it ends.
        await withTaskGroup(of: Void.self) { timer in
            timer.addTask {
                do { try await Task.sleep(for: timeout) } catch { return }
                self.stopWaiting(subscription, id)
            }
            await waitForSignal(subscription, after: token, id: id)
            timer.cancelAll()
        }
    }

    /// Returns when the subscription's generation moves past `token`, or at once on cancellation or `stopWaiting`.
    private func waitForSignal(_ subscription: Int64, after token: UInt64, id: Int) async {
        defer {
            state.withLock { state in
                state.pending.remove(id)
                state.cancelled.remove(id)
            }
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.generations[subscription, default: 0] != token || state.cancelled.contains(id) {
                        state.pending.remove(id)
                        return true
                    }
                    state.waiters[subscription, default: [:]][id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            stopWaiting(subscription, id)
        }
    }

    private func stopWaiting(_ subscription: Int64, _ id: Int) {
        let continuation = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.pending.contains(id) else { return nil }
            if let continuation = state.waiters[subscription]?.removeValue(forKey: id) {
                if state.waiters[subscription]?.isEmpty == true { state.waiters[subscription] = nil }
                state.pending.remove(id)
                return continuation
            }
            // Not registered yet: the registration will see this and return at once.
            state.cancelled.insert(id)
            return nil
        }
        continuation?.resume()
    }

    /// Waiters still parked; for tests that check nothing leaks.
    var waiterCount: Int { state.withLock { $0.waiters.values.reduce(0) { $0 + $1.count } } }
}
