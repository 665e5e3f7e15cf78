import ServiceLifecycle
import Synchronization

/// Work a request starts and does not wait for, such as a query job that goes on after jobs.insert
/// (or jobs.query's `timeoutMs`) has answered.
///
/// It runs as child tasks of `run()`, which `LocalEmulator.makeApplication` runs beside the server, so
/// nothing the emulator started outlives the application. A graceful shutdown (or `Stopper`, before
/// the server stops) cancels what is still running (a query job ends with BigQuery's `stopped` error: its
/// results are held in memory and nobody could read them), waits for it to end, and refuses later work.
final class BackgroundWork: Service, Sendable {
    /// One piece of work, and what to do with it if it will never run.
    private struct Item: Sendable {
        let work: @Sendable () async -> Void
        let refuse: @Sendable () -> Void
    }

    private struct State {
        var waiting: [Item] = []
        var closed = false
    }

    private let state = Mutex(State())
    /// Tells `run()` there is work waiting; one buffered signal is enough, as it takes all there is.
    private let wakeUps: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    init() {
        (wakeUps, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Runs `work` as a child task of `run()`; calls `refuse` instead when the emulator is shutting down.
    /// Work submitted before `run()` starts waits for it.
    func submit(_ work: @escaping @Sendable () async -> Void, refuse: @escaping @Sendable () -> Void) {
        let accepted = state.withLock { state -> Bool in
            if state.closed { return false }
            state.waiting.append(Item(work: work, refuse: refuse))
            return true
        }
        if accepted { wake.yield() } else { refuse() }
    }

    func run() async throws {
        await withGracefulShutdownHandler {
            await withDiscardingTaskGroup { group in
                for await _ in wakeUps {
                    let (items, closed) = state.withLock { state in
                        defer { state.waiting = [] }
                        return (state.waiting, state.closed)
                    }
                    for item in items { group.addTask { await item.work() } }
                    if closed { break }
                }
                // Shutting down, stopped early or cancelled: what still runs is stopped, and the group
                // waits for it to end.
                group.cancelAll()
            }
            // Stopped early (see `Stopper`): later work is refused until the shutdown comes.
            try? await gracefulShutdown()
        } onGracefulShutdown: {
            self.close()
        }
        close()
        for item in state.withLock({ state in
            defer { state.waiting = [] }
            return state.waiting
        }) { item.refuse() }
    }

    /// Stops the running work when a graceful shutdown reaches it. Run after the emulator's server
    /// in a `ServiceGroup`, it is told before the server, which drains its requests before the
    /// background work would be told: a request waiting for the database behind a long query (a
    /// memory database has one connection) would hold the shutdown up until the query's time limit.
    struct Stopper: Service {
        let work: BackgroundWork

        func run() async throws {
            try? await gracefulShutdown()
            work.close()
        }
    }

    private func close() {
        state.withLock { $0.closed = true }
        wake.yield()
    }
}
