import Synchronization

/// How many requests a caller may make: `requestsPerSecond` on average, `burst` at once.
public struct RateLimit: Sendable, Hashable {
    public var requestsPerSecond: Double
    public var burst: Int

    public init(requestsPerSecond: Double = 100, burst: Int = 200) {
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
    }
}

/// A token bucket per caller (an API key's name, or a client address without auth).
///
/// Time comes from an injected clock, so tests step it instead of sleeping. The table of buckets is
/// bounded: when it is full, buckets that have refilled completely (idle callers, who lose nothing
/// by being forgotten) are dropped first.
final class RateLimiter: Sendable {
    private struct Bucket {
        var tokens: Double
        var updated: Duration
    }

    private let limit: RateLimit
    private let elapsed: @Sendable () -> Duration
    private let maxCallers: Int
    private let buckets = Mutex<[String: Bucket]>([:])

    init(limit: RateLimit, stopwatch: Stopwatch, maxCallers: Int = 100_000) {
        self.limit = limit
        self.maxCallers = maxCallers
        elapsed = stopwatch.elapsed
    }

    /// Takes a token for `caller`; nil when it may go on, else how long until a token is back.
    func take(_ caller: String) -> Duration? {
        let now = elapsed()
        let capacity = Double(limit.burst)
        return buckets.withLock { buckets -> Duration? in
            var bucket = buckets[caller] ?? Bucket(tokens: capacity, updated: now)
            let seconds = Self.seconds(bucket.updated, now)
            bucket.tokens = min(capacity, bucket.tokens + seconds * limit.requestsPerSecond)
            bucket.updated = now
            defer {
                if buckets.count >= maxCallers, buckets[caller] == nil { prune(&buckets, now: now) }
                buckets[caller] = bucket
            }
            guard bucket.tokens >= 1 else {
                return .milliseconds(Int64(((1 - bucket.tokens) / limit.requestsPerSecond * 1000).rounded(.up)))
            }
            bucket.tokens -= 1
            return nil
        }
    }

    private func prune(_ buckets: inout [String: Bucket], now: Duration) {
        let capacity = Double(limit.burst)
        buckets = buckets.filter { $0.value.tokens + Self.seconds($0.value.updated, now) * limit.requestsPerSecond < capacity }
        // Everyone is busy: forget arbitrary callers rather than grow without bound.
        while buckets.count >= maxCallers, let key = buckets.keys.first { buckets[key] = nil }
    }

    private static func seconds(_ from: Duration, _ to: Duration) -> Double {
        let (seconds, attoseconds) = (to - from).components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
