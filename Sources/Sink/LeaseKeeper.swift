import Synchronization

/// The ack deadlines of the messages the Sink holds.
///
/// Every held message is registered at receipt (its lease then set to `extension` by the puller), and
/// `due(now:)` names those whose lease runs out within `margin`, so they are extended before
/// Pub/Sub could hand them to another subscriber. A message held longer than `maxDuration` is no
/// longer extended (it is released: Pub/Sub redelivers it, and the insertId absorbs a row that
/// was written meanwhile). Acking or nacking a message forgets it.
final class LeaseKeeper: Sendable {
    struct Lease: Sendable {
        var receivedAt: Duration
        var expiresAt: Duration
    }

    let extensionLength: Duration
    let maxDuration: Duration
    /// Extend when less than this is left: half an extension leaves time for a slow call.
    var margin: Duration { extensionLength / 2 }
    private let leases = Mutex<[String: Lease]>([:])

    init(extension extensionLength: Duration, maxDuration: Duration) {
        self.extensionLength = extensionLength
        self.maxDuration = maxDuration
    }

    /// Pub/Sub's shortest ack deadline: what a lease is assumed to be until it is first extended.
    static let minimumDeadline = Duration.seconds(10)

    func hold(_ ackIds: [String], now: Duration) {
        leases.withLock { leases in
            for ackId in ackIds { leases[ackId] = Lease(receivedAt: now, expiresAt: now + Self.minimumDeadline) }
        }
    }

    func forget(_ ackIds: some Sequence<String>) {
        leases.withLock { leases in
            for ackId in ackIds { leases.removeValue(forKey: ackId) }
        }
    }

    var heldAckIds: [String] { leases.withLock { Array($0.keys) } }

    /// The leases to extend now, and those past their maximum, which are dropped.
    func due(now: Duration) -> (extend: [String], expired: [String]) {
        leases.withLock { leases in
            var extend: [String] = []
            var expired: [String] = []
            for (ackId, lease) in leases where lease.expiresAt - now < margin {
                if now - lease.receivedAt + extensionLength > maxDuration {
                    expired.append(ackId)
                } else {
                    extend.append(ackId)
                }
            }
            for ackId in expired { leases.removeValue(forKey: ackId) }
            return (extend, expired)
        }
    }

    /// Records that the leases were extended at `now`.
    func extended(_ ackIds: [String], now: Duration) {
        leases.withLock { leases in
            for ackId in ackIds where leases[ackId] != nil { leases[ackId]?.expiresAt = now + extensionLength }
        }
    }
}
