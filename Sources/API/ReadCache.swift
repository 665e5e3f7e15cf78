import Synchronization

/// How long identical reads share an answer, and how much the cache may hold.
public struct ReadCacheConfiguration: Sendable, Hashable {
    /// Zero turns the cache off (concurrent identical reads still share one query).
    public var ttl: Duration
    public var maxEntries: Int
    public var maxBytes: Int

    public init(ttl: Duration = .seconds(2), maxEntries: Int = 1000, maxBytes: Int = 32 << 20) {
        self.ttl = ttl
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
    }
}

/// A short-lived cache of `/getData` pages that runs one query per key at a time: a read arriving
/// while the same read is running waits for that query instead of starting another, and a read within
/// `ttl` of it gets its answer. Bounded in entries and bytes; the oldest entries leave first. Failures
/// are not kept: the next read tries again.
final class ReadCache<Value: Sendable>: Sendable {
    private enum Slot {
        case loading(Task<Value, any Error>, generation: Int)
        case ready(Value, expires: Duration, bytes: Int)
    }

    private enum Plan {
        case hit(Value)
        case join(Task<Value, any Error>)
        case lead(Task<Value, any Error>, generation: Int)
    }

    private struct State {
        var slots: [String: Slot] = [:]
        /// Keys of ready entries, oldest first.
        var order: [String] = []
        var bytes = 0
        var generation = 0

        /// Drops a ready entry; the key leaves `order` whatever its slot, so eviction always progresses.
        mutating func remove(_ key: String) {
            if case .ready(_, _, let size)? = slots[key] {
                slots[key] = nil
                bytes -= size
            }
            if let index = order.firstIndex(of: key) { order.remove(at: index) }
        }
    }

    let configuration: ReadCacheConfiguration
    private let elapsed: @Sendable () -> Duration
    private let size: @Sendable (Value) -> Int
    private let state = Mutex(State())

    init(configuration: ReadCacheConfiguration, stopwatch: Stopwatch, size: @escaping @Sendable (Value) -> Int) {
        self.configuration = configuration
        self.size = size
        elapsed = stopwatch.elapsed
    }

    /// The cached or shared value for `key` (`shared` true), else what `load` gives.
    func value(for key: String, load: @escaping @Sendable () async throws -> Value) async throws -> (value: Value, shared: Bool) {
        let now = elapsed()
        let plan = state.withLock { state -> Plan in
            switch state.slots[key] {
            case .ready(let value, let expires, _)? where expires > now: return .hit(value)
            case .loading(let task, _)?: return .join(task)
            case .ready?: state.remove(key)
            case nil: break
            }
            state.generation += 1
            let task = Task { try await load() }
            state.slots[key] = .loading(task, generation: state.generation)
            return .lead(task, generation: state.generation)
        }
        switch plan {
        case .hit(let value): return (value, true)
        case .join(let task): return (try await task.value, true)
        case .lead(let task, let generation):
            do {
                let value = try await task.value
                store(value, key: key, generation: generation)
                return (value, false)
            } catch {
                state.withLock { state in
                    if case .loading(_, generation)? = state.slots[key] { state.slots[key] = nil }
                }
                throw error
            }
        }
    }

    var count: Int { state.withLock { $0.order.count } }

    private func store(_ value: Value, key: String, generation: Int) {
        let bytes = size(value)
        let expires = elapsed() + configuration.ttl
        state.withLock { state in
            guard case .loading(_, generation)? = state.slots[key] else { return }
            state.slots[key] = nil
            guard configuration.ttl > .zero, configuration.maxEntries > 0, bytes <= configuration.maxBytes else { return }
            while !state.order.isEmpty, state.order.count >= configuration.maxEntries || state.bytes + bytes > configuration.maxBytes {
                state.remove(state.order[0])
            }
            state.slots[key] = .ready(value, expires: expires, bytes: bytes)
            state.order.append(key)
            state.bytes += bytes
        }
    }
}
