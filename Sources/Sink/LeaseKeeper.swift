import Synchronization

/// The ack deadlines of the messages the Sink holds.
///
/// Every held message is registered at receipt with the lease its pull gave it, taken to be Pub/Sub's
/// shortest (10 s) since the subscription's own is not known here, and `due(now:)` names those with
/// half their lease or less left, so they are extended before Pub/Sub could hand them to another
/// subscriber. Most messages are stored and acked well inside those first seconds and are never
/// extended: no `modifyAckDeadline` call per pull, which was a quarter of the emulator's work per
/// message. A message held longer than `maxDuration` is no longer extended (it is released: Pub/Sub
/// redelivers it, and the insertId absorbs a row that was written meanwhile). Acking or nacking a
/// message forgets it.
final class LeaseKeeper: Sendable {
    struct Lease: Sendable {
        var receivedAt: Duration
        var expiresAt: Duration
        /// How long the lease was when last set: it is due once half of that is left.
        var length: Duration
    }

    let extensionLength: Duration
    let maxDuration: Duration
    /// How often `due` must be asked: a quarter of the shortest lease, so a lease is seen due at
    /// least a quarter of its length before it runs out, which leaves time for a slow call.
    var checkInterval: Duration { min(extensionLength, Self.minimumDeadline) / 4 }
    private let leases = Mutex<[String: Lease]>([:])

    init(extension extensionLength: Duration, maxDuration: Duration) {
        self.extensionLength = extensionLength
        self.maxDuration = maxDuration
    }

    /// Pub/Sub's shortest ack deadline: what a lease is assumed to be until it is first extended.
    static let minimumDeadline = Duration.seconds(10)

    func hold(_ ackIds: [String], now: Duration) {
        leases.withLock { leases in
            for ackId in ackIds {
                leases[ackId] = Lease(receivedAt: now, expiresAt: now + Self.minimumDeadline, length: Self.minimumDeadline)
            }
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
            for (ackId, lease) in leases where lease.expiresAt - now <= lease.length / 2 {
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
            for ackId in ackIds where leases[ackId] != nil {
                leases[ackId]?.expiresAt = now + extensionLength
                leases[ackId]?.length = extensionLength
            }
        }
    }
}
