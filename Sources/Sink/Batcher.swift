import Synchronization

/// Messages gathered for one insertAll: rows to write, and rejects to dead-letter with them.
struct Batch: Sendable {
    var messages: [HeldMessage] = []
    var rowBytes = 0
    /// When the first message arrived, on the Sink's clock.
    var startedAt: Duration = .zero

    var isEmpty: Bool { messages.isEmpty }
}

/// Decides when a batch is written: at `maxRows` messages, at `maxBytes` of row JSON, or
/// `maxAge` after its first message, whichever comes first.
///
/// A value type with no clock of its own: callers pass the time, so thresholds are tested without
/// waiting and the Sink's age timer and pull loops share one instance under a lock.
struct Batcher: Sendable {
    let maxRows: Int
    let maxBytes: Int
    let maxAge: Duration
    private(set) var current = Batch()

    init(maxRows: Int, maxBytes: Int, maxAge: Duration) {
        self.maxRows = maxRows
        self.maxBytes = maxBytes
        self.maxAge = maxAge
    }

    /// Adds a message; returns the batches that are full (the current one, and before it the one a
    /// message too big to join was waiting on).
    mutating func add(_ message: HeldMessage, now: Duration) -> [Batch] {
        var full: [Batch] = []
        let bytes: Int
        if case .row(_, let rowBytes) = message.mapping { bytes = rowBytes } else { bytes = 0 }
        // A row that would push the batch over the byte limit starts the next batch instead.
        if !current.isEmpty, current.rowBytes + bytes > maxBytes { full.append(take()) }
        if current.isEmpty { current.startedAt = now }
        current.messages.append(message)
        current.rowBytes += bytes
        if current.messages.count >= maxRows || current.rowBytes >= maxBytes { full.append(take()) }
        return full
    }

    /// When the current batch becomes due by age; nil when there is none.
    var deadline: Duration? { current.isEmpty ? nil : current.startedAt + maxAge }

    /// The current batch when it is old enough at `now`.
    mutating func takeIfDue(now: Duration) -> Batch? {
        guard let deadline, now >= deadline else { return nil }
        return take()
    }

    /// The current batch whatever its age (shutdown flushes it); nil when empty.
    mutating func takeAll() -> Batch? { current.isEmpty ? nil : take() }

    private mutating func take() -> Batch {
        defer { current = Batch() }
        return current
    }
}

/// The one `Batcher` the pull loops and the age timer share.
final class SharedBatcher: Sendable {
    private let batcher: Mutex<Batcher>

    init(_ batcher: Batcher) { self.batcher = Mutex(batcher) }

    func withLock<T: Sendable>(_ body: (inout Batcher) -> T) -> T { batcher.withLock { body(&$0) } }
}
