import LocalEmulator
import Synchronization

/// What one StreamingPull stream has handed out and not yet seen settled: its flow control counts
/// these against the client's `max_outstanding_messages`/`max_outstanding_bytes`.
///
/// Client libraries settle messages over the unary Acknowledge and ModifyAckDeadline calls as well
/// as on the stream, so every stream of a subscription registers in `PubSubStreamRegistry` and hears
/// of those too. A lease nobody extends stops counting when its deadline passes (the store
/// redelivers the message then), so a client that drops messages silently cannot stall its stream.
final class PubSubStreamLeases: Sendable {
    private struct Lease {
        var bytes: Int
        var expires: ContinuousClock.Instant
    }

    private let leases = Mutex<[String: Lease]>([:])
    private let maxMessages: Int
    private let maxBytes: Int

    /// Limits of 0 or less mean none, as the API defines them.
    init(maxMessages: Int64, maxBytes: Int64) {
        self.maxMessages = maxMessages > 0 ? Int(clamping: maxMessages) : Int.max
        self.maxBytes = maxBytes > 0 ? Int(clamping: maxBytes) : Int.max
    }

    /// How many more messages the stream may send now (0: wait for settlements).
    func room(now: ContinuousClock.Instant) -> Int {
        leases.withLock { leases in
            leases = leases.filter { $0.value.expires > now }
            let bytes = leases.values.reduce(0) { $0 + $1.bytes }
            guard bytes < maxBytes else { return 0 }
            return max(0, maxMessages - leases.count)
        }
    }

    func add(_ ackId: String, bytes: Int, expires: ContinuousClock.Instant) {
        leases.withLock { $0[ackId] = Lease(bytes: bytes, expires: expires) }
    }

    func settle(_ ackIds: [String]) {
        leases.withLock { leases in for id in ackIds { leases[id] = nil } }
    }

    func extend(_ ackIds: [String], until expires: ContinuousClock.Instant) {
        leases.withLock { leases in
            for id in ackIds where leases[id] != nil { leases[id]?.expires = expires }
        }
    }
}

/// The open streams of each subscription, so unary acks and deadline changes reach their counts.
final class PubSubStreamRegistry: Sendable {
    private let streams = Mutex<[String: [ObjectIdentifier: PubSubStreamLeases]]>([:])

    func register(_ leases: PubSubStreamLeases, subscription: String) {
        streams.withLock { $0[subscription, default: [:]][ObjectIdentifier(leases)] = leases }
    }

    func unregister(_ leases: PubSubStreamLeases, subscription: String) {
        streams.withLock { streams in
            streams[subscription]?[ObjectIdentifier(leases)] = nil
            if streams[subscription]?.isEmpty == true { streams[subscription] = nil }
        }
    }

    /// Acks settle; a deadline of 0 (a nack) settles; a longer one extends.
    func acknowledged(_ ackIds: [String], subscription: String) {
        for leases in streams(of: subscription) { leases.settle(ackIds) }
    }

    func deadlineChanged(_ ackIds: [String], seconds: Int, subscription: String, now: ContinuousClock.Instant) {
        for leases in streams(of: subscription) {
            if seconds == 0 { leases.settle(ackIds) } else { leases.extend(ackIds, until: now + .seconds(seconds)) }
        }
    }

    private func streams(of subscription: String) -> [PubSubStreamLeases] {
        streams.withLock { Array(($0[subscription] ?? [:]).values) }
    }
}
